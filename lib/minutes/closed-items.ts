import type { SourceLine } from "./types";

const CLOSED_PREFIX = /^lukket(?:\s+punkt|\s+sag)?\s*(?:[:\-–]\s*(.*))?$/i;
const CLOSED_SUFFIX = /^(.*?)\s*\((?:lukket|lukket punkt|lukket sag)\)$/i;
const CLOSED_STATUS = /^\d{1,4}[a-z]?\s*\((?:lukket|lukket punkt)\)/i;
const CLOSED_BODY_MARKER = /^(?:lukket sag|lukket punkt|lukket)$/i;
const BODY_MARKER_LINES = 4;

/** A title with its closed marker removed. */
export interface ClosedTitle {
  title: string;
  isClosed: boolean;
}

/**
 * Read a closed marker from an item title: "Lukket: Eventuelt", "Lukket punkt - Salg af grund",
 * "Lukket sag", "Eventuelt (Lukket)". A bare "Lukket:" (Faxe item 92) keeps "Lukket" as its title.
 */
export function readClosedTitle(rawTitle: string): ClosedTitle {
  const title = rawTitle.trim();
  const prefix = CLOSED_PREFIX.exec(title);
  if (prefix) {
    const rest = (prefix[1] ?? "").trim();
    return { title: rest === "" ? "Lukket" : rest, isClosed: true };
  }
  const suffix = CLOSED_SUFFIX.exec(title);
  if (suffix) return { title: (suffix[1] ?? "").trim() || "Lukket", isClosed: true };
  return { title, isClosed: false };
}

/** True for a heading line printed as "3 (Lukket) Title". */
export function isClosedStatusHeading(text: string): boolean {
  return CLOSED_STATUS.test(text.trim());
}

/**
 * True when the first lines of an item body say "Lukket sag" (older PDF layouts print it under the
 * heading) or repeat the heading as "8 (Lukket) …" (Varde's repeated item header).
 */
export function hasClosedBodyMarker(body: readonly SourceLine[]): boolean {
  let seen = 0;
  for (const line of body) {
    const text = line.text.trim();
    if (text === "") continue;
    if (CLOSED_BODY_MARKER.test(text) || CLOSED_STATUS.test(text)) return true;
    seen += 1;
    if (seen >= BODY_MARKER_LINES) return false;
  }
  return false;
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
