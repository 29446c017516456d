/** The shapes of oversized documents that once made the parser slow or crash. */
export type BigDocumentShape =
  /** Ordinary minutes with very many items and sentences. */
  | "items"
  /** One item whose case text never ends a sentence: lower-case lines without punctuation. */
  | "unpunctuated"
  /** One item whose case text is a single line without any line break. */
  | "single-line"
  /** One item with a million very short lines. */
  | "many-lines";

const HEADER = [
  "REFERAT Udvalget for arbejdsmarked og integration 2022-2025 d. 19-03-2024",
  "",
  "Mødedato Tirsdag d. 19. marts 2024 kl. 14:00",
  "",
  "Mødested Kongeåen (3. sal) Vejen Rådhus",
  "",
].join("\n");

const WORDS = ["borgere", "indsats", "jobcenter", "ledighed", "virksomheder", "samarbejde", "forløb", "kommunen", "udvalget", "opfølgning"];

function words(count: number, offset: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) out.push(WORDS[(offset + i * 7) % WORDS.length] ?? "");
  return out.join(" ");
}

function item(number: number, body: string): string {
  return `Punkt ${number}: Drøftelse af indsats nummer ${number}\n\nSagsfremstilling\n\n${body}\n\nBeslutning\n\nGodkendt.\n\n`;
}

/**
 * A Vejen-style minutes document of about `bytes` UTF-8 bytes (never less) in the given shape, for
 * the parser's size tests and `npm run bench:parse`. Deterministic: the same arguments give the
 * same text.
 */
export function generateBigDocument(bytes: number, shape: BigDocumentShape): string {
  const parts: string[] = [HEADER];
  let size = HEADER.length;
  const push = (text: string) => {
    parts.push(text);
    size += Buffer.byteLength(text);
  };
  if (shape === "items") {
    for (let n = 1; size < bytes; n += 1) {
      const paragraphs = Array.from({ length: 4 }, (_, p) => `${words(30, n + p)}.`.replace(/^./, (c) => c.toUpperCase()));
      push(item(n, paragraphs.join("\n\n")));
    }
    return parts.join("");
  }
  push("Punkt 1: Drøftelse af en meget lang sag\n\nSagsfremstilling\n\n");
  if (shape === "unpunctuated") {
    // Blank lines between lower-case lines with no sentence end: each is a paragraph the page-break rule joins to the one before.
    for (let n = 0; size < bytes; n += 1) push(`${words(12, n)}\n\n`);
  } else if (shape === "single-line") {
    const chunk = `${words(200, 3)} `;
    const line: string[] = [];
    for (let length = size; length < bytes; length += chunk.length) line.push(chunk);
    push(line.join(""));
  } else {
    for (let n = 0; size < bytes; n += 1) push(`${WORDS[n % WORDS.length]}\n`);
  }
  push("\n\nBeslutning\n\nGodkendt.\n");
  return parts.join("");
}
