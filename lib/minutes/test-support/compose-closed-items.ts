/**
 * Test support: rewrites generated minutes (lib/corpus, all five sample layouts) so chosen items are
 * closed in one of the marker styles municipalities print, with unique secret words in their
 * bodies, and chosen open items mention "lukket" in prose. The property tests parse the result and
 * check that no secret word survives and that the prose items stay open.
 */
import type { PlannedMeeting } from "@/lib/corpus/plan-meeting";

/** Where and how the closed marker is printed. */
export const CLOSED_STYLES = [
  "title-prefix", // "Punkt 3: Lukket: Salg af grund", "Fortroligt - Salg af grund", "Lukket punkt. Salg af grund"
  "bracket-prefix", // "Punkt 3: (Lukket) Salg af grund", "[Fortroligt] Salg af grund"
  "bracket-suffix", // "Punkt 3: Salg af grund (Lukket) (B)", "Salg af grund {Lukket møde}"
  "dash-suffix", // "Punkt 3: Salg af grund - Lukket", "Salg af grund: Fortroligt"
  "next-line", // "Punkt 3:" / "Lukket: Salg af grund"
  "body-line", // "(Lukket)", "Lukket punkt - fortroligt", "FORTROLIGT" as the first body line
  "status-line", // Varde's repeated header "3 (Lukket) Salg af grund" under an unmarked heading
  "part-line", // "Lukket dagsorden" (or "## Lukket dagsorden") above the item: it and all later items are closed
  "part-title", // "Punkt 3: Lukket dagsorden: Salg af grund"
  "word-in-title", // "Punkt 3: Salg af grund om lukket afdeling": uncertain, closed with a warning
] as const;
export type ClosedStyle = (typeof CLOSED_STYLES)[number];

/** Everything drawn for one closed item. */
export interface ClosedChoice {
  style: ClosedStyle;
  /** 0: "Lukket", 1: "Lukket punkt", 2: "Lukket sag", 3: "Fortroligt", 4: "Fortrolig", 5: "Lukket møde". */
  word: number;
  /** 0: none, 1: a template letter "(A)"/"(B)" after the marker, 2: " - fortroligt" joined to the marker. */
  neighbour: number;
  /** The marker wraps onto the line under the heading; a body marker stands under the case number. */
  isWrapped: boolean;
  /** 0: as written, 1: lower case, 2: upper case. */
  casing: number;
  /** 0: (), 1: [], 2: {}. */
  bracket: number;
  /** 0: ":", 1: ".", 2: " -", 3: " –", 4: " —". */
  separator: number;
  /** The table of contents prints the title as the heading does (with its marker) instead of plain. */
  isTocStyled: boolean;
  /** A line shaped like the next heading ("Punkt 4: se bilag …") inside the closed body. */
  hasFakeHeading: boolean;
  /** 0: "Punkt 3:", 1: "Pkt. 3 -", 2: "Punkt 3.", 3: "PUNKT 3 –", 4: "Punkt 3 —". */
  headingForm: number;
}

/** What the parse of a composed item must show. */
export interface ClosedExpectation {
  number: string;
  style: ClosedStyle;
  /** The clean title, or null when the style leaves it as printed or cut at a wrap. */
  title: string | null;
  /** True when this item and every item after it must be closed. */
  isPart: boolean;
  /** 1-based line of the heading, for the warning of uncertain styles. */
  headingLine: number;
}

/** A composed document and what its parse must show. */
export interface ComposedMinutes {
  text: string;
  closed: ClosedExpectation[];
  /** Numbers of open items whose body mentions "lukket"/"fortrolig" in prose. */
  openProse: string[];
  /** Every item number, in order. */
  numbers: string[];
  /** The secret words put into closed bodies. */
  secrets: string[];
}

