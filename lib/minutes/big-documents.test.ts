import { describe, expect, it } from "vitest";
import { generateBigDocument } from "@/lib/corpus/big-document";
import { parseMinutes } from "./index";

const MB = 1024 * 1024;

/** The parsed meeting, or the parse error as a failed expectation. */
function parseOk(text: string) {
  const result = parseMinutes(text);
  if (!result.ok) throw new Error(`expected a meeting, got: ${result.error.reason}`);
  return result.meeting;
}

// Correctness on inputs far beyond real minutes. Speed is measured by `npm run bench:parse`; these
// only have to finish (the old quadratic page-break join took 35 s for 1 MB of unpunctuated text).
describe("documents of many megabytes", () => {
  it("joins 4 MB of unpunctuated lines into one paragraph", () => {
    const text = generateBigDocument(4 * MB, "unpunctuated");
    const [item] = parseOk(text).items;
    const section = item?.sections.find((s) => s.kind === "sagsfremstilling");
    expect(section?.blocks).toHaveLength(1);
    const paragraphs = text.split("Sagsfremstilling\n\n")[1]?.split("\n\nBeslutning")[0]?.trim().split("\n\n") ?? [];
    expect(paragraphs.length).toBeGreaterThan(30_000);
    expect(section?.text).toBe(paragraphs.join(" "));
    expect(item?.decision).toBe("Godkendt.");
  });

  it("reads a 20 MB single line without overflowing the stack", () => {
    const meeting = parseOk(generateBigDocument(20 * MB, "single-line"));
    expect(meeting.items).toHaveLength(1);
    expect(meeting.items[0]?.sections[0]?.text.length).toBeGreaterThan(20 * MB - 1000);
  });

  it("reads a document of a million lines without overflowing the stack", () => {
    const text = generateBigDocument(10 * MB, "many-lines");
    expect(text.split("\n").length).toBeGreaterThan(1_000_000);
    const meeting = parseOk(text);
    expect(meeting.items).toHaveLength(1);
    expect(meeting.items[0]?.decision).toBe("Godkendt.");
  });

  it("reads 8 MB of ordinary items", () => {
    const meeting = parseOk(generateBigDocument(8 * MB, "items"));
    expect(meeting.items.length).toBeGreaterThan(5_000);
    expect(meeting.items.every((item) => item.decision === "Godkendt.")).toBe(true);
  });
});
