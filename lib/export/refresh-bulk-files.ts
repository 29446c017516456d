import { stat } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/db/client";
import { PAGE_CHANGE_KEEP_DAYS } from "@/lib/ingest/page-changes";
import { readExportBasis, type ExportBasis } from "./data-version";
import { readPublishedExport, type PublishedExport } from "./serve-export";
import { NATIONAL_STEM, writeBulkFiles, type ExportSummary, type KeptMunicipality } from "./write-bulk-files";

/**
 * Keeps the bulk files current without anyone running `npm run export`: after every ingest,
 * import, reparse or correction (scripts/lib/after-data-change.ts), and on a timer in the
 * running server (scripts/serve.ts). Only the municipalities whose data changed since the
 * published files were written get their files written again, and the files of all of Denmark
 * are joined anew from the municipalities' (write-bulk-files.ts). What changed is known twice
 * over, and a municipality either names is rewritten: the page-change feed (PageChange rows, the
 * search index's deltas read the same) names every page a write touched, and each municipality's
 * fingerprint (data-version.ts) catches writes that bypass the feed. When the feed cannot tell
 * (no files yet, files from older code, rows since the files' basis maybe pruned, a change to
 * every page) every file is written. Writes stay atomic, so the old files are served until the
 * new set is in place.
 */

/** Advisory lock key: one export at a time across every process on the database. */
const EXPORT_LOCK = 7_404_016;

/** The feed needs the change rows since the files' basis; older ones are pruned (with a day's slack). */
const FEED_HORIZON_MS = (PAGE_CHANGE_KEEP_DAYS - 1) * 24 * 60 * 60_000;

/** What a refresh did. */
export type RefreshOutcome = { status: "unchanged" } | { status: "busy" } | { status: "exported"; summary: ExportSummary; reason: string | null };

/** Which municipalities' files a refresh keeps; `reason` says why it keeps none (a full rewrite). */
export interface RefreshPlan {
  keep: Map<string, KeptMunicipality>;
  /** The files of all of Denmark, when they stay too: every municipality kept, none gone. */
  keepNational: KeptMunicipality | null;
  reason: string | null;
}

/**
 * Writes the bulk files into `dir` when the data changed since they were written (or there
 * are none). "busy" when another process is exporting right now; it writes what is current.
 */
export async function refreshBulkFiles(prisma: PrismaClient, dir: string, siteUrl: string): Promise<RefreshOutcome> {
  if (isCurrent(await readPublishedOrNull(dir), await readExportBasis(prisma, siteUrl))) return { status: "unchanged" };
  // A transaction-scoped advisory lock, held on one connection for the export's duration and
  // released by PostgreSQL even if this process dies.
  return prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${EXPORT_LOCK}) AS locked`;
      if (!lock?.locked) return { status: "busy" as const };
      // Another process may have finished an export while this one waited for the lock. Read
      // before the data: a change during the export leaves the files marked as older than it.
      const published = await readPublishedOrNull(dir);
      const basis = await readExportBasis(prisma, siteUrl);
      if (isCurrent(published, basis)) return { status: "unchanged" as const };
      const plan = await planRefresh(prisma, dir, published, basis);
      const summary = await writeBulkFiles(prisma, dir, siteUrl, () => {}, { basis, keep: plan.keep, keepNational: plan.keepNational });
      return { status: "exported" as const, summary, reason: plan.reason };
    },
    { maxWait: 60_000, timeout: 24 * 3_600_000 },
  );
}

/**
 * Writes every bulk file into `dir` (`npm run export`), waiting while another process exports:
 * the same lock as {@link refreshBulkFiles}, so a full export and a running server's refresh of
 * the same folder never interleave their files and their datapackage.json.
 */
export async function exportBulkFiles(
  prisma: PrismaClient,
  dir: string,
  siteUrl: string,
  onProgress: (meetings: number) => void = () => {},
): Promise<ExportSummary> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${EXPORT_LOCK})`;
      return writeBulkFiles(prisma, dir, siteUrl, onProgress);
    },
    { maxWait: 60_000, timeout: 24 * 3_600_000 },
  );
}

/** The published export; null when there is none or its datapackage.json cannot be read (then everything is written). */
async function readPublishedOrNull(dir: string): Promise<PublishedExport | null> {
  const published = await readPublishedExport(dir).catch(() => null);
  return published && Array.isArray(published.resources) ? published : null;
}

function isCurrent(published: PublishedExport | null, basis: ExportBasis): boolean {
  return published?.basis?.changeWatermark === basis.changeWatermark && published.dataVersion === basis.dataVersion;
}

/**
 * Decides which municipalities' published files stay: those the change feed since the files'
 * basis does not name, whose fingerprint is unchanged, and whose two files are in place at their
 * described size. Any doubt rewrites: a full rewrite (nothing kept, with the reason) when the
 * feed cannot tell what changed.
 */
