import { isBareCaseNumber, readItemMetadata } from "./case-number";
import { readClosedTitle } from "./closed-items";
import { readLineMarker, STATUS_PATTERN } from "./closed-markers";
import { looksLikeSectionHeading } from "./section-headings";
import type { SourceLine } from "./types";

/** How a template prints item headings, in the order styles are tried. */
export type HeadingStyle = "punkt" | "status" | "numbered";

/** One item heading found in the text. */
export interface ItemHeading {
  /** Index into the normalised lines. */
  index: number;
  number: string;
  /** The rest of the heading line after the number ("Lukket: Eventuelt (B)"). */
  rawTitle: string;
  style: HeadingStyle;
}

const PUNKT = /^(?:punkt|pkt\.?)\s*(\d{1,4}[a-z]?)\s*(?:[:.\-–—]\s*(.*))?$/i;
const STATUS = new RegExp(`^(\\d{1,4}[a-z]?)\\s*${STATUS_PATTERN}\\s*(.*)$`, "iu");
const NUMBERED = /^(\d{1,4})\.\s+(\S.{0,250})$/;
const TOC_LEADER = /\.{4,}|…{2,}|\t\s*\d+\s*$/;
const LOOKAHEAD_LINES = 2;
const HEADING_STYLES: readonly HeadingStyle[] = ["punkt", "status", "numbered"];

/** The numeric part and suffix of an item number, for ordering ("12a" → [12, "a"]). */
function orderKey(number: string): [number, string] {
  const match = /^(\d+)(.*)$/.exec(number);
  return [Number(match?.[1] ?? 0), match?.[2] ?? ""];
}

function matchStyle(style: HeadingStyle, text: string): { number: string; rawTitle: string } | null {
  const pattern = style === "punkt" ? PUNKT : style === "status" ? STATUS : NUMBERED;
  const match = pattern.exec(text);
  if (!match?.[1] || text.includes("\t") || TOC_LEADER.test(text)) return null;
  return { number: match[1], rawTitle: (match[2] ?? "").trim() };
}

/**
 * Find the item headings. The first style that occurs decides ("Punkt 3:" before "3 (Åben)" before
 * "3. Title"); numbers must increase, so "Pkt. 86 - Seniorrådet …" inside item 86 (Faxe) is text.
 * A "3. Title" heading must not continue a numbered list (a line directly after "2. …") and needs
 * item evidence on the next line — a section heading, a case number or metadata — which keeps
 * numbered lists and the FirstAgenda "PUNKTER" list out; "3. Lukket punkt: …" needs no evidence.
 */
export function findItemHeadings(lines: readonly SourceLine[]): ItemHeading[] {
  const candidates = findHeadingCandidates(lines);
  const headings: ItemHeading[] = [];
  for (const candidate of candidates) {
    const previous = headings[headings.length - 1];
    if (!previous || isAfter(candidate.number, previous.number)) headings.push(candidate);
  }
  return headings;
}

/**
 * Every line that has the shape of an item heading in the document's style (the first style that
 * occurs), in line order, before numbering decides which of them start items.
 */
export function findHeadingCandidates(lines: readonly SourceLine[]): ItemHeading[] {
  for (const style of HEADING_STYLES) {
    const candidates = collect(lines, style);
    if (candidates.length > 0) return candidates;
  }
  return [];
}

/** True when item number `number` comes after `previous` ("12a" after "12", "13" after "12a"). */
export function isAfter(number: string, previous: string | null): boolean {
  if (previous === null) return true;
  const [n, suffix] = orderKey(number);
  const [p, previousSuffix] = orderKey(previous);
  return n > p || (n === p && suffix > previousSuffix);
}

/** Negative, zero or positive as item number `a` comes before, with or after `b`. */
export function compareNumbers(a: string, b: string): number {
  if (isAfter(a, b)) return 1;
  return isAfter(b, a) ? -1 : 0;
}

/** True when a line, without context, has the shape of an item heading in any style ("Punkt 3: …", "3 (Åben) …", "3. …"). */
export function looksLikeItemHeading(text: string): boolean {
  const trimmed = text.trim();
  return HEADING_STYLES.some((style) => matchStyle(style, trimmed) !== null);
}

function collect(lines: readonly SourceLine[], style: HeadingStyle): ItemHeading[] {
  const headings: ItemHeading[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const text = lines[index]?.text.trim() ?? "";
    if (text === "") continue;
    const match = matchStyle(style, text);
    if (!match) continue;
    // A numbered heading that says "Lukket …" is accepted without further evidence: missing it
    // would leak the closed item's body into the item before it.
    if (style === "numbered") {
      if (continuesNumberedList(lines, index, match.number)) continue;
      const closedTitle = readClosedTitle(match.rawTitle);
      if (!(closedTitle.isClosed && closedTitle.isCertain) && !hasItemEvidence(lines, index, match)) continue;
    }
    headings.push({ index, number: match.number, rawTitle: match.rawTitle, style });
  }
  return headings;
}

/**
 * "49. Godkendelse af dagsorden" is an item when the next line (after a repeat of the title, as
 * FirstAgenda's HTML export prints it) is a section heading, a case number or metadata.
 */
function hasItemEvidence(lines: readonly SourceLine[], headingIndex: number, match: { number: string; rawTitle: string }): boolean {
  let seen = 0;
  for (let index = headingIndex + 1; index < lines.length && seen < LOOKAHEAD_LINES; index += 1) {
    const text = lines[index]?.text.trim() ?? "";
    if (text === "") continue;
    seen += 1;
    if (seen === 1 && isSameTitle(text, match.rawTitle)) continue;
    if (readLineMarker(text, true)?.shape === "line") return true;
    return looksLikeSectionHeading(text) || isBareCaseNumber(text) || readItemMetadata(text) !== null;
  }
  return false;
}

/** True when a line repeats an item title, with or without its "Lukket punkt:" prefix. */
export function isSameTitle(text: string, rawTitle: string): boolean {
  const line = text.trim().toLowerCase();
  return line === rawTitle.trim().toLowerCase() || line === readClosedTitle(rawTitle).title.toLowerCase();
}

function continuesNumberedList(lines: readonly SourceLine[], index: number, number: string): boolean {
  const previous = previousNonBlank(lines, index);
  const match = previous === null ? null : NUMBERED.exec(previous);
  const previousNumber = match?.[1];
  if (previousNumber === undefined || Number(previousNumber) !== Number(number) - 1) return false;
  // "6. Lukket: Salg af grund" directly before "7. Takstblad …": a closed item with no body
  // (always so in the stored text a reparse reads, where closed bodies are blanked), not a list.
  const closed = readClosedTitle((match?.[2] ?? "").trim());
  return !(closed.isClosed && closed.isCertain);
}

function previousNonBlank(lines: readonly SourceLine[], index: number): string | null {
  for (let i = index - 1; i >= 0; i -= 1) {
    const text = lines[i]?.text.trim() ?? "";
    if (text !== "") return text;
  }
  return null;
}

/** True for Varde's repeated item header under "Punkt N:" ("1 (Åben) Godkendelse af dagsorden"). */
export function isRepeatedItemHeader(text: string, number: string): boolean {
  const match = STATUS.exec(text.trim());
  return match?.[1] === number;
}