const HEADING_FORMS: ReadonlyArray<(number: string) => string> = [
  (number) => `Punkt ${number}:`,
  (number) => `Pkt. ${number} -`,
  (number) => `Punkt ${number}.`,
  (number) => `PUNKT ${number} –`,
  (number) => `Punkt ${number} —`,
];
const WORDS = ["Lukket", "Lukket punkt", "Lukket sag", "Fortroligt", "Fortrolig", "Lukket møde"];
const BRACKETS: ReadonlyArray<readonly [string, string]> = [["(", ")"], ["[", "]"], ["{", "}"]];
const SEPARATORS = [":", ".", " -", " –", " —"];
const PART_LINES = ["Lukket dagsorden", "LUKKET DAGSORDEN", "Lukket dagsorden:", "Lukkede punkter", "Lukket del af mødet", "Lukket møde"];
const TITLE_WORDS = ["om lukket afdeling", "vedrørende fortrolig aftale", "og lukkede sager"];
/** Prose an open item may print: the marker words in sentences, never as markers. */
export const OPEN_PROSE = [
  "Vejen er lukket for gennemkørsel i uge 12.",
  "Tilbuddet er lukket for tilgang af nye borgere.",
  "Lukket for tilgang fra 1. maj, jf. udvalgets beslutning.",
  "Mødet blev i 2019 holdt for lukkede døre, men sagen er nu offentlig.",
  "Fortrolige oplysninger fremgår ikke af sagen.",
  "Skolen holdt lukket i efterårsferien, og eleverne fik nødpasning.",
  "Sagen var tidligere fortrolig, men er nu åben.",
];

function applyCasing(text: string, casing: number): string {
  return casing === 1 ? text.toLowerCase() : casing === 2 ? text.toUpperCase() : text;
}

/** The marker phrase with its neighbour: "Lukket punkt - fortroligt", "LUKKET". */
function markerPhrase(choice: ClosedChoice): string {
  const word = WORDS[choice.word % WORDS.length] ?? "Lukket";
  return applyCasing(choice.neighbour === 2 ? `${word} - fortroligt` : word, choice.casing);
}

interface Rendered {
  /** The heading's title part, after "Punkt N: ". */
  heading: string;
  /** Lines directly under the heading (no blank line between): a wrapped marker or the title line. */
  under: string[];
  /** Lines at the start of the body. */
  bodyStart: string[];
  /** Lines printed above the heading. */
  above: string[];
  expectedTitle: string | null;
  isPart: boolean;
}

function renderStyle(choice: ClosedChoice, title: string, number: string, letter: string | null, isMarkdown: boolean): Rendered {
  const phrase = markerPhrase(choice);
  const [open, close] = BRACKETS[choice.bracket % BRACKETS.length] ?? ["(", ")"];
  const separator = SEPARATORS[choice.separator % SEPARATORS.length] ?? ":";
  // A template letter: Vejen's own, or "(A)" drawn as the neighbour.
  const mark = letter ?? (choice.neighbour === 1 ? "A" : null);
  const letterText = mark ? ` (${mark})` : "";
  const base: Rendered = { heading: "", under: [], bodyStart: [], above: [], expectedTitle: title, isPart: false };
  switch (choice.style) {
    case "title-prefix":
      if (choice.isWrapped) return { ...base, heading: `${phrase}${separator}`, under: [`${title}${letterText}`], expectedTitle: "Lukket" };
      return { ...base, heading: `${phrase}${separator} ${title}${letterText}` };
    case "bracket-prefix":
      return { ...base, heading: `${open}${phrase}${close} ${title}${letterText}` };
    case "bracket-suffix":
      if (choice.isWrapped) return { ...base, heading: title, under: [`${open}${phrase}${close}${letterText}`] };
      return { ...base, heading: mark && choice.casing === 0 ? `${title} (${mark}) ${open}${phrase}${close}` : `${title} ${open}${phrase}${close}${letterText}` };
    case "dash-suffix": {
      const dash = separator === "." ? " -" : separator;
      if (choice.isWrapped) return { ...base, heading: title, under: [`${dash.trim()} ${phrase}${letterText}`] };
      return { ...base, heading: `${title}${dash} ${phrase}${letterText}` };
    }
    case "next-line":
      return { ...base, heading: "", under: [`${phrase}: ${title}${letterText}`] };
    case "body-line": {
      const lines = [`${open}${phrase}${close}${letterText}`, phrase, `${phrase}.`, `${phrase}${letterText}`];
      return { ...base, heading: `${title}${letterText}`, bodyStart: [lines[(choice.bracket + choice.separator) % lines.length] ?? phrase] };
    }
    case "status-line": {
      const status = `${number} (${phrase}) ${title}`;
      return { ...base, heading: `${title}${letterText}`, bodyStart: [isMarkdown ? `## **${status}**` : status] };
    }
    case "part-line": {
      const part = applyCasing(PART_LINES[(choice.word + choice.separator) % PART_LINES.length] ?? "Lukket dagsorden", choice.casing);
      return { ...base, heading: `${title}${letterText}`, above: [isMarkdown && choice.isWrapped ? `## ${part}` : part], isPart: true };
    }
    case "part-title":
      return { ...base, heading: `${applyCasing("Lukket dagsorden", choice.casing)}${separator} ${title}${letterText}`, isPart: true };
    case "word-in-title": {
      const words = TITLE_WORDS[choice.word % TITLE_WORDS.length] ?? "om lukket afdeling";
      return { ...base, heading: `${title} ${words}${letterText}`, expectedTitle: null };
    }
  }
}

