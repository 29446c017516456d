import { blankDroppedLines } from "@/lib/ingest/source-text";
import { parseMinutes, type ParsedMeeting } from "@/lib/minutes";
import { findPrivacyViolations } from "@/lib/privacy/check-parsed-meeting";
import { redactCpr } from "@/lib/privacy/redact-cpr";

/** A generated document to parse. */
export interface ParseRequest {
  fileName: string;
  text: string;
}

/** A document parsed as lib/ingest/ingest-document.ts parses it; `meeting` null when the ingest would refuse it. */
export interface ParsedDocument {
  meeting: ParsedMeeting | null;
  cprRedactions: number;
}

/** Redacts CPR numbers, parses, and runs the privacy check on what would be stored, as the ingest does. */
export function parseDocument(document: ParseRequest): ParsedDocument {
  const { text: redacted, count: cprRedactions } = redactCpr(document.text);
  const parsed = parseMinutes(redacted);
  if (!parsed.ok) return { meeting: null, cprRedactions };
  const violations = findPrivacyViolations(parsed.meeting, blankDroppedLines(redacted, parsed.droppedLineRanges), document.fileName);
  return { meeting: violations.length > 0 ? null : parsed.meeting, cprRedactions };
}
