import type { PrismaClient } from "@/lib/db/client";
import { readDataVersion } from "./data-version";
import { readPublishedExport } from "./serve-export";
import { writeBulkFiles, type ExportSummary } from "./write-bulk-files";

/**
 * Keeps the bulk files current without anyone running `npm run export`: after every ingest,
 * import, reparse or correction (scripts/lib/after-data-change.ts), and on a timer in the
 * running server (scripts/serve.ts), the files are written again, whole, when the data's
 * fingerprint differs from the one the published files were written from. Writes stay atomic
 * (see writeBulkFiles), so the old files are served until the new set is in place.
 */

/** Advisory lock key: one export at a time across every process on the database. */
const EXPORT_LOCK = 7_404_016;

/** What a refresh did. */
export type RefreshOutcome = { status: "unchanged" } | { status: "busy" } | { status: "exported"; summary: ExportSummary };

/**
 * Writes the bulk files into `dir` when the data changed since they were written (or there
 * are none). "busy" when another process is exporting right now; it writes what is current.
 */
export async function refreshBulkFiles(prisma: PrismaClient, dir: string, siteUrl: string): Promise<RefreshOutcome> {
  const published = await readPublishedExport(dir);
  if (published && published.dataVersion === (await readDataVersion(prisma, siteUrl))) return { status: "unchanged" };
  // A transaction-scoped advisory lock, held on one connection for the export's duration and
  // released by PostgreSQL even if this process dies.
  return prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${EXPORT_LOCK}) AS locked`;
      if (!lock?.locked) return { status: "busy" as const };
      // Another process may have finished an export while this one waited for the lock.
      const again = await readPublishedExport(dir);
      if (again && again.dataVersion === (await readDataVersion(prisma, siteUrl))) return { status: "unchanged" as const };
      return { status: "exported" as const, summary: await writeBulkFiles(prisma, dir, siteUrl) };
    },
    { maxWait: 60_000, timeout: 24 * 3_600_000 },
  );
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