export async function planRefresh(prisma: PrismaClient, dir: string, published: PublishedExport | null, basis: ExportBasis): Promise<RefreshPlan> {
  const full = (reason: string): RefreshPlan => ({ keep: new Map(), keepNational: null, reason });
  if (published === null) return full("der var ingen datafiler");
  const since = published.basis;
  if (since === null) return full("datafilerne er skrevet af en ældre udgave");
  if (basis.changeWatermark < since.changeWatermark) return full("ændringsloggen er yngre end datafilerne (en anden database?)");
  const basisAge = Date.parse(basis.readAt) - Date.parse(since.readAt);
  if (!(basisAge <= FEED_HORIZON_MS)) return full(`datafilerne er ældre end ændringsloggens ${PAGE_CHANGE_KEEP_DAYS} dage`);
  const rows = await prisma.$queryRaw<Array<{ segment: string }>>`
    SELECT DISTINCT split_part("path", '/', 2) AS segment FROM "PageChange" WHERE id > ${since.changeWatermark} AND id <= ${basis.changeWatermark}`;
  const touched = new Set(rows.map((row) => row.segment));
  const known = new Set([...basis.municipalities.map((municipality) => municipality.slug), ...Object.keys(since.municipalityVersions)]);
  if (touched.has("")) return full("en ændring gælder hele portalen");
  const unknown = [...touched].filter((segment) => !known.has(segment));
  if (unknown.length > 0) return full(`ændringsloggen nævner sider uden for en kommune (/${unknown[0]})`);
  const resources = new Map(published.resources.map((resource) => [resource.path, resource]));
  if (!resources.has(`${NATIONAL_STEM}.jsonl.gz`) || !resources.has(`${NATIONAL_STEM}.csv`)) return full("filerne for hele Danmark mangler i datapackage.json");
  /** The stem's two published files, when both are described and in place at their size. */
  const publishedPair = async (stem: string): Promise<KeptMunicipality | null> => {
    const pair = [resources.get(`${stem}.jsonl.gz`), resources.get(`${stem}.csv`)];
    if (!pair.every((resource) => resource !== undefined)) return null;
    const isInPlace = await Promise.all(pair.map((resource) => hasDescribedSize(dir, resource.path, resource.bytes)));
    return isInPlace.every(Boolean) ? { resources: pair } : null;
  };
  const keep = new Map<string, KeptMunicipality>();
  for (const municipality of basis.municipalities) {
    if (touched.has(municipality.slug) || since.municipalityVersions[municipality.slug] !== municipality.version) continue;
    const pair = await publishedPair(municipality.slug);
    if (pair) keep.set(municipality.slug, pair);
  }
  const isSameSet = Object.keys(since.municipalityVersions).length === basis.municipalities.length && keep.size === basis.municipalities.length;
  return { keep, keepNational: isSameSet ? await publishedPair(NATIONAL_STEM) : null, reason: null };
}

async function hasDescribedSize(dir: string, name: string, bytes: number): Promise<boolean> {
  try {
    return (await stat(path.join(dir, name))).size === bytes;
  } catch {
    return false;
  }
}

/** The operators' line for a refresh that wrote files (Danish, as the ingest's other lines). */
export function describeRefresh(outcome: Extract<RefreshOutcome, { status: "exported" }>, ms: number): string {
  const { summary, reason } = outcome;
  const seconds = `${(ms / 1000).toFixed(1).replace(".", ",")} s`;
  if (reason !== null || summary.rewritten.length === summary.municipalities) {
    return `Datafilerne under /data/ er skrevet igen: alle ${summary.municipalities} kommuner (${summary.meetings} møder) på ${seconds}${reason === null ? "" : `, fordi ${reason}`}.`;
  }
  const count = summary.rewritten.length;
  const names = count <= 5 ? summary.rewritten.join(", ") : `${summary.rewritten.slice(0, 5).join(", ")} m.fl.`;
  const which = count === 0 ? "ingen kommuner skrevet igen" : `${count} ${count === 1 ? "kommune" : "kommuner"} skrevet igen (${names}: ${summary.meetings} møder)`;
  return `Datafilerne under /data/ er opdateret: ${which}, hele Danmark samlet af ${summary.municipalities} kommuners filer, på ${seconds}.`;
}

/**
 * Checks every `intervalMs` (first after `firstDelayMs`) whether the bulk files are current
 * and writes them when not; one check at a time. Errors are reported, never thrown: the next
 * check tries again.
 */
export function startBulkExportTimer(
  prisma: PrismaClient,
  options: {
    dir: string;
    siteUrl: string;
    intervalMs?: number;
    firstDelayMs?: number;
    onExported?: (summary: ExportSummary) => void;
    onError?: (error: unknown) => void;
  },
): { stop: () => void } {
  const intervalMs = options.intervalMs ?? 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const check = async () => {
    try {
      const outcome = await refreshBulkFiles(prisma, options.dir, options.siteUrl);
      if (outcome.status === "exported") options.onExported?.(outcome.summary);
    } catch (error) {
      options.onError?.(error);
    }
    if (!stopped) timer = setTimeout(check, intervalMs).unref();
  };
  timer = setTimeout(check, options.firstDelayMs ?? 5_000).unref();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
