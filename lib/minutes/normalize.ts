import type { SourceLine } from "./types";

/** Result of normalisation: the lines, whether the input looked like Markdown, and where pages start. */
export interface NormalizedText {
  lines: SourceLine[];
  isMarkdown: boolean;
  /**
   * Indexes into `lines` of the first line of each new page, ascending: after a form feed or a
   * page footer ("Side 3"). Empty when the text carries no page breaks.
   */
  pageBreaks: number[];
}

const INVISIBLE = /[\uFEFF\u00AD\u200B-\u200D\u2060]/g;
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const MARKDOWN_HEADING = /^#{1,6}\s+/;
const WHOLE_LINE_BOLD = /^(\*\*|__)(.+?)\1\s*$/;
const MARKDOWN_ESCAPE = /\\([\\`*_{}[\]()#+\-.!|>])/g;
const MARKDOWN_RULE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/;
const PAGE_FOOTER = /^(?:side|page)\s+\d+(?:\s*(?:af|of|\/)\s*\d+)?$/i;
const SUSPENDED_HYPHEN_WORDS = /^(?:og|eller|samt|til|som)\b/;
const FORM_FEED = "\f";

/**
 * Split raw text into normalised lines: CRLF/CR → LF, NFC, non-breaking and other odd spaces → space,
 * invisible and control characters removed, trailing whitespace trimmed (tabs inside a line kept:
 * they carry table cells). Markdown markers (#, whole-line bold, inline emphasis, escapes,
 * horizontal rules) are removed when the text is Markdown; page footers ("Side 3") and soft
 * hyphenation at line ends are repaired. Form feeds and page footers are reported as page breaks
 * before they disappear. Line numbers always refer to the input text.
 */
export function normalizeText(input: string): NormalizedText {
  const rawLines = input.normalize("NFC").replace(/\r\n?/g, "\n").split("\n");
  const formFeedBreaks = findFormFeedBreaks(rawLines);
  const cleaned = rawLines.map(cleanLine);
  const isMarkdown = detectMarkdown(cleaned);
  const lines: SourceLine[] = cleaned.map((text, index) =>
    isMarkdown ? stripMarkdown(text, index + 1) : { no: index + 1, text: stripLeadingSpaces(text), isMarked: false },
  );
  const footerBreaks = removePageFooters(lines);
  joinSoftHyphenation(lines);
  const pageBreaks = [...new Set([...formFeedBreaks, ...footerBreaks])].sort((a, b) => a - b);
  return { lines, isMarkdown, pageBreaks };
}

function cleanLine(raw: string): string {
  return trimEndSpaces(raw.replace(INVISIBLE, "").replace(ODD_SPACES, " ").replace(CONTROL_EXCEPT_NEWLINE, ""));
}

/**
 * pdftotext starts every page after the first with a form feed ("\fReferat - Byrådet …"), so the
 * line holding it starts the new page; a form feed after the text of a line ends that line's page.
 */
function findFormFeedBreaks(rawLines: readonly string[]): number[] {
  const breaks: number[] = [];
  rawLines.forEach((raw, index) => {
    const at = raw.lastIndexOf(FORM_FEED);
    if (at < 0) return;
    const isAfterText = raw.slice(0, at).trim() !== "" && raw.slice(at + 1).trim() === "";
    breaks.push(isAfterText ? index + 1 : index);
  });
  return breaks;
}

/** Blank "Side 3" / "Side 3 af 12" lines; each ends its page, so the next line starts a new one. */
function removePageFooters(lines: SourceLine[]): number[] {
  const breaks: number[] = [];
  lines.forEach((line, index) => {
    if (!PAGE_FOOTER.test(line.text.trim())) return;
    line.text = "";
    breaks.push(index + 1);
  });
  return breaks;
}

function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

function detectMarkdown(lines: string[]): boolean {
  let marks = 0;
  for (const line of lines) {
    if (MARKDOWN_HEADING.test(line) || WHOLE_LINE_BOLD.test(line.trim())) marks += 1;
    if (marks >= 2) return true;
  }
  return false;
}

function stripLeadingSpaces(text: string): string {
  return text.replace(/^ +/, "");
}

function stripMarkdown(raw: string, no: number): SourceLine {
  let text = stripLeadingSpaces(raw);
  if (MARKDOWN_RULE.test(text)) return { no, text: "", isMarked: false };
  let isMarked = false;
  if (MARKDOWN_HEADING.test(text)) {
    text = text.replace(MARKDOWN_HEADING, "");
    isMarked = true;
  }
  const bold = WHOLE_LINE_BOLD.exec(text.trim());
  if (bold?.[2] !== undefined && !bold[2].includes("**")) {
    text = bold[2];
    isMarked = true;
  }
  text = text
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/__([^_]+)__/g, "$1")
    .replace(/(^|\s)\*([^*\s][^*]*)\*(?=\s|$|[.,:;])/g, "$1$2")
    .replace(MARKDOWN_ESCAPE, "$1")
    .trim();
  return { no, text, isMarked };
}

/**
 * "beskæf-" + "tigelse" on the next line becomes "beskæftigelse"; a suspended compound
 * ("Arbejdsmarkeds-" + "og Integration") keeps its hyphen and gets a space.
 */
function joinSoftHyphenation(lines: SourceLine[]): void {
  for (let i = 0; i + 1 < lines.length; i += 1) {
    const line = lines[i];
    const next = lines[i + 1];
    if (line === undefined || next === undefined) continue;
    if (!/\p{Ll}-$/u.test(line.text) || !/^\p{Ll}/u.test(next.text) || next.text.includes("\t")) continue;
    line.text = SUSPENDED_HYPHEN_WORDS.test(next.text)
      ? `${line.text} ${next.text}`
      : `${line.text.slice(0, -1)}${next.text}`;
    next.text = "";
  }
}

/**
 * True when the text looks binary rather than text: NUL characters, or a noticeable share of
 * control or replacement characters. Returns the 1-based line of the first offending character.
 */
export function findBinaryLine(input: string): number | null {
  const sample = input.length > 200_000 ? input.slice(0, 200_000) : input;
  let suspicious = 0;
  let firstIndex = -1;
  for (let i = 0; i < sample.length; i += 1) {
    const code = sample.charCodeAt(i);
    const isControl = (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd;
    if (code === 0) return lineOfIndex(sample, i);
    if (isControl) {
      suspicious += 1;
      if (firstIndex < 0) firstIndex = i;
    }
  }
  if (suspicious > 8 && suspicious / Math.max(sample.length, 1) > 0.02) return lineOfIndex(sample, firstIndex);
  return null;
}

function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}
