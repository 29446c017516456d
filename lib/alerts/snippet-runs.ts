import { Parser } from "htmlparser2";

/** A run of snippet text; `isMatch` for the words the search matched. */
export interface SnippetRun {
  text: string;
  isMatch: boolean;
}

/**
 * The text runs of a search snippet (escaped text with `<mark>` around matches), read with an
 * HTML parser, so a mail can escape them again itself rather than trust the snippet's HTML.
 */
export function snippetRuns(snippetHtml: string): SnippetRun[] {
  const runs: SnippetRun[] = [];
  let depth = 0;
  const parser = new Parser(
    {
      onopentag: (name) => {
        if (name === "mark") depth += 1;
      },
      onclosetag: (name) => {
        if (name === "mark") depth = Math.max(0, depth - 1);
      },
      ontext: (text) => {
        const isMatch = depth > 0;
        const last = runs.at(-1);
        if (last && last.isMatch === isMatch) last.text += text;
        else runs.push({ text, isMatch });
      },
    },
    { decodeEntities: true },
  );
  parser.write(snippetHtml);
  parser.end();
  return runs;
}
