import { collectAttachments } from "./attachments";
import { buildBlocks, renderBlocks } from "./blocks";
import { extractKle, isBareCaseNumber, readItemMetadata } from "./case-number";
import { droppedRange, readClosedTitle } from "./closed-items";
import { isArtifactLine, type Family } from "./families";
import { isRepeatedItemHeader, isSameTitle, type ItemHeading } from "./item-headings";
import { classifyDeviation } from "./deviation";
import { classifyOutcome } from "./outcome";
import { readPartialAbsences } from "./partial-absence";
import { mergePeople, parseAbsentees } from "./participants";
import { removePlaceholders } from "./placeholders";
import { matchSectionHeading } from "./section-headings";
import { splitSentences } from "./sentences";
import type { Block, LineRange, ParsedItem, ParsedSection, Participant, ParseWarning, SectionKind, SourceLine } from "./types";
import { noVotes, parseVotes } from "./votes";

/** What an item is parsed against. */
export interface ItemContext {
  meetingDate: string | null;
  committee: string | null;
  family: Family;
}

/**
 * One parsed item, the warnings it produced, the people it names (absentees and voters, with the
 * party when printed; none for a closed item) and, for a closed item, the body lines dropped.
 */
export interface ItemParse {
  item: ParsedItem;
  warnings: ParseWarning[];
  people: Participant[];
  dropped: LineRange | null;
}

interface SectionDraft {
  heading: string;
  kind: SectionKind;
  line: number;
  lines: SourceLine[];
  isOwnDecision: boolean;
  isForeignDecision: boolean;
  blocks: Block[];
}

const MARKER = /\s*\(([A-ZÆØÅ])\)\s*$/;
// Case numbers are printed on the first lines under the heading (or under Varde's repeated header).
const CASE_NUMBER_WINDOW = 2;

/** Split a title into the title and its template marker: "Orientering om sygedagpenge (B)" → marker "B". */
export function splitMarker(title: string): { title: string; marker: string | null } {
  const match = MARKER.exec(title);
  if (!match) return { title: title.trim(), marker: null };
  return { title: title.slice(0, match.index).trim(), marker: match[1] ?? null };
}

/** What segmenting decided about an item before it is parsed (segment-items.ts). */
export interface ItemVerdict {
  isClosed: boolean;
  /** A title printed on the line under an untitled heading, used instead of the heading's. */
  title: string | null;
}

/**
 * Parse one item from its heading and body lines. A closed item returns only number, title,
 * marker and `closed: true`; its body is reported as dropped and never read.
 */
