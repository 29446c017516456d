import { appendDocuments, itemTerms } from "./build-index";
import type { SearchDocument } from "./search-document";
import type { IndexBasis, SearchIndex } from "./search-index";
import { forgetItemTerms } from "./index-postings";
import { ordinalsUnder } from "./url-order";

/**
 * What changed in the database between two index versions, as pages replaced whole: every
 * indexed item at or below one of `paths` goes, and `docs` (every item published below those
 * paths when the delta was read) come in. Replacing whole pages needs no knowledge of the index
 * (the writer never loads it), is idempotent, and composes: applied in order, deltas leave the
 * index holding what a full build at the last delta's basis would hold.
 */
export interface IndexDelta {
  /** Page paths as PageChange rows name them: a meeting ("/vejen/byraadet/2024-03-19") or a municipality ("/vejen"). */
  paths: string[];
  /** Open items below `paths`, as the index build reads them. */
  docs: SearchDocument[];
  /** The database state `docs` were read from: every change up to its watermark is in them. */
  basis: IndexBasis;
}

/**
 * Applies `delta` to `index` in place: the items below its paths are marked removed (never
 * found again; their terms no longer count toward frequencies) and its documents appended.
 * Synchronous, so no search sees a half-applied delta; {@link SearchIndex.appliedDeltas} grows,
 * which tells anything computed for the previous state (the withheld-items filter) to start over.
 */
export function applyIndexDelta(index: SearchIndex, delta: IndexDelta): void {
  const removed = index.removed ?? new Uint8Array(index.size);
  for (const path of delta.paths) {
    if (path !== "/" && !path.startsWith("/")) throw new Error(`Not a page path in an index delta: ${path}`);
    for (const ordinal of ordinalsUnder(index, path)) {
      if (removed[ordinal] === 1) continue;
      removed[ordinal] = 1;
      index.liveSize--;
      const terms = itemTerms(index, ordinal);
      forgetItemTerms(index, ordinal, new Set(terms.fields.flatMap((field) => field.terms)), new Set(terms.pairs.keys()));
    }
  }
  index.removed = removed;
  for (const doc of delta.docs) {
    if (!delta.paths.some((path) => isBelow(doc.url, path))) throw new Error(`Index delta item ${doc.url} lies outside the delta's pages`);
  }
  appendDocuments(index, delta.docs);
  index.basis = delta.basis;
  index.appliedDeltas++;
}

function isBelow(url: string, path: string): boolean {
  return path === "/" || url.startsWith(path.endsWith("/") ? path : `${path}/`);
}
