import type { Block, SourceLine } from "./types";

const BULLET = /^[-•*·–▪◦]\s+(.*)$/;
// "1. Oplæg v/Arbejdsmarkedschef" is a list item; "1. brev - nyt indkaldelsesbrev" (Vejle, an
// attachment title) is not: a numbered list item starts with a capital, digit or quote.
const ORDERED = /^(\d{1,3})[.)]\s+([\p{Lu}\d"“'(§].*)$/u;
const SENTENCE_END = /[.!?:;)"”»]$/;
const SEPARATOR_CELL = /^-{2,}$/;

type LineKind = "table" | "bullet" | "ordered" | "text";

/**
 * Turn the lines of a section into blocks: blank lines separate groups; tab-separated lines become
 * table rows; "- x" / "1. x" lines become list items (an unmarked line directly under an item
 * continues it); other lines form paragraphs, their line breaks kept. Adjacent lists of the same
 * kind merge across blank lines, and a paragraph split by a page break ("og på" / "en måde") is
 * joined again.
 */
export function buildBlocks(lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [];
  let previousWasBlank = true;
  for (const line of lines) {
    const text = line.text.trim() === "" ? "" : line.text;
    if (text === "") {
      previousWasBlank = true;
      continue;
    }
    appendLine(blocks, text, previousWasBlank);
    previousWasBlank = false;
  }
  return joinPageBreaks(blocks.filter((block) => !isEmptyBlock(block)));
}

function classify(text: string): LineKind {
  if (text.includes("\t")) return "table";
  if (BULLET.test(text.trim())) return "bullet";
  if (ORDERED.test(text.trim())) return "ordered";
  return "text";
}

function appendLine(blocks: Block[], text: string, startsGroup: boolean): void {
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
  if (kind === "ordered") {
    const match = ORDERED.exec(text.trim());
    const number = Number(match?.[1]);
    const itemText = (match?.[2] ?? "").trim();
    // A Block has no start number, so only a run counting 1, 2, 3 … becomes a list; a lone
    // "3. Styrket internt samarbejde" (Faxe) stays a paragraph and keeps its printed number.
    if (last?.type === "list" && last.ordered && number === last.items.length + 1) {
      last.items.push(itemText);
      return;
    }
    if (number === 1) {
      blocks.push({ type: "list", ordered: true, items: [itemText] });
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

function isEmptyBlock(block: Block): boolean {
  if (block.type === "paragraph") return block.text.trim() === "";
  if (block.type === "list") return block.items.length === 0;
  return block.rows.length === 0;
}

function joinPageBreaks(blocks: Block[]): Block[] {
  const joined: Block[] = [];
  for (const block of blocks) {
    const last = joined[joined.length - 1];
    if (
      last?.type === "paragraph" &&
      block.type === "paragraph" &&
      !SENTENCE_END.test(last.text) &&
      /^\p{Ll}/u.test(block.text) &&
      last.text.length > 40
    ) {
      last.text = `${last.text} ${block.text}`;
      continue;
    }
    joined.push(block);
  }
  return joined;
}

/** Render blocks as plain text: paragraphs separated by a blank line, lists as "- x"/"1. x", tables tab-separated. */
export function renderBlocks(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      if (block.type === "paragraph") return block.text;
      if (block.type === "list") {
        return block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : "-"} ${item}`).join("\n");
      }
      return block.rows.map((row) => row.join("\t")).join("\n");
    })
    .join("\n\n");
}
