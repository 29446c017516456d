import type { Block } from "./types";

// Varde's numbered attachment list repeats the document and case id: "Årsplan 2023 (1229355 - EMN-2022-81268)".
const DOCUMENT_REFERENCE = /\s*\(\d{4,}\s*-\s*[^()]+\)\s*$/;
const NUMBERING = /^\d{1,3}[.)]\s+(?=\p{Lu})/u;

/**
 * Attachment titles from the blocks of "Bilag" sections: one per line or list item, without list
 * numbering or Varde's document reference, in order and without duplicates.
 */
export function collectAttachments(blocks: readonly Block[]): string[] {
  const titles: string[] = [];
  const add = (raw: string): void => {
    const title = raw.replace(NUMBERING, "").replace(DOCUMENT_REFERENCE, "").trim();
    if (title === "" || title === "." || titles.some((t) => t.toLowerCase() === title.toLowerCase())) return;
    titles.push(title);
  };
  for (const block of blocks) {
    if (block.type === "paragraph") block.text.split("\n").forEach(add);
    else if (block.type === "list") block.items.forEach((item) => item.split("\n").forEach(add));
    else block.rows.forEach((row) => add(row.filter((cell) => cell !== "").join(" ")));
  }
  return titles;
}
