import { closedWarning, isClosedStatusHeading, judgeBody, readClosedTitle, type BodyJudgement } from "./closed-items";
import { hasMarkerWord } from "./closed-markers";
import { compareNumbers, isAfter, type ItemHeading } from "./item-headings";
import { findTocEntries, fitsToc, titleKey, type TableOfContents, type TocEntry } from "./table-of-contents";
import type { ParseWarning, SourceLine } from "./types";

/** One item's place in the text and whether it is closed. */
export interface ItemSegment {
  heading: ItemHeading;
  /** Index (into the normalised lines) after the item's last body line: the next item's heading. */
  bodyEnd: number;
  isClosed: boolean;
  /** Index after an open item's last public line: a "Lukket dagsorden" line inside its body cuts it there. */
  publicEnd: number;
  /** The title printed on the line under an untitled heading ("Punkt 3:" / "Lukket: Salg af grund"). */
  title: string | null;
  warnings: ParseWarning[];
}

const SKIPPED_HEADING =
  "Linjen ligner en punktoverskrift, men passer ikke med nummereringen eller indholdsfortegnelsen og er behandlet som en del af det lukkede punkt";
const UNMATCHED_HEADINGS = "Intet af de følgende punktoverskrifter passer med indholdsfortegnelsen; resten af dokumentet er behandlet som lukket";

/**
 * Split the text into items and decide which are closed, failing closed:
 * - an item is closed by its title, its status ("3 (Lukket)"), its table-of-contents entry, a marker
 *   in its body (closed-items.ts `judgeBody`), a marker line ending the item before it, or by
 *   standing after a "Lukket dagsorden" line (in the header, a title or a body); when the table of
 *   contents lists N entries after "Lukket dagsorden", at least the last N items are closed;
 * - after an open item the next heading is the first with a higher number ("Pkt. 86 - …" inside
 *   item 86 stays text), unless it does not fit the table of contents or reads as a sentence and a
 *   later heading with the same number does;
 * - after a closed item only a heading that fits the table of contents (where there is one) and
 *   whose title does not start in lower case may end it; of those with the lowest higher number the
 *   last is taken, so "Punkt 3: se bilag …" inside closed item 2 stays in its body when the real
 *   "Punkt 3" follows. When nothing fits, the closed item runs to the end of the document;
 * - an open item whose body turns out closed is re-split with the closed rule.
 */
