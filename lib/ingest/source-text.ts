import type { LineRange } from "@/lib/minutes";

/**
 * The text to store for a parsed document: the lines of closed items the parser dropped are
 * blanked (kept as empty lines, so stored line numbers still match the parser's provenance).
 */
export function blankDroppedLines(text: string, ranges: LineRange[]): string {
  if (ranges.length === 0) return text;
  const lines = text.split(/\r\n|\n|\r/);
  for (const { from, to } of ranges) {
    for (let line = from; line <= to && line <= lines.length; line += 1) lines[line - 1] = "";
  }
  return lines.join("\n");
}
