import { DECISION_OUTCOMES, type DecisionOutcome, type SectionKind } from "@/lib/minutes/vocabulary";
import { sectionField, type FieldRestriction, type FlexDocument, type SearchFieldName } from "./index-config";
import type { SectionStore } from "./section-store";
import type { Segment } from "./segment/segment";
import type { TermRanges } from "./segment/term-ranges";
import type { StringColumn } from "./string-column";
import type { TermDictionary } from "./term-dictionary";
import type { TermFrequencies } from "./term-frequencies";

/** A facet value with its display name: a municipality or committee. */
export interface FacetLabel {
  slug: string;
  name: string;
}

/**
 * A committee of one municipality. Its facet value (`slug`) is "<municipality slug>/<committee
 * slug>": municipalities reuse committee names, and keyed by committee slug alone Vejen's and
 * Varde's "udvalget-for-arbejdsmarked-og-integration" merged into one facet value.
 */
export interface CommitteeLabel extends FacetLabel {
  /** The committee's own slug, as in its URLs ("arbejdsmarkedsudvalget"). */
  committeeSlug: string;
  /** Facet label: "<name> (<municipality without ' Kommune'>)". */
  label: string;
}

/** One stored section of an item, NFC-normalized. */
export interface StoredSection {
  kind: SectionKind;
  heading: string;
  text: string;
}

/**
 * What results and snippets need of each item, as columns indexed by ordinal (the FlexSearch id).
 * All text is NFC-normalized so word offsets from the encoder apply to it directly. The texts
 * are UTF-8 byte columns outside the heap (string-column.ts), decoded one entry at a time. The
 * meeting date and the decision outcome are the facet columns `day` and `outcome`
 * ({@link itemDate}, {@link itemOutcome}).
 */
export interface StoredItems {
  /** AgendaItem.id (a PostgreSQL integer, so an Int32 holds it). */
  id: Int32Array;
  url: StringColumn;
  title: StringColumn;
  number: StringColumn;
  caseNumber: StringColumn<string | null>;
  decision: StringColumn<string | null>;
  /** Kept apart from the heap once exported (section-store.ts). */
  sections: SectionStore;
}

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a YYYY-MM-DD date (the `day` facet); exact, as {@link itemDate} reads
 * the stored date back from it: a date Date.parse rolls over ("2024-02-30" to March 1) throws.
 */
export function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  return Math.floor(ms / MS_PER_DAY);
}

