import { getEnv } from "@/lib/config/env";
import type { PrismaClient } from "@/lib/db/client";
import { meetingIdsUnder, publishedItemsSource } from "@/lib/data/published-items";
import { PAGE_CHANGE_KEEP_DAYS, readChangeWatermark } from "@/lib/ingest/page-changes";
import { searchIndexDir } from "@/lib/search/index-dir";
import { itemPath } from "@/lib/data/paths";
import { appendIndexDelta, manifestBasis, readSearchIndexManifest, urlsEverIndexed, type SearchIndexManifest } from "@/lib/search/index-store";
import type { SearchDocument } from "@/lib/search/search-document";
import { withIndexWriteLock } from "./index-write-lock";
import { rebuildSearchIndex } from "./rebuild-search-index";

/** A delta needs the change rows since the index's basis; older ones are pruned (with a day's slack). */
const DELTA_HORIZON_MS = (PAGE_CHANGE_KEEP_DAYS - 1) * 24 * 60 * 60_000;

/**
 * Brings the exported search index in `dir` up to date with the database after a write (ingest,
 * reparse, committee rename, correction, deletion): the pages changed since the index's basis
 * (PageChange rows) are read again and appended as one delta (lib/search/index-delta.ts), which
 * a running server applies within a second. Only the changed pages are read: seconds, not the
 * minutes of a full build. Falls back to a full build when there is no index yet, when the
 * change rows since its basis may be pruned, or when everything changed.
 */
export async function updateSearchIndex(
  prisma: PrismaClient,
  log: (message: string) => void,
  dir: string = searchIndexDir(getEnv().dataDir),
): Promise<void> {
  const started = Date.now();
  const readAtMs = Date.now();
  // Read before the items: a change committed later has a larger id and goes into the next delta.
  // Read before the write lock too: its own transaction inside the lock's would need a second
  // connection, and on a loaded machine opening one can outlast a transaction's start timeout,
  // which failed the whole update (a delta written later by another writer covers this one's
  // changes: its watermark is at least as high).
  const watermark = await readChangeWatermark(prisma);
  const outcome = await withIndexWriteLock(prisma, async (): Promise<"rebuild" | "purge" | "done"> => {
    const lockedAt = Date.now();
    const manifest = await readSearchIndexManifest(dir).catch(() => null);
    if (manifest === null) return "rebuild";
    const since = manifestBasis(manifest);
    if (started - since.readAtMs > DELTA_HORIZON_MS) return "rebuild";
    if (watermark <= since.changeWatermark) return "done";
    const rows = await prisma.pageChange.findMany({
      where: { id: { gt: since.changeWatermark, lte: watermark } },
      distinct: ["path"],
      select: { path: true },
    });
    const paths = coveringPaths(rows.map((row) => row.path));
    if (paths.includes("/")) return "rebuild";
    const docs: SearchDocument[] = [];
    if (paths.length > 0) for await (const doc of publishedItemsSource(prisma).readPublished(paths)) docs.push(doc);
    const readMs = Date.now() - readAtMs;
    const written = await appendIndexDelta(dir, manifest, { paths, docs, basis: { changeWatermark: watermark, readAtMs } });
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    log(
      `Search index ${written.version}: delta ${written.deltas.length} replaced ${paths.length} page(s) with ${docs.length} agenda items in ${seconds(Date.now() - started)} (watermark and lock ${seconds(lockedAt - started)}, read ${seconds(readMs - (lockedAt - readAtMs))}, written ${seconds(Date.now() - readAtMs - readMs)}).`,
    );
    return (await closesIndexedItems(prisma, dir, manifest, paths)) ? "purge" : "done";
  });
  if (outcome === "purge") log("A correction closed an indexed item: rebuilding, so no index file keeps its text …");
  if (outcome !== "done") await rebuildSearchIndex(prisma, log, dir);
}

/**
 * True when a closed item below `paths` was indexed open (by the full build or a delta): a
 * correction closed it, and while the delta takes it out of search, its text is still in the
 * index files. The full build that follows replaces them.
 */
async function closesIndexedItems(prisma: PrismaClient, dir: string, manifest: SearchIndexManifest, paths: readonly string[]): Promise<boolean> {
  if (paths.length === 0) return false;
  const meetingIds = await meetingIdsUnder(prisma, paths);
  if (meetingIds !== null && meetingIds.length === 0) return false;
  const closed = await prisma.agendaItem.findMany({
    where: { closed: true, ...(meetingIds === null ? {} : { meetingId: { in: meetingIds } }) },
    select: { number: true, meeting: { select: { urlKey: true, committee: { select: { slug: true, municipality: { select: { slug: true } } } } } } },
  });
  const urls = closed.map((item) => itemPath(item.meeting.committee.municipality.slug, item.meeting.committee.slug, item.meeting.urlKey, item.number));
  return (await urlsEverIndexed(dir, manifest, urls)).length > 0;
}

/** The paths without those below another one in the list ("/vejen" covers "/vejen/byraadet/2024-03-19"), sorted. */
export function coveringPaths(paths: readonly string[]): string[] {
  const normalized = new Set(paths.map((path) => (path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path)));
  return [...normalized].filter((path) => !ancestorsOf(path).some((ancestor) => normalized.has(ancestor))).sort();
}

/** "/a/b/c" → ["/", "/a", "/a/b"]. */
function ancestorsOf(path: string): string[] {
  if (path === "/") return [];
  const segments = path.split("/").filter((segment) => segment !== "");
  return segments.map((_, i) => `/${segments.slice(0, i).join("/")}`);
}
