import { readLineMarker, readTitleMarker } from "./closed-markers";
import type { SourceLine } from "./types";

/** One line of the table of contents (or the agenda list) printed in the meeting header. */
export interface TocEntry {
  line: number;
  /** The item number when the entry prints one ("3. Lukket sag: Erstatningssag….5"), else null. */
  number: string | null;
  /** The title folded for comparison (`titleKey`): no closed marker, no "(B)", lower-case words. */
  key: string;
  /** True when the entry carries a closed marker ("Lukket: Eventuelt (B).....28"). */
  isClosed: boolean;
  /** True when the entry follows a "Lukket dagsorden" line of the header. */
  isInClosedPart: boolean;
}

/** The header's table of contents and what it says about closed items. */
export interface TableOfContents {
  entries: TocEntry[];
  /** True when the header prints a closed marker line ("Lukket møde", "Lukket dagsorden") with no entries after it: every item is closed. */
  closesAll: boolean;
  /** How many entries follow that line: at least the last this many items are closed. */
  closedPartSize: number;
}

const LEADER_AND_PAGE = /(?:\s*(?:\.{4,}|…{2,}))?\s*(?:\t\s*\d+)?\s*$/;
const HAS_LEADER = /\.{4,}|…{2,}|\t\s*\d+\s*$/;
const NUMBERED = /^(?:(?:punkt|pkt\.?)\s*)?(\d{1,4}[a-z]?)\s*[.:)]\s*(\S.*)$/i;
const TRAILING_LETTER_MARKER = /\s*\(\s*[A-ZÆØÅ]\s*\)?\s*$/;
// Fewer entries than this is no table of contents: a single numbered header line proves nothing.
const MIN_ENTRIES = 2;
// TOC titles are cut at ~95 characters, mid-word, so a long key matches by any prefix; a shorter one
// only by whole words ("Meddelelser" fits "Meddelelser om …", "… nr. 22" does not fit "… nr. 224").
const MIN_PREFIX = 40;

/** The comparison key of an item title or TOC title: marker, "(B)" and punctuation removed, lower-case words. */
export function titleKey(title: string): string {
  const marker = readTitleMarker(title);
  const bare = (marker ? marker.title : title).replace(TRAILING_LETTER_MARKER, "");
  return bare
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "")
    .join(" ");
}

/** True when two title keys name the same item; a TOC title may be cut short, so a prefix matches. */
export function isSameKey(a: string, b: string): boolean {
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter === "") return false;
  return longer.startsWith(`${shorter} `) || (shorter.length >= MIN_PREFIX && longer.startsWith(shorter));
}

function readEntry(line: SourceLine, isInClosedPart: boolean): TocEntry | null {
  const text = line.text.trim();
  const numbered = NUMBERED.exec(text);
  if (!HAS_LEADER.test(text) && !numbered) return null;
  const withoutLeader = text.replace(LEADER_AND_PAGE, "");
  const match = NUMBERED.exec(withoutLeader);
  const title = match ? (match[2] ?? "") : withoutLeader;
  return { line: line.no, number: match?.[1] ?? null, key: titleKey(title), isClosed: readTitleMarker(title) !== null, isInClosedPart };
}

/**
 * Read the table of contents from the header lines: lines with a dot leader or page number
 * ("Lukket: Eventuelt (B).....\t28") and numbered agenda lines ("51. Lukket punkt: Køb af ejendom").
 * A header line that is nothing but a closed marker ("Lukket dagsorden", "Lukket møde") puts the
 * entries after it in the closed part; with no entries after it, every item is closed.
 */
export function readTableOfContents(headerLines: readonly SourceLine[]): TableOfContents {
  const entries: TocEntry[] = [];
  let isInClosedPart = false;
  let entriesAfterPart = 0;
  for (const line of headerLines) {
    const text = line.text.trim();
    if (text === "") continue;
    const entry = readEntry(line, isInClosedPart);
    if (entry) {
      entries.push(entry);
      if (isInClosedPart) entriesAfterPart += 1;
      continue;
    }
    if (readLineMarker(text, false)?.shape === "line") {
      isInClosedPart = true;
      entriesAfterPart = 0;
    }
  }
  return {
    entries: entries.length >= MIN_ENTRIES ? entries : [],
    closesAll: isInClosedPart && entriesAfterPart === 0,
    closedPartSize: entries.length >= MIN_ENTRIES ? entriesAfterPart : 0,
  };
}

/** The entries that describe an item: by number when the TOC prints numbers, else by title. */
export function findTocEntries(toc: TableOfContents, number: string, rawTitle: string): TocEntry[] {
  const key = titleKey(rawTitle);
  return toc.entries.filter((entry) => (entry.number !== null ? entry.number === number : isSameKey(entry.key, key)));
}

/**
 * True when a heading fits the table of contents: there is none, or an entry has its title (and
 * its number, when the TOC prints numbers). "Punkt 3: se bilag …" inside a closed item does not.
 */
export function fitsToc(toc: TableOfContents, number: string, rawTitle: string): boolean {
  if (toc.entries.length === 0) return true;
  const key = titleKey(rawTitle);
  return toc.entries.some((entry) => (entry.number === null || entry.number === number) && isSameKey(entry.key, key));
}