export function parseItem(
  heading: ItemHeading,
  headingLine: SourceLine,
  body: readonly SourceLine[],
  context: ItemContext,
  verdict: ItemVerdict,
): ItemParse {
  const closedTitle = readClosedTitle(verdict.title ?? heading.rawTitle);
  const { title, marker } = splitMarker(closedTitle.title);
  const isClosed = verdict.isClosed;
  const base: ParsedItem = {
    number: heading.number,
    // A closed item printed with no title but its marker ("Lukket (B)") reads "Lukket".
    title: isClosed && title === "" ? "Lukket" : title,
    marker,
    caseNumber: null,
    kle: null,
    closed: isClosed,
    sections: [],
    decision: null,
    outcome: "none",
    recommendation: null,
    deviation: null,
    attachments: [],
    absent: [],
    votes: noVotes(),
    line: headingLine.no,
  };
  if (isClosed) return { item: base, warnings: [], people: [], dropped: droppedRange(body) };

  const warnings: ParseWarning[] = [];
  const drafts: SectionDraft[] = [];
  let current: SectionDraft | null = null;
  let caseNumber: string | null = null;
  let caseWindow = CASE_NUMBER_WINDOW;
  let sectionsBeforeRepeatedHeader = 0;
  let isFirstLine = true;
  for (const line of body) {
    const text = line.text.trim();
    // FirstAgenda's HTML export repeats the title under "49. Godkendelse af dagsorden".
    if (text !== "" && isFirstLine) {
      isFirstLine = false;
      if (isSameTitle(text, heading.rawTitle)) continue;
    }
    if (text === "") {
      current?.lines.push(line);
      continue;
    }
    if (isArtifactLine(context.family, text)) continue;
    if (heading.style !== "status" && isRepeatedItemHeader(text, heading.number)) {
      sectionsBeforeRepeatedHeader = drafts.length;
      current = null;
      caseWindow = CASE_NUMBER_WINDOW;
      continue;
    }
    if (current === null) {
      if (caseWindow > 0 && isBareCaseNumber(text)) {
        caseNumber ??= text;
        caseWindow -= 1;
        continue;
      }
      caseWindow -= 1;
      const metadata = readItemMetadata(text);
      if (metadata) {
        if (metadata.caseNumber !== undefined) caseNumber ??= metadata.caseNumber;
        continue;
      }
    }
    const match = matchSectionHeading(text, {
      meetingDate: context.meetingDate,
      committee: context.committee,
      currentKind: current?.kind ?? null,
      isInForeignDecision: current?.isForeignDecision ?? false,
    });
    if (match) {
      current = {
        heading: match.heading,
        kind: match.kind,
        line: line.no,
        lines: match.inlineText === null ? [] : [{ ...line, text: match.inlineText }],
        isOwnDecision: match.isOwnDecision,
        isForeignDecision: !match.isOwnDecision && /(?:^|s\s+)beslutning/i.test(match.heading),
        blocks: [],
      };
      drafts.push(current);
      continue;
    }
    if (current) current.lines.push(line);
    else warnings.push({ line: line.no, message: "Teksten står før punktets første afsnit og blev ikke placeret", text });
  }

  for (const draft of drafts) draft.blocks = buildBlocks(draft.lines);
  moveDecisionOutOfAbsence(drafts);
  const sections: ParsedSection[] = drafts.map((draft) => {
    const blocks = removePlaceholders(draft.blocks);
    return { heading: draft.heading, kind: draft.kind, text: renderBlocks(blocks), blocks, line: draft.line };
  });
  const ownDecisionTexts = sections
    .filter((section, index) => drafts[index]?.isOwnDecision === true && section.text !== "")
    .map((section) => section.text);
  const decision = ownDecisionTexts.length > 0 ? ownDecisionTexts.join("\n\n") : null;
  const absenceText = sections.filter((section) => section.kind === "fravaerende").map((section) => section.text);
  const recommendationTexts = sections.filter((section) => section.kind === "indstilling" && section.text !== "").map((section) => section.text);
  const recommendation = recommendationTexts.length > 0 ? recommendationTexts.join("\n\n") : null;
  const decisionLines = drafts.filter((draft) => draft.isOwnDecision).flatMap((draft) => draft.lines);
  const votes = parseVotes(decisionLines);
  const absentees = mergePeople([...parseAbsentees(absenceText.join("\n")), ...readOwnPartialAbsences(drafts, heading.number)]);
  const item: ParsedItem = {
    ...base,
    caseNumber,
    kle: extractKle(caseNumber),
    sections,
    decision,
    outcome: classifyOutcome(decision),
    recommendation,
    deviation: classifyDeviation(recommendation, decision),
    attachments: readAttachments(sections, sectionsBeforeRepeatedHeader),
    absent: absentees.map((absentee) => absentee.name),
    votes,
  };
  const voters = [...votes.for, ...votes.against, ...votes.abstained, ...votes.reservations];
  const people = mergePeople([
    ...absentees,
    ...voters.flatMap((voter) => (voter.name === undefined ? [] : [{ name: voter.name, party: voter.party ?? null }])),
  ]);
  return { item, warnings, people, dropped: null };
}

/**
 * Members who took no part in this item, as its decision or absence field says: "Anne Hansen
 * (F) deltog ikke i behandlingen af punktet", or of "punkt 5" when 5 is this item's number.
 */
function readOwnPartialAbsences(drafts: readonly SectionDraft[], number: string): Participant[] {
  const lines = drafts.filter((draft) => draft.isOwnDecision || draft.kind === "fravaerende").flatMap((draft) => draft.lines);
  return splitSentences(lines)
    .flatMap((sentence) => readPartialAbsences(sentence.text, sentence.line))
    .filter((absence) => absence.items.length === 0 || absence.items.includes(number))
    .map(({ name, party }) => ({ name, party }));
}

/**
 * Varde lists the attachments twice: a preview under "Punkt N:" before the repeated item header
 * ("Famileindsatsen 2020 faktaark.pdf") and the numbered "Bilag" field of the case itself
 * ("2. Familieindsatsen 2020 faktaark.pdf (1229342 - EMN-2022-81268)"). The case's own list wins.
 */
function readAttachments(sections: readonly ParsedSection[], previewCount: number): string[] {
  const blocksOf = (list: readonly ParsedSection[]): Block[] =>
    list.filter((section) => section.kind === "bilag").flatMap((section) => section.blocks);
  const own = collectAttachments(blocksOf(sections.slice(previewCount)));
  return own.length > 0 || previewCount === 0 ? own : collectAttachments(blocksOf(sections));
}

/**
 * Varde prints the absence field inside the decision: "### Beslutning" / "#### Fraværende" /
 * "Birger Filskov" / "Orienteringen blev taget til efterretning." – the first paragraph is the
 * absence, the rest is the decision, so it moves back under the empty "Beslutning" heading.
 */
function moveDecisionOutOfAbsence(drafts: SectionDraft[]): void {
  for (let i = 1; i < drafts.length; i += 1) {
    const absence = drafts[i];
    const decision = drafts[i - 1];
    if (!absence || !decision || absence.kind !== "fravaerende") continue;
    if (decision.kind !== "beslutning" || !decision.isOwnDecision || decision.blocks.length > 0) continue;
    if (absence.blocks.length < 2) continue;
    decision.blocks = absence.blocks.slice(1);
    absence.blocks = absence.blocks.slice(0, 1);
  }
}
