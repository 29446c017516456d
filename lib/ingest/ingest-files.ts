import type { PrismaClient } from "@/lib/db/client";
import { PARSER_VERSION } from "@/lib/minutes";
import { withoutCpr } from "@/lib/privacy/redact-cpr";
import { discoverFiles } from "./discover-files";
import { ingestSource, type DocumentReport } from "./ingest-document";
import { prunePageChanges } from "./page-changes";
import { createIdCache } from "./write-meeting";
import { readSourceFile } from "./read-document";

/** Totals of one run: discovered = ok + updated + unchanged + failed + skipped. */
export interface IngestSummary {
  discovered: number;
  ok: number;
  updated: number;
  unchanged: number;
  failed: number;
  skipped: number;
  cprRedactions: number;
  items: number;
  failures: Array<{ file: string; error: string }>;
  /** Warnings of the documents stored in this run (also on the data-quality page). */
  warnings: Array<{ file: string; line: number | null; message: string; text: string }>;
  skippedFiles: Array<{ file: string; reason: string }>;
  durationMs: number;
}

const DEFAULT_CONCURRENCY = 3;

/** Whether a run changed what the portal shows (so the search index must be rebuilt). */
export function hasChanges(summary: IngestSummary): boolean {
  return summary.ok + summary.updated > 0;
}

/**
 * Ingests files and directories, a few documents at a time, each in its own transaction (memory
 * stays flat in the number of documents). A failing document is recorded and the run goes on.
 * `onDocument` is called after each document, for progress output.
 */
export async function ingestFiles(
  prisma: PrismaClient,
  inputs: string[],
  options: {
    municipality?: string;
    onStart?: (total: number) => void;
    onDocument?: (report: DocumentReport) => void;
    /** Documents written at the same time (default 3). */
    concurrency?: number;
  } = {},
): Promise<IngestSummary> {
  const started = Date.now();
  await prunePageChanges(prisma);
  const discovery = await discoverFiles(inputs);
  const summary: IngestSummary = {
    discovered: discovery.files.length + discovery.skipped.length,
    ok: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    skipped: discovery.skipped.length,
    cprRedactions: 0,
    items: 0,
    failures: [],
    warnings: [],
    // File names are printed and returned as JSON: never with a CPR number in them.
    skippedFiles: discovery.skipped.map(({ file, reason }) => ({ file: withoutCpr(file), reason })),
    durationMs: 0,
  };
  options.onStart?.(discovery.files.length);
  const ids = createIdCache();
  const knownCurrent = new Set(
    (
      await prisma.sourceDocument.findMany({
        where: { status: "ok", parserVersion: PARSER_VERSION, meetings: { some: {} } },
        select: { sha256: true },
      })
    ).map((d) => d.sha256),
  );
  const ingestOne = async (file: string): Promise<DocumentReport> => {
    try {
      return await ingestSource(prisma, await readSourceFile(file), { municipality: options.municipality, ids, knownCurrent });
    } catch (error) {
      // Unreadable file or lost database connection: report it and continue with the rest.
      const message = error instanceof Error ? error.message : String(error);
      return { file: withoutCpr(file), status: "failed", error: withoutCpr(`${file}: ${message}`), cprRedactions: 0 };
    }
  };
  // A few documents in flight: while one waits on PostgreSQL another is parsed or sent, which
  // uses both cores. Each holds one document, so memory stays flat in the number of files.
  let next = 0;
  const worker = async () => {
    while (next < discovery.files.length) {
      const file = discovery.files[next++] as string;
      const report = await ingestOne(file);
      summary[report.status] += 1;
      summary.cprRedactions += report.cprRedactions;
      summary.items += report.items ?? 0;
      if (report.status === "failed") summary.failures.push({ file: report.file, error: report.error ?? "ukendt fejl" });
      for (const warning of report.warnings ?? []) summary.warnings.push({ file: report.file, ...warning });
      options.onDocument?.(report);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY) }, worker));
  summary.durationMs = Date.now() - started;
  return summary;
}
