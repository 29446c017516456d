import type { SourceLine } from "./types";

/** A sentence of a section's text and the source line it starts on. */
export interface LocatedSentence {
  text: string;
  line: number;
  /** Index of the paragraph the sentence belongs to (0-based, per call). */
  paragraph: number;
}

/** A paragraph: consecutive non-blank lines joined by spaces, with the line each character came from. */
interface Paragraph {
  text: string;
  /** `starts[i]` is the offset in `text` where the i-th source line begins. */
  starts: number[];
  lines: number[];
}

function toParagraphs(lines: readonly SourceLine[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  for (const line of lines) {
    const text = line.text.trim();
    // A list item ("- For: A, C og V") starts its own paragraph like a blank line would.
    const isListItem = /^[-•]\s/.test(text);
    if (text === "" || isListItem) current = null;
    if (text === "") continue;
    const body = isListItem ? text.slice(2).trim() : text;
    if (current === null) {
      current = { text: "", starts: [], lines: [] };
      paragraphs.push(current);
    } else current.text += " ";
    current.starts.push(current.text.length);
    current.lines.push(line.no);
    current.text += body;
  }
  return paragraphs;
}

function lineAt(paragraph: Paragraph, offset: number): number {
  let line = paragraph.lines[0] ?? 0;
  for (let i = 0; i < paragraph.starts.length; i += 1) if ((paragraph.starts[i] ?? 0) <= offset) line = paragraph.lines[i] ?? line;
  return line;
}

// A sentence ends at ".", "!" or "?" (or after "(7).") before a capital letter or a digit ("2 stemte imod") – but not after an
// initial inside a name ("Jens K. Pedersen"): a single capital preceded by a capitalised word.
const BOUNDARY = /(?<=[.!?])\s+(?=[\p{Lu}\d"”“])/gu;
const INITIAL_BEFORE = /(?:^|\s)\p{Lu}\p{Ll}+\s\p{Lu}\.$/u;

/**
 * The sentences of a section's lines, each with the source line it starts on. Paragraphs (blank
 * lines, list items) always end a sentence; a sentence wrapped over lines is joined with spaces.
 */
export function splitSentences(lines: readonly SourceLine[]): LocatedSentence[] {
  const sentences: LocatedSentence[] = [];
  for (const [index, paragraph] of toParagraphs(lines).entries()) {
    let start = 0;
    for (const boundary of paragraph.text.matchAll(BOUNDARY)) {
      const end = boundary.index;
      if (INITIAL_BEFORE.test(paragraph.text.slice(Math.max(0, end - 40), end))) continue;
      const text = paragraph.text.slice(start, end).trim();
      if (text !== "") sentences.push({ text, line: lineAt(paragraph, start), paragraph: index });
      start = end + boundary[0].length;
    }
    const rest = paragraph.text.slice(start).trim();
    if (rest !== "") sentences.push({ text: rest, line: lineAt(paragraph, start), paragraph: index });
  }
  return sentences;
}