const HEADING = /^(?:## \*\*)?Punkt (\d+): /;

function findBlocks(lines: readonly string[]): Map<string, { start: number; end: number }> {
  const starts: Array<{ number: string; start: number }> = [];
  lines.forEach((line, index) => {
    const match = HEADING.exec(line);
    if (match?.[1]) starts.push({ number: match[1], start: index });
  });
  return new Map(starts.map((entry, i) => [entry.number, { start: entry.start, end: starts[i + 1]?.start ?? lines.length }]));
}

/**
 * Rewrite a rendered meeting: items at `closedAt` (indexes into meeting.items) become closed in the
 * drawn styles with secret words (`secret(k)`) in their bodies; items at `proseAt` get an
 * OPEN_PROSE sentence at paragraph position `prosePosition`. Items after a part style are closed too.
 */
export function composeClosedMinutes(
  meeting: PlannedMeeting,
  text: string,
  closedAt: ReadonlyMap<number, ClosedChoice>,
  proseAt: ReadonlyMap<number, { sentence: number; position: number }>,
  secret: (k: number) => string,
): ComposedMinutes {
  const isMarkdown = meeting.family === "varde";
  const lines = text.split("\n");
  const blocks = findBlocks(lines);
  const tocStart = lines.findIndex((line) => /Indholdsfortegnelse$/.test(line));
  const firstPart = Math.min(...[...closedAt].filter(([, choice]) => choice.style.startsWith("part")).map(([index]) => index));
  const replacements = new Map<number, { end: number; lines: string[]; headingOffset: number }>();
  const secrets: string[] = [];
  const planned: Array<{ index: number; rendered: Rendered; choice: ClosedChoice }> = [];
  const openProse: string[] = [];

  meeting.items.forEach((item, index) => {
    const block = blocks.get(item.number);
    if (!block) throw new Error(`composeClosedMinutes: no heading for item ${item.number}`);
    const choice = closedAt.get(index);
    const prose = proseAt.get(index);
    const [prefix, suffix] = isMarkdown ? ["## **", "**"] : ["", ""];
    if (choice) {
      const rendered = renderStyle(choice, item.title, item.number, item.marker, isMarkdown);
      const body = [0, 1, 2].map((k) => secret(secrets.length + k));
      secrets.push(...body);
      const next = meeting.items[index + 1]?.number ?? String(Number(item.number) + 1);
      const fake = choice.hasFakeHeading ? [`Punkt ${next}: se bilag ${body[1] ?? ""}`, ""] : [];
      const form = HEADING_FORMS[choice.headingForm % HEADING_FORMS.length] ?? HEADING_FORMS[0];
      const heading = `${prefix}${form?.(item.number) ?? ""}${rendered.heading === "" ? "" : ` ${rendered.heading}`}${suffix}`;
      replacements.set(block.start, {
        end: block.end,
        headingOffset: rendered.above.length * 2,
        lines: [
          ...rendered.above.flatMap((line) => [line, ""]),
          heading,
          ...rendered.under,
          "",
          // A body marker stands right under the heading, or (drawn as "wrapped") under the case number.
          ...(choice.isWrapped ? [] : rendered.bodyStart.flatMap((line) => [line, ""])),
          ...(item.caseNumber ? [item.caseNumber, ""] : []),
          ...(choice.isWrapped ? rendered.bodyStart.flatMap((line) => [line, ""]) : []),
          "Sagsfremstilling",
          "",
          `${body[0] ?? ""} har afgivet et bud på ejendommen.`,
          "",
          ...fake,
          `${body[1] ?? ""} Køber er oplyst i bilag.`,
          "",
          "Beslutning",
          "",
          `Godkendt. ${body[2] ?? ""}`,
          "",
        ],
      });
      planned.push({ index, rendered, choice });
      return;
    }
    if (prose && index < firstPart) {
      const paragraphStarts: number[] = [];
      for (let i = block.start + 1; i < block.end; i += 1) if (lines[i] === "" && i + 1 < block.end) paragraphStarts.push(i + 1);
      const at = paragraphStarts[prose.position % Math.max(paragraphStarts.length, 1)] ?? block.end;
      const sentence = OPEN_PROSE[prose.sentence % OPEN_PROSE.length] ?? "";
      lines.splice(at, 0, sentence, "");
      // The splice moved every later line: recompute the blocks.
      for (const [number, later] of findBlocks(lines)) blocks.set(number, later);
      openProse.push(item.number);
    }
  });

  // The table of contents prints each item's title on its own line, in item order.
  const tocLines = new Map<number, number>();
  if (tocStart >= 0) {
    let k = 0;
    for (let i = tocStart + 1; i < lines.length && k < meeting.items.length; i += 1) {
      if (HEADING.test(lines[i] ?? "")) break;
      if ((lines[i] ?? "").includes("\t")) tocLines.set(k++, i);
    }
  }
  for (const { index, rendered, choice } of planned) {
    const at = tocLines.get(index);
    const item = meeting.items[index];
    if (at === undefined || !item) continue;
    const page = (lines[at] ?? "").split("\t").pop() ?? "3";
    const plain = item.marker ? `${item.title} (${item.marker})` : item.title;
    const styled = rendered.heading === "" ? rendered.under.join(" ") : rendered.heading;
    lines[at] = `${choice.isTocStyled ? styled : plain}.....\t${page}`;
  }

  const output: string[] = [];
  const headingLines = new Map<number, number>();
  for (let i = 0; i < lines.length; i += 1) {
    const replacement = replacements.get(i);
    if (!replacement) {
      output.push(lines[i] ?? "");
      continue;
    }
    headingLines.set(i, output.length + replacement.headingOffset + 1);
    output.push(...replacement.lines);
    i = replacement.end - 1;
  }

  const closed = planned.map(({ index, rendered, choice }): ClosedExpectation => {
    const item = meeting.items[index];
    const block = findBlocks(lines).get(item?.number ?? "");
    return {
      number: item?.number ?? "",
      style: choice.style,
      title: rendered.expectedTitle,
      isPart: rendered.isPart,
      headingLine: headingLines.get(block?.start ?? -1) ?? -1,
    };
  });
  return { text: output.join("\n"), closed, openProse, numbers: meeting.items.map((item) => item.number), secrets };
}
