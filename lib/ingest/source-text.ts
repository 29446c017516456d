import type { LineRange } from "@/lib/minutes";
import { readLineMarker } from "@/lib/minutes/closed-markers";

/**
 * True for a line that is nothing but a closed marker ("Lukket sag", "Lukket dagsorden",
 * "(Fortroligt)"): it says nothing of the item, and a reparse of the stored text needs it to read
 * the item as closed and as an item of its own when the parser knew it only from that line.
 */
export function isBareMarkerLine(line: string): boolean {
  return readLineMarker(line, false)?.shape === "line";
}

/**
 * The text to store for a parsed document: the lines of closed items the parser dropped are
 * blanked (kept as empty lines, so stored line numbers still match the parser's provenance),
 * except bare marker lines ({@link isBareMarkerLine}).
 */
export function blankDroppedLines(text: string, ranges: readonly LineRange[]): string {
  if (ranges.length === 0) return text;
  const lines = text.split(/\r\n|\n|\r/);
  for (const { from, to } of ranges) {
    for (let line = from; line <= to && line <= lines.length; line += 1) lines[line - 1] = isBareMarkerLine(lines[line - 1]!) ? lines[line - 1]!.trim() : "";
  }
  return lines.join("\n");
}
