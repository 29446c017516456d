import { isBareCaseNumber, readItemMetadata } from "./case-number";
import { findItemHeadings, looksLikeItemHeading } from "./item-headings";
import { looksLikeSectionHeading } from "./section-headings";
import type { SourceLine } from "./types";

// A running header or footer is printed on at most two lines ("Vejen Kommune" / "Økonomiudvalget
// · 19-03-2024"), so only the two non-blank lines on each side of a page break are looked at.
const EDGE_LINES = 2;
const MIN_PAGES = 3;
// A header or footer fits on one printed line; longer lines are body text.
const MAX_LENGTH = 150;
const PAGE_LABEL = /\b(?:side|page)\s+\d+(?:\s*(?:af|of|\/)\s*\d+)?\b/gi;
const PAGE_LABEL_AT_EDGE = /^(?:side|page)\s+\d+(?:\s*(?:af|of|\/)\s*\d+)?(?!\S)|(?<!\S)(?:side|page)\s+\d+(?:\s*(?:af|of|\/)\s*\d+)?$/i;
// A bare page number set off by a wide gap, as pdftotext -layout prints it ("Referat - Byrådet      7").
const SET_OFF_PAGE_NUMBER = /^\d{1,3}(?= {2,})|(?<= {2})\d{1,3}$/g;
// Decisions and sentences ("Ingen.", "Godkendt.") end many items and so sit at many page breaks.
const SENTENCE_END = /[.!?:;,]$/;

/** The page (0-based) of every line and the number of pages that hold text. */
interface Pages {
  pageOf: readonly number[];
  count: number;
}

/**
 * Where lines stand next to a page break, by line index: "top 1" is the first line of a page,
 * "bottom 2" the second-last. A line on a short page can hold several slots.
 */
type EdgeSlots = ReadonlyMap<number, ReadonlySet<string>>;

/**
 * Blank the running headers and footers of a PDF export ("Vejen Kommune · Økonomiudvalget ·
 * 19-03-2024", "Faxe Kommune  Side 3 af 12") so they do not leak into section text. A line goes
 * when the same line (whitespace collapsed, page numbers as a wildcard) stands in the same place
 * next to a page break (one of the two lines above or below it) on at least three pages and half
 * of all pages, or on both pages of a two-page document. Page breaks are `pageBreaks` (form feeds,
 * "Side 3" footers), lines carrying a page label themselves, and the start and end of the
 * document. Never blanked: headings, case numbers and item metadata, table rows, sentences, and
 * the first occurrence when it is part of the meeting header (before the first item), which the
 * header reader needs. Occurrences right under a heading do not count towards the three pages.
 * Returns the blanked lines as they were: they often name the municipality ("Faxe Kommune  Side 3
 * af 12") and stay evidence for inferring it.
 */
export function removeRunningHeaders(lines: SourceLine[], pageBreaks: readonly number[]): SourceLine[] {
  const breaks = collectBreaks(lines, pageBreaks);
  if (breaks.length === 0) return [];
  const pages = paginate(lines, breaks);
  const slots = findEdgeSlots(lines, breaks);
  const furniture = [...groupByKey(lines, slots).values()]
    .map((indexes) => keepCommonSlot(indexes, slots))
    .filter((indexes) => isFurniture(lines, indexes, pages));
  if (furniture.length === 0) return [];
  const headerEnd = findItemHeadings(lines)[0]?.index ?? lines.length;
  const removed: SourceLine[] = [];
  for (const indexes of furniture) {
    indexes.forEach((index, position) => {
      const line = lines[index];
      if (!line || (position === 0 && index < headerEnd)) return;
      removed.push({ ...line });
      line.text = "";
    });
  }
  return removed;
}

/** The page-break positions from normalisation plus the lines that carry a page label ("… Side 3 af 12"). */
function collectBreaks(lines: readonly SourceLine[], pageBreaks: readonly number[]): number[] {
  const breaks = new Set(pageBreaks);
  lines.forEach((line, index) => {
    if (PAGE_LABEL_AT_EDGE.test(line.text.trim())) breaks.add(index + 1);
  });
  return [...breaks].filter((index) => index > 0 && index < lines.length).sort((a, b) => a - b);
}

/** Number the pages; only pages with text count, so a footer right before a form feed makes no empty page. */
function paginate(lines: readonly SourceLine[], breaks: readonly number[]): Pages {
  const pageOf: number[] = [];
  const pagesWithText = new Set<number>();
  let page = 0;
  lines.forEach((line, index) => {
    while (page < breaks.length && (breaks[page] ?? Infinity) <= index) page += 1;
    pageOf.push(page);
    if (line.text.trim() !== "") pagesWithText.add(page);
  });
  return { pageOf, count: pagesWithText.size };
}

