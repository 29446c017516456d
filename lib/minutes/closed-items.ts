import { hasMarkerWord, readLineMarker, readTitleMarker, STATUS_PATTERN } from "./closed-markers";
import { looksLikeSectionHeading } from "./section-headings";
import type { ParseWarning, SourceLine } from "./types";

const CLOSED_STATUS = new RegExp(`^\\d{1,4}[a-z]?\\s*${STATUS_PATTERN}`, "iu");
const OPEN_STATUS = /^\d{1,4}[a-z]?\s*[([{]\s*åbent?\s*[)\]}]/i;
// A line shaped like an item heading in any style: "Punkt 4: …", "Pkt. 4 - …", "4. …", "4) …".
const HEADING_SHAPE = /^(?:(?:punkt|pkt\.?)\s*\d{1,4}[a-z]?|\d{1,4}[a-z]?)\s*[.:)\-–]?\s*/i;
/** The first lines under an item heading, where a marker closes that item without doubt. */
const HEAD_LINES = 4;

/** A title with its closed marker removed. */
export interface ClosedTitle {
  title: string;
  isClosed: boolean;
  /** False when the marker's form is unusual: the item is closed and a warning names the heading. */
  isCertain: boolean;
  /** True when the title opens the closed part of the meeting ("Lukket dagsorden: …"). */
  isPart: boolean;
  marker: string;
}

/**
 * Read a closed marker from an item title (rules in closed-markers.ts `readTitleMarker`): "Lukket:
 * Eventuelt", "Lukket punkt - Salg af grund", "Eventuelt (Lukket)", "X [Fortroligt] (B)". A bare
 * "Lukket:" (Faxe item 92) keeps "Lukket" as its title.
 */
export function readClosedTitle(rawTitle: string): ClosedTitle {
  const marker = readTitleMarker(rawTitle);
  if (!marker) return { title: rawTitle.trim(), isClosed: false, isCertain: true, isPart: false, marker: "" };
  return { title: marker.title === "" ? "Lukket" : marker.title, isClosed: true, isCertain: marker.isCertain, isPart: marker.isPart, marker: marker.marker };
}

/** True for a heading line printed as "3 (Lukket) Title" or "3 [Fortroligt] Title". */
export function isClosedStatusHeading(text: string): boolean {
  const trimmed = text.trim();
  return CLOSED_STATUS.test(trimmed) && !OPEN_STATUS.test(trimmed);
}

/** What the lines under an item heading say about closing it and the items after it. */
export interface BodyJudgement {
  /** The line that closes the item, or null; `isCertain` false asks for a warning. */
  closing: { line: number; marker: string; isCertain: boolean } | null;
  /** Index into the body of the first line naming the closed part of the meeting ("Lukket dagsorden"). */
  partIndex: number | null;
  /** True when that line stands under the heading, before any section: the item itself is closed too. */
  isPartInHead: boolean;
  /** True when the body ends with a marker line of its own ("Lukket" above the next heading): the next item is closed too. */
  closesNext: boolean;
  /** "Punkt 3:" with "Lukket: Salg af grund" on the next line: that line's index and the title it gives. */
  titleLine: { index: number; title: string } | null;
}

/**
 * Judge an item body, line by line (the rules for one line are in closed-markers.ts `readLineMarker`):
 * - among the first four non-blank lines, a marker line ("(Lukket)", "Lukket sag", "LUKKET PUNKT - FORTROLIGT",
 *   "Lukket (B)") or a repeated "8 (Lukket) …" header closes the item without doubt; a line starting
 *   with a marker ("Lukket: …") does too, and is read as the title when the heading has none;
 * - anywhere, a line starting with a marker, a bracketed marker ("… areal (Lukket)") or an item-heading
 *   shaped line with a marker word ("Punkt 4: Lukket: …") closes the item, with a warning;
 * - a line naming the closed part ("Lukket dagsorden", "Lukkede punkter", and "Lukket møde" when not
 *   right under the heading) closes everything after it; right under the heading (among the first
 *   lines, before any section heading) it closes the item too, further down it cuts the body there;
 * - a marker line that ends a longer body stands above the next heading: both items are closed.
 * Prose that mentions the word ("Vejen er lukket", "lukket for tilgang") closes nothing.
 */
export function judgeBody(body: readonly SourceLine[], hasTitle: boolean): BodyJudgement {
  const judgement: BodyJudgement = { closing: null, partIndex: null, isPartInHead: false, closesNext: false, titleLine: null };
  let seen = 0;
  let lastMarkerLine = -1;
  let lastNonBlank = -1;
  let hasSection = false;
  for (const [index, line] of body.entries()) {
    const text = line.text.trim();
    if (text === "") continue;
    const isHead = seen < HEAD_LINES;
    seen += 1;
    lastNonBlank = index;
    if (!hasMarkerWord(text)) {
      // Only the first lines can be "under the heading"; reading headings further down is wasted.
      if (isHead && !hasSection) hasSection = looksLikeSectionHeading(text);
      continue;
    }
    const headingRest = HEADING_SHAPE.exec(text);
    // Under the heading: among the first lines and before any section heading.
    const isUnder = isHead && !hasSection;
    const marker = readLineMarker(text, isUnder) ?? (headingRest ? readLineMarker(text.slice(headingRest[0].length), isUnder) : null);
    if (marker?.isPart) {
      judgement.partIndex = index;
      // Under the heading it belongs to this item too; further down it cuts the body.
      judgement.isPartInHead = isUnder;
      // Everything below is closed and dropped; nothing there can open or close this item further.
      break;
    }
    if (marker?.shape === "line") lastMarkerLine = index;
    let isCertain = false;
    if (CLOSED_STATUS.test(text)) isCertain = isHead;
    else if (marker?.shape === "line") isCertain = isHead;
    else if (marker?.shape === "prefix" && isHead && seen === 1 && !hasTitle) {
      judgement.titleLine = { index, title: readClosedTitle(text).title };
      isCertain = true;
    } else if (!marker) continue;
    judgement.closing ??= { line: line.no, marker: marker?.marker ?? "lukket", isCertain };
  }
  const isOnlyLine = lastMarkerLine >= 0 && body.findIndex((line) => line.text.trim() !== "") === lastMarkerLine;
  judgement.closesNext = judgement.partIndex === null && lastMarkerLine >= 0 && lastMarkerLine === lastNonBlank && !isOnlyLine;
  if (judgement.closesNext) {
    // The line may as well belong to the next item: closing this one is a guess, so it warns.
    const { closing } = judgement;
    if (closing && closing.line === body[lastMarkerLine]?.no) closing.isCertain = false;
    // "Lukket møde" above the next heading opens the closed part, even under a short item's heading.
    if (readLineMarker(body[lastMarkerLine]?.text ?? "", false)?.isPart) judgement.partIndex = lastMarkerLine;
  }
  return judgement;
}

/** The warning for an item closed on an uncertain marker; names the line and the marker, never other text. */
export function closedWarning(line: number, marker: string): ParseWarning {
  return { line, message: "Punktet er behandlet som lukket, fordi linjen har en lukket-markering i en usædvanlig form", text: marker };
}

/**
 * The 1-based range of a closed item's body: from its first non-blank line to the line before the
 * next item, so lines merged or blanked during normalisation are covered too. Null for an empty body.
 */
export function droppedRange(body: readonly SourceLine[]): { from: number; to: number } | null {
  const first = body.find((line) => line.text.trim() !== "");
  const last = body[body.length - 1];
  if (!first || !last) return null;
  return { from: first.no, to: last.no };
}