export function segmentItems(lines: readonly SourceLine[], candidates: readonly ItemHeading[], toc: TableOfContents): ItemSegment[] {
  const segments: ItemSegment[] = [];
  let isRestClosed = toc.closesAll;
  let isNextClosed = false;
  const usedEntries = new Set<TocEntry>();
  let position: number | undefined = candidates.length > 0 ? 0 : undefined;

  const bodyOf = (at: number, next: number | undefined): SourceLine[] =>
    lines.slice((candidates[at]?.index ?? lines.length) + 1, next === undefined ? lines.length : (candidates[next]?.index ?? lines.length));

  // "Punkt 3:" or "Punkt 3: Lukket:" may print the title on the next line; it is only compared here, never published.
  const titlesForToc = (at: number): string[] => {
    const candidate = candidates[at];
    if (!candidate) return [];
    if (titleKey(candidate.rawTitle) !== "") return [candidate.rawTitle];
    const next = lines.slice(candidate.index + 1, candidate.index + 3).find((line) => line.text.trim() !== "");
    return next ? [candidate.rawTitle, next.text] : [candidate.rawTitle];
  };

  // A heading that fits the table of contents (where there is one) and does not read as a sentence:
  // "Punkt 3: se bilag …" does not (a lower-case "lukket: …" heading is closed anyway).
  const isEligible = (at: number): boolean => {
    const titles = titlesForToc(at);
    const title = titles[titles.length - 1]?.trim() ?? "";
    if (/^\p{Ll}/u.test(title) && !hasMarkerWord(title)) return false;
    return titles.some((candidateTitle) => fitsToc(toc, candidates[at]?.number ?? "", candidateTitle));
  };

  const openSuccessor = (at: number): number | undefined => {
    const number = candidates[at]?.number ?? null;
    let first: number | undefined;
    for (let i = at + 1; i < candidates.length; i += 1) {
      const candidate = candidates[i];
      if (!candidate || !isAfter(candidate.number, number)) continue;
      if (first === undefined) {
        if (isEligible(i)) return i;
        first = i;
      } else if (candidate.number === candidates[first]?.number && isEligible(i)) {
        // "Punkt 4: se bilag …" in this open item's text, the real "Punkt 4" (perhaps closed) further down.
        return i;
      }
    }
    return first;
  };

  const closedSuccessor = (at: number, warnings: ParseWarning[]): number | undefined => {
    const number = candidates[at]?.number ?? null;
    const later: number[] = [];
    for (let i = at + 1; i < candidates.length; i += 1) if (isAfter(candidates[i]?.number ?? "", number)) later.push(i);
    const eligible = later.filter(isEligible);
    let chosen: number | undefined;
    for (const i of eligible) {
      const candidate = candidates[i];
      const best = chosen === undefined ? undefined : candidates[chosen];
      if (!candidate) continue;
      if (!best || compareNumbers(candidate.number, best.number) <= 0) chosen = i;
    }
    const skipped = later.filter((i) => chosen === undefined || i < chosen);
    for (const i of skipped) {
      const line = lines[candidates[i]?.index ?? -1];
      if (line) warnings.push({ line: line.no, message: chosen === undefined ? UNMATCHED_HEADINGS : SKIPPED_HEADING, text: "" });
    }
    return chosen;
  };

  while (position !== undefined) {
    const at = position;
    const heading = candidates[at];
    const headingLine = heading ? lines[heading.index] : undefined;
    if (!heading || !headingLine) break;
    const warnings: ParseWarning[] = [];
    const title = readClosedTitle(heading.rawTitle);
    // Each entry describes one item: of two items with the same title, the first takes the first entry.
    const tocEntries = findTocEntries(toc, heading.number, heading.rawTitle)
      .filter((entry) => !usedEntries.has(entry))
      .slice(0, 1);
    for (const entry of tocEntries) usedEntries.add(entry);
    const isClosedByToc = tocEntries.some((entry) => entry.isClosed || entry.isInClosedPart);
    const isClosedByHeading = title.isClosed || isClosedStatusHeading(headingLine.text);
    let isClosed = isRestClosed || isNextClosed || isClosedByHeading || isClosedByToc;

    const hasTitle = heading.rawTitle.trim() !== "";
    let next = isClosed ? closedSuccessor(at, warnings) : openSuccessor(at);
    let judgement: BodyJudgement = judgeBody(bodyOf(at, next), hasTitle);
    if (!isClosed && (judgement.closing !== null || judgement.partIndex !== null)) {
      // The rest of the body is closed, so the next item is the one a closed item would end at.
      isClosed = judgement.closing !== null || judgement.isPartInHead;
      next = closedSuccessor(at, warnings);
      judgement = judgeBody(bodyOf(at, next), hasTitle);
    }
    const isCertain =
      (isClosedByHeading && title.isCertain) || isRestClosed || judgement.closing?.isCertain === true || judgement.isPartInHead;
    if (isClosed && !isCertain) {
      if (title.isClosed) warnings.push(closedWarning(headingLine.no, title.marker));
      else if (judgement.closing) warnings.push(closedWarning(judgement.closing.line, judgement.closing.marker));
      else warnings.push(closedWarning(headingLine.no, isClosedByToc ? "lukket (indholdsfortegnelsen)" : "lukket (linjen før punktet)"));
    }

    const bodyStart = heading.index + 1;
    const bodyEnd = next === undefined ? lines.length : (candidates[next]?.index ?? lines.length);
    const isCut = !isClosed && judgement.partIndex !== null;
    segments.push({
      heading,
      bodyEnd,
      isClosed,
      publicEnd: isCut ? bodyStart + (judgement.partIndex ?? 0) : bodyEnd,
      title: isClosed && !hasTitle && judgement.titleLine ? judgement.titleLine.title : null,
      warnings,
    });
    if (title.isPart || judgement.partIndex !== null || tocEntries.some((entry) => entry.isInClosedPart)) isRestClosed = true;
    isNextClosed = judgement.closesNext;
    position = next;
  }
  closeTocPart(segments, toc, lines);
  return segments;
}

/**
 * The table of contents lists the closed part after "Lukket dagsorden", but no item matched those
 * entries by title: the last items, as many as the entries, are closed all the same. Everything
 * after the first of them is closed, so which heading ends which of them no longer matters.
 */
function closeTocPart(segments: ItemSegment[], toc: TableOfContents, lines: readonly SourceLine[]): void {
  if (toc.closedPartSize === 0) return;
  for (const segment of segments.slice(-toc.closedPartSize)) {
    if (segment.isClosed) continue;
    segment.isClosed = true;
    segment.publicEnd = segment.bodyEnd;
    const line = lines[segment.heading.index];
    if (line) segment.warnings.push(closedWarning(line.no, "lukket dagsorden (indholdsfortegnelsen)"));
  }
}