/** The slots of the non-blank lines next to every page break and the document's start and end. */
function findEdgeSlots(lines: readonly SourceLine[], breaks: readonly number[]): EdgeSlots {
  const slots = new Map<number, Set<string>>();
  const add = (index: number, slot: string): void => {
    const held = slots.get(index);
    if (held) held.add(slot);
    else slots.set(index, new Set([slot]));
  };
  for (const position of [0, ...breaks, lines.length]) {
    nonBlankIndexes(lines, position - 1, -1).forEach((index, distance) => add(index, `bottom ${distance + 1}`));
    nonBlankIndexes(lines, position, 1).forEach((index, distance) => add(index, `top ${distance + 1}`));
  }
  return slots;
}

/** Up to EDGE_LINES indexes of non-blank lines from `start`, walking in `step` direction. */
function nonBlankIndexes(lines: readonly SourceLine[], start: number, step: 1 | -1): number[] {
  const found: number[] = [];
  for (let index = start; index >= 0 && index < lines.length && found.length < EDGE_LINES; index += step) {
    if (lines[index]?.text.trim() !== "") found.push(index);
  }
  return found;
}

/** Candidate edge lines grouped by their key, each group in line order. */
function groupByKey(lines: readonly SourceLine[], slots: EdgeSlots): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const index of [...slots.keys()].sort((a, b) => a - b)) {
    const text = lines[index]?.text.trim() ?? "";
    if (!isCandidate(text)) continue;
    const key = furnitureKey(text);
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  }
  return groups;
}

/**
 * The occurrences in the slot most of them share. A running header keeps its place on every page;
 * a body line that happens to equal it ("Beskæftigelses & Integrationsudvalget" under "Sagen
 * afgøres af", the second line of Faxe's two-line header) stands somewhere else and stays.
 */
function keepCommonSlot(indexes: readonly number[], slots: EdgeSlots): number[] {
  const counts = new Map<string, number>();
  for (const index of indexes) {
    for (const slot of slots.get(index) ?? []) counts.set(slot, (counts.get(slot) ?? 0) + 1);
  }
  let common: string | null = null;
  for (const [slot, count] of counts) if (common === null || count > (counts.get(common) ?? 0)) common = slot;
  return indexes.filter((index) => common !== null && slots.get(index)?.has(common) === true);
}

/**
 * Evidence on three pages, or on both of two; and on at least half of all pages, since a real
 * running header is on (nearly) every page while a recurring body line ("Birger Filskov" under
 * "Fraværende") reaches a page edge only now and then. "Beslutning" / "Godkendt" ends many items,
 * so a line right under a heading is no evidence unless it carries a page label (but it goes with
 * the rest: a footer can follow a heading left at the bottom of a page).
 */
function isFurniture(lines: readonly SourceLine[], indexes: readonly number[], pages: Pages): boolean {
  const countPages = (list: readonly number[]): number => new Set(list.map((index) => pages.pageOf[index])).size;
  const isLabelled = PAGE_LABEL_AT_EDGE.test(lines[indexes[0] ?? -1]?.text.trim() ?? "");
  const evidence = countPages(isLabelled ? indexes : indexes.filter((index) => !hasHeadingAbove(lines, index, pages.pageOf)));
  const isOnHalf = countPages(indexes) * 2 >= pages.count;
  return isOnHalf && (evidence >= MIN_PAGES || (pages.count === 2 && evidence === 2));
}

/** Whether a line may be a header or footer at all: content the item parser reads never is. */
function isCandidate(text: string): boolean {
  return (
    text.length <= MAX_LENGTH &&
    !text.includes("\t") &&
    !SENTENCE_END.test(text) &&
    !isHeading(text) &&
    !isBareCaseNumber(text) &&
    readItemMetadata(text) === null
  );
}

/**
 * True when the line above on the same page is a heading, as for "Beslutning" / "Godkendt" or
 * "Punkt 3: …" / its case number. A heading left at the bottom of the page before does not count:
 * the running header at the top of the next page is not its text.
 */
function hasHeadingAbove(lines: readonly SourceLine[], index: number, pageOf: readonly number[]): boolean {
  for (let i = index - 1; i >= 0 && pageOf[i] === pageOf[index]; i -= 1) {
    const text = lines[i]?.text.trim() ?? "";
    if (text !== "") return isHeading(text);
  }
  return false;
}

function isHeading(text: string): boolean {
  return looksLikeItemHeading(text) || looksLikeSectionHeading(text);
}

/** The line with whitespace collapsed and page numbers replaced by "#": "Faxe Kommune Side # af #". */
export function furnitureKey(text: string): string {
  return text
    .replace(PAGE_LABEL, (label) => label.replace(/\d+/g, "#"))
    .replace(SET_OFF_PAGE_NUMBER, "#")
    .replace(/\s+/g, " ")
    .trim();
}
