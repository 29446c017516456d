import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseMinutes } from "./index";
import type { LineRange } from "./types";

const here = dirname(fileURLToPath(import.meta.url));
const documents = [
  join(here, "../../data/samples"),
  join(here, "fixtures/families"),
  join(here, "fixtures/votes"),
].flatMap((dir) => readdirSync(dir).filter((file) => /\.(txt|md)$/.test(file)).map((file) => join(dir, file)));

/** The text as the ingest stores it: the lines of closed items' bodies blanked (lib/ingest/source-text.ts). */
function blank(text: string, ranges: readonly LineRange[]): string {
  return text
    .split("\n")
    .map((line, index) => (ranges.some((range) => range.from <= index + 1 && index + 1 <= range.to) ? "" : line))
    .join("\n");
}

// Regression: fixtures/votes/odder-byraad-2025-04-22.txt lost item 7 on reparse: with the closed
// item 6's body blanked, "6. Lukket: Salg af grund" directly above "7. Takstblad …" read as a
// numbered list, and item 7 became part of the closed item.
// Known, not fixed here: in older-pdf-2014-10-06 item 3 is closed only by the "Lukket sag" line
// in its body; blanked, "3. Erstatningssag" has no item evidence left, so items 3 and 4 run into
// item 2 on a reparse (no closed text leaks: the body is blank). Keeping a marker line in the
// stored text would fix it; `it.fails` turns red when it is fixed.
const KNOWN_BROKEN = new Set(["older-pdf-2014-10-06.txt"]);

function expectSameItems(file: string): void {
  const original = parseMinutes(readFileSync(file, "utf8"));
  if (!original.ok) throw new Error(original.error.reason);
  const stored = parseMinutes(blank(readFileSync(file, "utf8"), original.droppedLineRanges));
  if (!stored.ok) throw new Error(stored.error.reason);
  const summary = (items: typeof original.meeting.items) => items.map((item) => ({ ...item, line: 0 }));
  expect(summary(stored.meeting.items)).toEqual(summary(original.meeting.items));
}

describe("a reparse of the stored text", () => {
  const working = documents.filter((file) => !KNOWN_BROKEN.has(file.split("/").pop() ?? ""));
  it("finds every document", () => {
    expect(working.length).toBeGreaterThanOrEqual(9);
    expect(documents.length - working.length).toBe(KNOWN_BROKEN.size);
  });
  it.each(working)("reads the same items as the original: %s", expectSameItems);
  it.fails.each(documents.filter((file) => !working.includes(file)))("still loses a closed item closed only by its body: %s", expectSameItems);
});
