import type { Block, ParsedItem, ParsedMeeting } from "@/lib/minutes";
import { findClosedMarkers } from "./closed-markers";
import { findMarkersInOpenItems } from "./open-item-lines";
import { findCprNumbers } from "./redact-cpr";

/** Why a parsed document must not be published: the source line (1-based) and a Danish reason. */
export interface PrivacyViolation {
  line: number | null;
  reason: string;
}

/** Texts of a section's blocks, one per printed line (table rows tab-joined). */
export function blockTexts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block) =>
    block.type === "paragraph" ? [block.text] : block.type === "list" ? block.items : block.rows.map((row) => row.join("\t")),
  );
}

/** Every text an open item publishes, labelled for messages; the title first. */
function openItemTexts(item: ParsedItem): Array<{ label: string; text: string; line: number }> {
  return [
    { label: "titlen", text: item.title, line: item.line },
    { label: "markøren", text: item.marker ? `(${item.marker})` : "", line: item.line },
    { label: "sagsnummeret", text: item.caseNumber ?? "", line: item.line },
    { label: "beslutningen", text: item.decision ?? "", line: item.line },
    ...item.sections.flatMap((section) => [
      { label: "en overskrift", text: section.heading, line: section.line },
      { label: "et afsnit", text: section.text, line: section.line },
      ...blockTexts(section.blocks).map((text) => ({ label: "et afsnit", text, line: section.line })),
    ]),
    ...item.attachments.map((text) => ({ label: "et bilag", text, line: item.line })),
    ...item.absent.map((text) => ({ label: "fraværslisten", text, line: item.line })),
  ];
}

/** The first source line at or after `from` (1-based) holding `needle`; `from` when none does. */
function sourceLineOf(lines: readonly string[], from: number, needle: string): number {
  const wanted = needle.trim();
  for (let i = Math.max(0, from - 1); i < lines.length; i += 1) if ((lines[i] ?? "").includes(wanted)) return i + 1;
  return from;
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/**
 * What would break the first promise if this parse result were published: a closed marker
 * inside an open item, on its source lines or in what the parser made of them (the parser missed
 * a closed item), a closed item carrying more than number and title, or a CPR number left in the
 * meeting or in `storedText` (the redacted text to store).
 * Empty when the document may be published.
 */
export function findPrivacyViolations(meeting: ParsedMeeting, storedText: string, fileName: string): PrivacyViolation[] {
  const violations: PrivacyViolation[] = [];
  const lines = storedText.split(/\r\n|\n|\r/u);
  const cpr = findCprNumbers(storedText)[0];
  if (cpr) violations.push({ line: lineAt(storedText, cpr.index), reason: "tilbageholdt: linjen indeholder stadig et CPR-nummer" });
  if (findCprNumbers(fileName).length > 0) violations.push({ line: null, reason: "tilbageholdt: filnavnet indeholder stadig et CPR-nummer" });
  const meetingTexts = [meeting.committee, meeting.location ?? "", ...meeting.participants.flatMap((p) => [p.name, p.party ?? ""])];
  if (meetingTexts.some((text) => findCprNumbers(text).length > 0)) {
    violations.push({ line: null, reason: "tilbageholdt: mødets oplysninger indeholder et CPR-nummer" });
  }

  for (const found of findMarkersInOpenItems(storedText, meeting.items)) {
    violations.push({
      line: found.line,
      reason: `tilbageholdt: punkt ${found.itemNumber} er ikke lukket, men linje ${found.line} har en lukket-markering ("${found.marker}")`,
    });
  }
  for (const item of meeting.items) {
    if (item.closed) {
      if (item.sections.length > 0 || item.attachments.length > 0 || item.decision !== null || item.caseNumber !== null) {
        violations.push({ line: item.line, reason: `tilbageholdt: det lukkede punkt ${item.number} har mere end nummer og titel` });
      }
      if (findCprNumbers(item.title).length > 0) violations.push({ line: item.line, reason: `tilbageholdt: titlen på punkt ${item.number} indeholder et CPR-nummer` });
      continue;
    }
    for (const { label, text, line } of openItemTexts(item)) {
      if (text === "") continue;
      if (findCprNumbers(text).length > 0) {
        violations.push({ line, reason: `tilbageholdt: ${label} i punkt ${item.number} indeholder et CPR-nummer` });
        continue;
      }
      // The message names the line and the marker word, never the line's text: it may be the
      // confidential body of an item the parser failed to close.
      for (const marker of findClosedMarkers(text)) {
        const at = sourceLineOf(lines, line, marker.text);
        violations.push({
          line: at,
          reason: `tilbageholdt: punkt ${item.number} er ikke lukket, men ${label} har en lukket-markering ("${marker.marker}") i linje ${at}`,
        });
      }
    }
  }
  return dedupe(violations);
}

function dedupe(violations: PrivacyViolation[]): PrivacyViolation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.line}|${v.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
