import type { PlannedBlock, PlannedItem, PlannedMeeting } from "./plan-meeting";
import { MONTHS, WEEKDAYS } from "./vocabulary";

/** "Tirsdag d. 19. marts 2024", the long date every family prints after "Mødedato". */
export function formatLongDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  const day = String(date.getUTCDate()).padStart(2, "0");
  return `${WEEKDAYS[date.getUTCDay()] ?? ""} d. ${day}. ${MONTHS[date.getUTCMonth()] ?? ""} ${date.getUTCFullYear()}`;
}

/** Capitalises the first letter and ends the sentence with a full stop. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** Plain-text blocks, one string per block (the caller separates them by blank lines). */
export function renderBlocks(blocks: readonly PlannedBlock[]): string[] {
  return blocks.map((block) => {
    switch (block.type) {
      case "paragraph":
      case "subheading":
        return block.text;
      case "list":
        return block.items.map((item, index) => (block.ordered ? `${index + 1}. ${item}` : `- ${item}`)).join("\n");
      case "table":
        return block.rows.map((row) => row.join("\t")).join("\n");
    }
  });
}

// FirstAgenda's PDF export cuts long TOC titles and drops the dot leader ("… æresrelaterede konflikter\t5").
const TOC_WIDTH = 95;

/** Table of contents lines ("Title.....\t3"); `label` prints each item's title as the family does. */
export function renderToc(items: readonly PlannedItem[], label: (item: PlannedItem) => string): string[] {
  let page = 3;
  return items.map((item) => {
    const title = label(item);
    const line = title.length > TOC_WIDTH ? `${title.slice(0, TOC_WIDTH)}\t${page}` : `${title}.....\t${page}`;
    page += item.closed ? 1 : 1 + Math.min(3, Math.floor(item.body.length / 3));
    return line;
  });
}

/** The title as a closed item's heading prints it: "Lukket: Eventuelt", or Faxe's bare "Lukket:". */
export function closedHeadingTitle(item: PlannedItem): string {
  return item.title === "Lukket" ? "Lukket:" : `Lukket: ${item.title}`;
}

/** Joins blocks of a document with the blank line every family puts between them. */
export function joinDocument(blocks: readonly string[]): string {
  return `\n\n${blocks.filter((block) => block !== "").join("\n\n")}\n`;
}

/** The resume paragraphs followed by the case description blocks. */
export function caseText(item: PlannedItem): string[] {
  return [...item.resume, ...renderBlocks(item.body)];
}

/** A closed item as the plain-text families print it: heading, case number, then the body the parser drops. */
export function renderClosedItem(item: PlannedItem): string[] {
  return [`Punkt ${item.number}: ${closedHeadingTitle(item)}`, item.caseNumber ?? "", ...item.closedBody];
}

/** How a plain-text family prints its header and items. */
export interface PlainLayout {
  location: string;
  withParticipants: boolean;
  /** The title in the table of contents; defaults to the heading title without "Punkt N:". */
  tocTitle?: (item: PlannedItem) => string;
  renderItem: (item: PlannedItem) => string[];
}

/**
 * The FirstAgenda PDF export the plain-text families share: "REFERAT <udvalg> d. dd-mm-yyyy",
 * "Mødedato …", "Mødested …", optionally "Mødedeltagere …", the table of contents, then the items.
 */
export function renderPlainDocument(meeting: PlannedMeeting, layout: PlainLayout): string {
  const [year, month, day] = meeting.date.split("-");
  const tocTitle = layout.tocTitle ?? ((item: PlannedItem) => (item.closed ? closedHeadingTitle(item) : item.title));
  return joinDocument([
    `REFERAT ${meeting.printedCommittee} d. ${day}-${month}-${year}`,
    `Mødedato ${formatLongDate(meeting.date)} kl. ${meeting.startTime}`,
    `Mødested ${layout.location}`,
    ...(layout.withParticipants ? [`Mødedeltagere ${meeting.participants.join(", ")}`] : []),
    "Indholdsfortegnelse",
    renderToc(meeting.items, tocTitle).join("\n"),
    ...meeting.items.flatMap((item) => layout.renderItem(item)),
  ]);
}
