import { parseMinutes, PARSER_VERSION } from "@/lib/minutes";
import type { PrismaClient } from "@/lib/db/client";
import { findPrivacyViolations } from "@/lib/privacy/check-parsed-meeting";
import { redactCpr, withoutCpr } from "@/lib/privacy/redact-cpr";
import type { SourceFile } from "./read-document";
import { blankDroppedLines } from "./source-text";
import {
  createIdCache,
  meetingLockKey,
  withIngestLock,
  writeMeeting,
  type IdCache,
  type MeetingWarning,
  type StoredDocument,
} from "./write-meeting";

/** What happened to one document. */
export type DocumentStatus = "ok" | "updated" | "unchanged" | "failed";

/** The outcome of ingesting one document, for progress output and the run summary. */
export interface DocumentReport {
  file: string;
  status: DocumentStatus;
  /** Meeting page, when the document holds a meeting. */
  url?: string;
  items?: number;
  /** "file:line: reason" style message, when failed. */
  error?: string;
  line?: number | null;
  cprRedactions: number;
  /** What the stored meeting was saved with but could not be read cleanly (see Meeting.warnings). */
  warnings?: MeetingWarning[];
}

/** Options of one document's ingest. */
export interface IngestOptions {
  municipality?: string;
  /** Re-parse even when these bytes were stored by the current parser (reparse). */
  force?: boolean;
  ids?: IdCache;
  /** sha256 values already stored by the current parser, read once per run: a fast "unchanged". */
  knownCurrent?: ReadonlySet<string>;
}

function formatError(file: string, line: number | null | undefined, reason: string): string {
  return line ? `${file}:${line}: ${reason}` : `${file}: ${reason}`;
}

/**
 * These bytes are what the portal shows: parsed by this parser and still the source of their
 * meeting. Bytes a later correction replaced are not, so bringing them back restores them.
 */
const isCurrent = (stored: StoredDocument | null) => stored?.status === "ok" && stored.parserVersion === PARSER_VERSION && stored.shown;

async function recordFailure(
  prisma: PrismaClient,
  source: SourceFile,
  reason: string,
  line: number | null,
  cprRedactions: number,
): Promise<DocumentReport> {
  // Without a successful parse the closed items' line ranges are unknown, so no text is kept:
  // storing it could publish a closed item's body. The file itself is the copy to re-ingest.
  // A database error may quote values: the reason is stored and printed without CPR numbers.
  const error = withoutCpr(reason);
  const data = {
    fileName: source.fileName,
    size: source.size,
    encoding: source.encoding,
    text: "",
    parserVersion: PARSER_VERSION,
    status: "failed" as const,
    error,
    errorLine: line,
    cprRedactions,
    ingestedAt: new Date(),
  };
  await withIngestLock(prisma, source.sha256, null, (tx) =>
    tx.sourceDocument.upsert({ where: { sha256: source.sha256 }, create: { ...data, sha256: source.sha256 }, update: data, select: { id: true } }),
  );
  return { file: source.fileName, status: "failed", error: formatError(source.fileName, line, error), line, cprRedactions };
}

/**
 * Ingests one decoded file: CPR numbers redacted first, then parsed; the SourceDocument
 * (without closed items' bodies) and its meeting are written in one transaction. The same
 * bytes again → "unchanged" without writes; a ParseError or any database error → "failed",
 * recorded with its reason, and nothing of the meeting half-written. A document the privacy
 * check rejects (a closed marker inside an open item, a CPR number left) is withheld: recorded
 * as failed with the reason and line, nothing published.
 */
export async function ingestSource(prisma: PrismaClient, file: SourceFile, options: IngestOptions = {}): Promise<DocumentReport> {
  // readSourceFile already redacts the name; a reparse hands back names stored before it did.
  const source = { ...file, fileName: withoutCpr(file.fileName) };
  const unchanged: DocumentReport = { file: source.fileName, status: "unchanged", cprRedactions: 0 };
  if (!options.force && options.knownCurrent?.has(source.sha256)) return unchanged;

  const { text: redacted, count: cprRedactions } = redactCpr(source.text);
  const parsed = parseMinutes(redacted, options.municipality ? { municipality: options.municipality } : undefined);
  if (!parsed.ok) return recordFailure(prisma, source, parsed.error.reason, parsed.error.line, cprRedactions);

  const storedText = blankDroppedLines(redacted, parsed.droppedLineRanges);
  const violations = findPrivacyViolations(parsed.meeting, storedText, source.fileName);
  const [first] = violations;
  if (first) {
    const more = violations.length > 1 ? ` (og ${violations.length - 1} fund mere)` : "";
    return recordFailure(prisma, source, `${first.reason}${more}`, first.line, cprRedactions);
  }
  let remember = () => {};
  try {
    const report = await withIngestLock(prisma, source.sha256, meetingLockKey(parsed.meeting), async (tx, stored): Promise<DocumentReport> => {
      // Checked under the lock: a concurrent run may have stored these bytes meanwhile.
      if (!options.force && isCurrent(stored)) return unchanged;
      const data = {
        fileName: source.fileName,
        size: source.size,
        encoding: source.encoding,
        text: storedText,
        parserVersion: PARSER_VERSION,
        status: "ok" as const,
        error: null,
        errorLine: null,
        cprRedactions,
        ingestedAt: new Date(),
      };
      const document = await tx.sourceDocument.upsert({
        where: { sha256: source.sha256 },
        create: { ...data, sha256: source.sha256 },
        update: data,
        select: { id: true },
      });
      const written = await writeMeeting(tx, parsed.meeting, document.id, options.ids ?? createIdCache());
      remember = written.remember;
      return {
        file: source.fileName,
        status: written.isUpdate ? "updated" : "ok",
        url: written.url,
        items: parsed.meeting.items.length,
        cprRedactions,
        warnings: written.warnings,
      };
    });
    remember();
    return report;
  } catch (error) {
    const reason = `kunne ikke gemmes: ${error instanceof Error ? error.message.split("\n").slice(-1)[0] : String(error)}`;
    return recordFailure(prisma, source, reason, null, cprRedactions);
  }
}
