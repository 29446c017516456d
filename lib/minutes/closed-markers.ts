/**
 * The words that mark an item or a part of a meeting as closed ("Lukket", "Fortroligt", "Lukket
 * dagsorden" …) and the shapes a municipality prints them in. Rules only read text; what a marker
 * means for an item is decided in closed-items.ts.
 *
 * The vocabulary: a marker head ("lukket", "lukkede", "fortrolig", "fortroligt", "fortrolige"),
 * optionally followed by a companion word ("punkt", "sag", "møde", "dagsorden", "del", …), optionally
 * joined to a second marker ("Lukket punkt - fortroligt"). Case never matters.
 */

const HEAD = "(?:lukket|lukkede|fortrolig[te]?)";
const COMPANION = "(?:punkt(?:er)?|pkt\\.?|sag(?:er)?|møde(?:t)?|dagsorden(?:en)?|del(?:en)?|behandling)";
/** One marker phrase: "Lukket", "Lukket punkt", "Lukket punkt - fortroligt", "Fortrolig sag". */
export const MARKER_PHRASE = `${HEAD}(?:\\s+${COMPANION})?(?:\\s*[-–—,/]\\s*${HEAD}(?:\\s+${COMPANION})?)?`;
const OPEN_BRACKET = "[([{]";
const CLOSE_BRACKET = "[)\\]}]";
/** "(Lukket)", "[Lukket punkt]", "{Fortroligt}", "( lukket møde )". */
const BRACKETED = `${OPEN_BRACKET}\\s*${MARKER_PHRASE}\\s*[.:]?\\s*${CLOSE_BRACKET}`;
const SEPARATOR = "[:.;,\\-–—]";
/** Template markers like "(B)" a title may carry after a closed marker. */
const LETTER_MARKERS = "(?:\\s*\\([A-ZÆØÅ]\\))*";
const ONLY_LETTER_MARKERS = /^(?:\(\s*[A-ZÆØÅ]\s*\)\s*)+$/;

const NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}])";
const NOT_WORD_AFTER = "(?![\\p{L}\\p{N}])";

// Title at its start: "Lukket: X", "Lukket punkt. X", "(Lukket) X", "[Fortroligt] - X", "Lukket sag X", bare "Lukket:".
const TITLE_PREFIX = new RegExp(`^(?:(${BRACKETED})|(${MARKER_PHRASE})${NOT_WORD_AFTER})\\s*(${SEPARATOR}+)?\\s*(.*)$`, "iu");
// Title at its end: "X (Lukket)", "X [Lukket] (B)", "X - Lukket", "X: Fortroligt", "X (Lukket møde)".
const TITLE_SUFFIX = new RegExp(`^(.*?)\\s*(?:(${BRACKETED})|${SEPARATOR}\\s*(${MARKER_PHRASE}))(${LETTER_MARKERS})\\s*[.:]?$`, "iu");
const BRACKETED_ANYWHERE = new RegExp(BRACKETED, "iu");
const BRACKETED_ALL = new RegExp(BRACKETED, "giu");
const HEAD_WORD = new RegExp(`${NOT_WORD_BEFORE}${HEAD}${NOT_WORD_AFTER}`, "iu");
// A line that starts with a marker followed by a separator or bracket: "Lukket: …", "Fortroligt - …", "Lukket, jf. § 10".
const LINE_PREFIX = new RegExp(`^(?:${BRACKETED}|${MARKER_PHRASE}\\s*(?:${SEPARATOR}|${OPEN_BRACKET}|$))`, "iu");

const HEAD_WORDS = new Set(["lukket", "lukkede", "fortrolig", "fortroligt", "fortrolige"]);
const COMPANION_WORDS = new Set([
  "punkt", "punkter", "pkt", "sag", "sager", "møde", "mødet", "dagsorden", "dagsordenen", "del", "delen", "behandling", "og", "af",
]);
/** Companion words that make a marker name a part of the meeting rather than one item. */
const PART_WORDS = new Set(["dagsorden", "dagsordenen", "del", "delen", "punkter", "sager", "lukkede"]);
/** "møde"/"mødet" name the closed part of the meeting, except right under an item heading ("Lukket møde"). */
const MEETING_WORDS = new Set(["møde", "mødet"]);

/** How a title carries a closed marker. */
export interface TitleMarker {
  /** The title with the marker removed, or the title as printed when removing it is ambiguous. */
  title: string;
  /** False when the marker's form is unusual ("Orientering om lukket afdeling"): close, but warn. */
  isCertain: boolean;
  /** True when the marker names the closed part of the meeting ("Lukket dagsorden: Salg af grund"). */
  isPart: boolean;
  /** The marker as printed, for warnings (never other text). */
  marker: string;
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== "");
}

function namesPart(marker: string, isUnderHeading: boolean): boolean {
  return words(marker).some((word) => PART_WORDS.has(word) || (!isUnderHeading && MEETING_WORDS.has(word)));
}

