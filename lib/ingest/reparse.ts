import { PARSER_VERSION } from "@/lib/minutes";
import type { PrismaClient } from "@/lib/db/client";
import { ingestSource, type DocumentReport } from "./ingest-document";
import { relinkMeetingCases } from "./link-cases";
import type { SourceFile } from "./read-document";

/**
 * The documents a reparse reads: those meetings are built from, by default only an older parser's.
 * Meetings imported from a site (lib/sources) have no minutes text to parse: they are left alone.
 */
function reparseWhere(all: boolean) {
  return {
    status: "ok" as const,
    meetings: { some: {} },
    remoteMeeting: { is: null },
    ...(all ? {} : { parserVersion: { not: PARSER_VERSION } }),
  };
}

/** How many shown documents an older parser read: what `npm run reparse` would update. */
export function countOutdatedDocuments(prisma: PrismaClient): Promise<number> {
  return prisma.sourceDocument.count({ where: reparseWhere(false) });
}

/**
 * Re-parses stored documents with the current parser (their stored text is the source), in
 * the same transaction-per-document way as the ingest. By default only documents parsed by an
 * older parser version; `all` re-parses every successfully ingested document. Only documents a
 * meeting is built from: a version a later ingest replaced stays history, since parsing it
 * again would put it back on the page. With `all`, imported meetings' items are linked to their
 * cases (relinkMeetingCases).
 */
export async function reparseDocuments(
  prisma: PrismaClient,
  options: { all?: boolean; onDocument?: (report: DocumentReport) => void } = {},
): Promise<DocumentReport[]> {
  const documents = await prisma.sourceDocument.findMany({ where: reparseWhere(options.all ?? false), select: { id: true }, orderBy: { id: "asc" } });
  const reports: DocumentReport[] = [];
  for (const { id } of documents) {
    const doc = await prisma.sourceDocument.findUniqueOrThrow({
      where: { id },
      include: { meetings: { take: 1, include: { committee: { include: { municipality: true } } } } },
    });
    // The municipality is passed back as a hint: documents that needed --municipality still parse.
    const municipality = doc.meetings[0]?.committee.municipality.name;
    const report = await ingestSource(
      prisma,
      { fileName: doc.fileName, sha256: doc.sha256, size: doc.size, encoding: doc.encoding as SourceFile["encoding"], text: doc.text },
      { municipality, force: true },
    );
    reports.push(report);
    options.onDocument?.(report);
  }
  if (options.all) {
    // Imported meetings are never parsed again; their items still join the cases.
    const imported = await prisma.meeting.findMany({ where: { sourceDocument: { remoteMeeting: { isNot: null } } }, select: { id: true }, orderBy: { id: "asc" } });
    await relinkMeetingCases(prisma, imported.map((m) => m.id));
  }
  return reports;
}