/** The year of a {@link dayNumber}. */
export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** The meeting date of an item, YYYY-MM-DD, from its `day` facet. */
export function itemDate(index: Pick<SearchIndex, "facets">, ordinal: number): string {
  const day = index.facets.day[ordinal];
  return day === undefined ? "" : new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The decision outcome of an item, from its `outcome` facet. */
export function itemOutcome(index: Pick<SearchIndex, "facets">, ordinal: number): DecisionOutcome {
  return DECISION_OUTCOMES[index.facets.outcome[ordinal] ?? -1] ?? "none";
}

/** Per-item facet values as typed arrays, indexed by ordinal. */
export interface FacetColumns {
  /** Position in {@link SearchIndex.municipalities}. */
  municipality: Uint16Array;
  /** Position in {@link SearchIndex.committees}. */
  committee: Uint16Array;
  year: Uint16Array;
  /** Position in DECISION_OUTCOMES. */
  outcome: Uint8Array;
  /** KLE main group 0–99, or {@link NO_KLE_GROUP}. */
  kle: Uint8Array;
  /** 1 when the decision departs from the recommendation, else 0. */
  deviation: Uint8Array;
  /** 1 when the item records votes against or dissent, else 0. */
  dissent: Uint8Array;
  /** Days since 1970-01-01 of the meeting date. */
  day: Int32Array;
}

/** `FacetColumns.kle` value of an item whose case number carries no KLE code. */
export const NO_KLE_GROUP = 255;

/**
 * The database state an index was built from. Changes recorded after `changeWatermark` may not
 * be in the index, so while it serves, the items they touch are checked against the database
 * (see withheld-items.ts).
 */
export interface IndexBasis {
  /** Every PageChange row up to this id had committed (or rolled back) before the build read. */
  changeWatermark: number;
  /** When the build started reading, ms since 1970. */
  readAtMs: number;
}

/**
 * The full build's postings (lib/search/segment): immutable, their dictionaries in compact
 * buffers and their postings read from disk on demand, so neither sits on the JavaScript heap.
 */
export interface IndexSegments {
  /** Ordinals below this are the full build's and indexed here; deltas append from it on. */
  size: number;
  /** Index terms over INDEXED_FIELDS (one segment field each, in that order). */
  terms: Segment;
  /** Adjacent word pairs ("first\u0001second", PAIR_FIELD): one field. */
  pairs: Segment;
  /** The terms segment's range tables and bitmaps (segment/term-ranges.ts), for ranked-search.ts. */
  ranges: TermRanges;
  /** The pairs segment's bitmaps of its most frequent pairs (no tables), for a two-word phrase's hits (phrase-match.ts). */
  pairRanges: TermRanges;
}

/**
 * The search index: the full build's segments, FlexSearch for what deltas appended since, the
 * stored fields and the facet columns.
 */
export interface SearchIndex {
  /** Identifies one build; the export directory and manifest carry it. */
  version: string;
  /** What the build read of the database; see {@link IndexBasis}. */
  basis: IndexBasis;
  /** Number of ordinals, removed ones included (every column has this length). */
  size: number;
  /** Number of ordinals not {@link removed}: the item count an inverse document frequency divides. */
  liveSize: number;
  /**
   * 1 for an ordinal a delta removed (its page was replaced: lib/search/index-delta.ts); it
   * stays in FlexSearch and the columns until the next full build, but is never found.
   * Null: nothing removed.
   */
  removed: Uint8Array | null;
  /** How many deltas of the manifest are applied; grows with each, so it also tells the state apart. */
  appliedDeltas: number;
  /** The full build's postings; read them through index-postings.ts, which adds the deltas'. */
  segments: IndexSegments;
  /** The items deltas appended ({@link IndexSegments.size} on), indexed by FlexSearch. */
  flex: FlexDocument;
  /** Every index term of the items in `flex`, for expanding a query term to the words it is a prefix of. */
  dictionary: TermDictionary;
  /** Every adjacent word pair ("first\u0001second") of the items in `flex`, for phrases. */
  pairDictionary: TermDictionary;
  /** How often the fields of the items in `flex` repeat a term, for BM25's term frequency (term-frequencies.ts). */
  frequencies: TermFrequencies;
  items: StoredItems;
  facets: FacetColumns;
  /** Municipalities by id, keyed by slug. */
  municipalities: FacetLabel[];
  /** Committees by id, keyed by "<municipality slug>/<committee slug>". */
  committees: CommitteeLabel[];
  /** Ordinals sorted newest first (ties: lower ordinal first), for browsing and date sort. */
  byDateDesc: Uint32Array;
  /** Ordinals sorted by URL, built on first use (see url-order.ts) and kept in step by deltas. */
  byUrl: Uint32Array | null;
}

/**
 * The texts of one item that make up a search field, in order. The build indexes exactly these
 * and the query side verifies phrases and cuts snippets from them.
 */
export function fieldTexts(index: Pick<SearchIndex, "items" | "facets" | "municipalities" | "committees">, ordinal: number, field: SearchFieldName): string[] {
  const items = index.items;
  switch (field) {
    case "title":
      return [items.title.get(ordinal)];
    case "decision": {
      const decision = items.decision.get(ordinal);
      return decision ? [decision] : [];
    }
    case "meta": {
      const municipality = index.municipalities[index.facets.municipality[ordinal] ?? 0]?.name ?? "";
      const committee = index.committees[index.facets.committee[ordinal] ?? 0]?.name ?? "";
      return metaTexts(items.caseNumber.get(ordinal), committee, municipality);
    }
    case "lead":
    case "body":
      return sectionTexts(items.sections.at(ordinal), items.decision.get(ordinal), field);
  }
}

/** The "meta" field's texts: the case number, the committee's and the municipality's names, empty ones left out. */
export function metaTexts(caseNumber: string | null, committee: string, municipality: string): string[] {
  return [caseNumber ?? "", committee, municipality].filter((text) => text !== "");
}

/** The texts of an item's `sections` that make up search field `field` ("lead" or "body"). */
export function sectionTexts(sections: readonly StoredSection[], decision: string | null, field: SearchFieldName): string[] {
  return indexedSections(sections, decision)
    .filter((section) => sectionField(section.kind) === field)
    .map((section) => section.text);
}

/** The sections indexed in "lead" and "body", in order: all but the one holding the committee's own decision. */
export function indexedSections(sections: readonly StoredSection[], decision: string | null): StoredSection[] {
  return sections.filter((section) => isIndexedSection(section, decision));
}

/** False for the section holding the committee's own decision: it is indexed once, as `decision`. */
function isIndexedSection(section: StoredSection, decision: string | null): boolean {
  return !(section.kind === "beslutning" && section.text === decision);
}

/** The texts of an item a text search with `restriction` looks at, field by field. */
export function searchedTexts(index: Pick<SearchIndex, "items" | "facets" | "municipalities" | "committees">, ordinal: number, restriction: FieldRestriction): string[] {
  const texts: string[] = [];
  someSearchedText(index, ordinal, restriction, (text) => {
    texts.push(text);
    return false;
  });
  return texts;
}

/**
 * True when `predicate` holds for one of the texts {@link searchedTexts} returns, tried in the
 * same order without building that list; a phrase check usually stops at the title. The item's
 * sections are decompressed at most once, however many of "lead" and "body" are searched.
 */
export function someSearchedText(
  index: Pick<SearchIndex, "items" | "facets" | "municipalities" | "committees">,
  ordinal: number,
  restriction: FieldRestriction,
  predicate: (text: string) => boolean,
): boolean {
  const kind = restriction.sectionKind;
  const items = index.items;
  let sections: readonly StoredSection[] | null = null;
  let decision: string | null = null;
  for (const field of restriction.fields) {
    if (field !== "lead" && field !== "body") {
      if (fieldTexts(index, ordinal, field).some(predicate)) return true;
      continue;
    }
    if (sections === null) {
      sections = items.sections.at(ordinal);
      decision = items.decision.get(ordinal);
    }
    for (const section of sections) {
      if (!isIndexedSection(section, decision)) continue;
      if (sectionField(section.kind) !== field || (kind !== null && section.kind !== kind)) continue;
      if (predicate(section.text)) return true;
    }
  }
  return false;
}
