import type { Block, SourceLine } from "./types";

type ListBlock = Extract<Block, { type: "list" }>;

const BULLET = /^[-•*·–▪◦]\s+(.*)$/;
// "1. Oplæg v/Arbejdsmarkedschef" is a list item; "1. brev - nyt indkaldelsesbrev" (Vejle, an
// attachment title) is not: a numbered list item starts with a capital, digit or quote.
const ORDERED = /^(\d{1,3})[.)]\s+([\p{Lu}\d"“'(§].*)$/u;
// "a) at udvalget godkender …": lettered items often start in lower case; a run of two is required.
const LETTERED = /^([a-z])[.)]\s+(\S.*)$/;
const SENTENCE_END = /[.!?:;)"”»]$/;
const SEPARATOR_CELL = /^-{2,}$/;

type LineKind = "table" | "bullet" | "ordered" | "text";

/** The marker of a numbered or lettered list item: "4. Tekst" → ordinal 4, "c) tekst" → ordinal 3. */
interface ListMarker {
  ordinal: number;
  isLettered: boolean;
  text: string;
}

/**
 * Turn the lines of a section into blocks: blank lines separate groups; tab-separated lines become
 * table rows; "- x", "1. x" and "a) x" lines become list items (an unmarked line directly under an
 * item continues it); other lines form paragraphs, their line breaks kept. Adjacent lists of the
 * same kind merge across blank lines, and a paragraph split by a page break ("og på" / "en måde")
 * is joined again. An ordered list may start at any number or letter ("4. …" after a paragraph)
 * when the next item follows; a lone "1. …" is a list too, a lone "3. …" stays a paragraph.
 */
export function buildBlocks(lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [];
  const listStarts = findListStarts(lines);
  let previousWasBlank = true;
  lines.forEach((line, index) => {
    const text = line.text.trim() === "" ? "" : line.text;
    if (text === "") {
      previousWasBlank = true;
      return;
    }
    appendLine(blocks, text, previousWasBlank, listStarts.has(index));
    previousWasBlank = false;
  });
  return joinPageBreaks(blocks.filter((block) => !isEmptyBlock(block)));
}

function classify(text: string): LineKind {
  if (text.includes("\t")) return "table";
  if (BULLET.test(text.trim())) return "bullet";
  if (readListMarker(text) !== null) return "ordered";
  return "text";
}

function readListMarker(text: string): ListMarker | null {
  const trimmed = text.trim();
  const numbered = ORDERED.exec(trimmed);
  if (numbered) return { ordinal: Number(numbered[1]), isLettered: false, text: (numbered[2] ?? "").trim() };
  const lettered = LETTERED.exec(trimmed);
  if (lettered) return { ordinal: (lettered[1] ?? "a").charCodeAt(0) - 96, isLettered: true, text: (lettered[2] ?? "").trim() };
  return null;
}

/**
 * Indexes of the lines that may open an ordered list: "1. …" (alone too, as before), or any item
 * whose successor follows ("4. …" then "5. …"). Two lines that merely start with a number ("2024
 * blev budgettet …") never do, and neither does a lone "3. Styrket internt samarbejde" (Faxe, a
 * numbered sub-heading between paragraphs).
 */
function findListStarts(lines: readonly SourceLine[]): Set<number> {
  const starts = new Set<number>();
  lines.forEach((line, index) => {
    const marker = classify(line.text) === "ordered" ? readListMarker(line.text) : null;
    if (!marker) return;
    const isFirstNumber = !marker.isLettered && marker.ordinal === 1;
    if (isFirstNumber || isFollowedByNextItem(lines, index, marker)) starts.add(index);
  });
  return starts;
}

/** True when the next item of the same list follows, with only blank lines or the item's own continuation lines between. */
function isFollowedByNextItem(lines: readonly SourceLine[], index: number, marker: ListMarker): boolean {
  let isAfterBlank = false;
  for (let i = index + 1; i < lines.length; i += 1) {
    const text = lines[i]?.text ?? "";
    if (text.trim() === "") {
      isAfterBlank = true;
      continue;
    }
    const kind = classify(text);
    if (kind === "ordered") return isNextItem(marker, readListMarker(text));
    if (kind !== "text" || isAfterBlank) return false;
  }
  return false;
}

function isNextItem(marker: ListMarker, next: ListMarker | null): boolean {
  return next !== null && next.isLettered === marker.isLettered && next.ordinal === marker.ordinal + 1;
}

function appendLine(blocks: Block[], text: string, startsGroup: boolean, opensList: boolean): void {
  const kind = classify(text);
  const last = blocks[blocks.length - 1];
  if (kind === "table") {
    const row = text.split("\t").map((cell) => cell.trim());
    if (row.every((cell) => cell === "" || SEPARATOR_CELL.test(cell))) return;
    if (last?.type === "table" && !startsGroup) last.rows.push(row);
    else blocks.push({ type: "table", rows: [row] });
    return;
  }
  if (kind === "bullet") {
    const itemText = (BULLET.exec(text.trim())?.[1] ?? "").trim();
    if (last?.type === "list" && !last.ordered) last.items.push(itemText);
    else blocks.push({ type: "list", ordered: false, items: [itemText] });
    return;
  }
  const marker = kind === "ordered" ? readListMarker(text) : null;
  if (marker) {
    if (last?.type === "list" && continuesList(last, marker)) {
      last.items.push(marker.text);
      return;
    }
    if (opensList) {
      blocks.push(openList(marker));
      return;
    }
  }
  const trimmed = text.trim();
  if (!startsGroup && last?.type === "list") {
    const index = last.items.length - 1;
    last.items[index] = `${last.items[index] ?? ""}\n${trimmed}`;
    return;
  }
  if (!startsGroup && last?.type === "paragraph") {
    last.text = `${last.text}\n${trimmed}`;
    return;
  }
  blocks.push({ type: "paragraph", text: trimmed });
}

function continuesList(list: ListBlock, marker: ListMarker): boolean {
  const isLettered = list.numbering === "lower-alpha";
  return list.ordered && isLettered === marker.isLettered && marker.ordinal === (list.start ?? 1) + list.items.length;
}

/** A new ordered list; `start` and `numbering` are only set when they differ from "1.", so plain lists stay as before. */
function openList(marker: ListMarker): ListBlock {
  const list: ListBlock = { type: "list", ordered: true, items: [marker.text] };
  if (marker.ordinal !== 1) list.start = marker.ordinal;
  if (marker.isLettered) list.numbering = "lower-alpha";
  return list;
}

function isEmptyBlock(block: Block): boolean {
  if (block.type === "paragraph") return block.text.trim() === "";
  if (block.type === "list") return block.items.length === 0;
  return block.rows.length === 0;
}

/**
 * Joins a paragraph split by a page break to the one before it. Linear: a run of joined
 * paragraphs is collected as parts and concatenated once, since testing the end of an ever
 * longer concatenated string flattens it every time (quadratic on unpunctuated text).
 */
function joinPageBreaks(blocks: Block[]): Block[] {
  const joined: Block[] = [];
  let run: { block: Extract<Block, { type: "paragraph" }>; parts: string[]; length: number; lastPart: string } | null = null;
  const closeRun = () => {
    if (run && run.parts.length > 1) run.block.text = run.parts.join(" ");
    run = null;
  };
  for (const block of blocks) {
    if (block.type !== "paragraph") {
      closeRun();
      joined.push(block);
      continue;
    }
    if (run !== null && !SENTENCE_END.test(run.lastPart) && /^\p{Ll}/u.test(block.text) && run.length > 40) {
      run.parts.push(block.text);
      run.length += 1 + block.text.length;
      run.lastPart = block.text;
      continue;
    }
    closeRun();
    joined.push(block);
    run = { block, parts: [block.text], length: block.text.length, lastPart: block.text };
  }
  closeRun();
  return joined;
}

/** Render blocks as plain text: paragraphs separated by a blank line, lists as "- x"/"4. x"/"a) x", tables tab-separated. */
export function renderBlocks(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      if (block.type === "paragraph") return block.text;
      if (block.type === "list") return block.items.map((item, index) => `${formatListMarker(block, index)} ${item}`).join("\n");
      return block.rows.map((row) => row.join("\t")).join("\n");
    })
    .join("\n\n");
}

function formatListMarker(list: ListBlock, index: number): string {
  if (!list.ordered) return "-";
  const ordinal = (list.start ?? 1) + index;
  return list.numbering === "lower-alpha" ? `${String.fromCharCode(96 + ordinal)})` : `${ordinal}.`;
}
