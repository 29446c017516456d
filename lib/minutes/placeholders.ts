import type { Block } from "./types";

/**
 * Unfilled template text. Varde's template prints "." in every empty field and leaves its
 * instructions in unused items ("Skriv navn på medlemmer, som ikke er til stede. Hvis alle er til
 * stede: Sæt ét punktum.", "Rådets/Udvalgets beslutning").
 */
const PLACEHOLDER_PARAGRAPHS: ReadonlySet<string> = new Set([
  ".",
  "..",
  "…",
  "-",
  "skriv navn på medlemmer, som ikke er til stede. hvis alle er til stede: sæt ét punktum.",
  "rådets/udvalgets beslutning",
]);

/** Remove placeholder paragraphs and the "." a filled-in Varde field starts with (". Sarah er …"). */
export function removePlaceholders(blocks: readonly Block[]): Block[] {
  const kept: Block[] = [];
  for (const block of blocks) {
    if (block.type !== "paragraph") {
      kept.push(block);
      continue;
    }
    const text = block.text.replace(/^\.\s+(?=\S)/, "");
    if (PLACEHOLDER_PARAGRAPHS.has(text.trim().toLowerCase())) continue;
    kept.push({ type: "paragraph", text });
  }
  return kept;
}