function collapse(text: string): string {
  return text.replace(/\s{2,}/g, " ").trim();
}

/**
 * Read a closed marker from an item title. Rules, in order:
 * 1. a marker at the very start ("Lukket: X", "(Lukket) X", "Lukket punkt. X", bare "Lukket:"): the
 *    rest is the title; "Lukket X" without a separator stays as printed and is uncertain;
 * 2. a bracketed or separated marker at the end ("X (Lukket)", "X [Lukket] (B)", "X - Lukket"): the
 *    marker is removed, a following "(B)" kept;
 * 3. a bracketed marker anywhere ("Salg (Lukket) af grund"): removed;
 * 4. a marker word anywhere else ("Orientering om lukket afdeling"): closed, uncertain, title as printed.
 * Null when the title carries no marker word at all.
 */
export function readTitleMarker(rawTitle: string): TitleMarker | null {
  const title = rawTitle.trim();
  if (!HEAD_WORD.test(title)) return null;
  const prefix = TITLE_PREFIX.exec(title);
  if (prefix) {
    const marker = prefix[1] ?? prefix[2] ?? "";
    const separator = prefix[3] ?? "";
    const rest = (prefix[4] ?? "").trim();
    const hasCompanion = words(marker).some((word) => COMPANION_WORDS.has(word));
    const isClean = rest === "" || prefix[1] !== undefined || separator !== "" || hasCompanion || ONLY_LETTER_MARKERS.test(rest);
    return { title: isClean ? rest : title, isCertain: isClean, isPart: namesPart(marker, true), marker };
  }
  const suffix = TITLE_SUFFIX.exec(title);
  if (suffix) {
    const marker = suffix[2] ?? suffix[3] ?? "";
    return { title: collapse(`${suffix[1] ?? ""}${suffix[4] ?? ""}`), isCertain: true, isPart: namesPart(marker, true), marker };
  }
  const bracketed = BRACKETED_ANYWHERE.exec(title);
  if (bracketed) {
    return { title: collapse(title.replace(BRACKETED_ALL, " ")), isCertain: true, isPart: namesPart(bracketed[0], true), marker: bracketed[0] };
  }
  const word = HEAD_WORD.exec(title)?.[0] ?? "";
  return { title, isCertain: false, isPart: false, marker: word };
}

/** What one body line says about closing. */
export interface LineMarker {
  /** "line": the line is nothing but a marker ("(Lukket)", "Lukket punkt - fortroligt", "LUKKET DAGSORDEN (B)"). */
  shape: "line" | "prefix" | "bracketed";
  /** True when the marker names the closed part of the meeting ("Lukket dagsorden", "Lukkede punkter"). */
  isPart: boolean;
  /** The marker as printed, for warnings. */
  marker: string;
}

/**
 * Read a closed marker from a body line. `isUnderHeading` is true right under an item heading (the
 * first lines, before any section), where "Lukket møde" closes the item; further down it opens the
 * closed part of the meeting.
 * Rules (prose such as "Vejen er lukket", "lukket for tilgang", "bag lukkede døre" matches none):
 * - "line": every word is a marker, a companion ("punkt", "sag", "møde", "dagsorden", "del", "og",
 *   "af") or a one-letter template marker ("(B)"), and one word is a marker head;
 * - "prefix": the line starts with a marker followed by a separator or bracket ("Lukket: …",
 *   "Fortroligt - …", "Lukket, jf. § 10"), or by a bracketed marker ("(Lukket) …");
 * - "bracketed": a bracketed marker anywhere ("… tilhørende areal (Lukket)").
 */
export function readLineMarker(text: string, isUnderHeading: boolean): LineMarker | null {
  const line = text.trim();
  if (line === "" || !HEAD_WORD.test(line)) return null;
  const lineWords = words(line);
  const isMarkerOnly = lineWords.every((word) => HEAD_WORDS.has(word) || COMPANION_WORDS.has(word) || /^[a-zæøå]$/.test(word));
  if (isMarkerOnly) return { shape: "line", isPart: namesPart(line, isUnderHeading), marker: line };
  const prefix = LINE_PREFIX.exec(line);
  if (prefix) return { shape: "prefix", isPart: namesPart(prefix[0], isUnderHeading), marker: prefix[0].replace(/[\s:.;,\-–—([{]+$/u, "") };
  const bracketed = BRACKETED_ANYWHERE.exec(line);
  if (bracketed) return { shape: "bracketed", isPart: false, marker: bracketed[0] };
  return null;
}

/** True when a text contains a marker word at all ("lukket", "fortroligt" …), whatever its form. */
export function hasMarkerWord(text: string): boolean {
  return HEAD_WORD.test(text);
}

/** The status of a status heading or repeated item header: "(Åben)", "(Lukket)", "[Fortroligt]". */
export const STATUS_PATTERN = `${OPEN_BRACKET}\\s*(?:åben|åbent|${MARKER_PHRASE})\\s*${CLOSE_BRACKET}`;
