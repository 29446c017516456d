import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText } from "../text/decode-text";
import { windows1252Encoder } from "../text/test-windows-1252";
import { parseMinutes, type ParseResult } from "./index";
import { MISSING_START_TIME } from "./parse-minutes";

const samplesDir = join(dirname(fileURLToPath(import.meta.url)), "../../data/samples");
const samples = readdirSync(samplesDir).map((file) => ({ file, text: readFileSync(join(samplesDir, file), "utf8") }));
const sampleLines = samples.flatMap((sample) => sample.text.split("\n"));
const RUNS = { numRuns: 25 };

/** The contract: a result with a well-formed meeting, or a ParseError with a reason. */
function expectResultOrError(result: ParseResult): void {
  if (!result.ok) {
    expect(result.error.reason.length).toBeGreaterThan(0);
    expect(result.error.line === null || Number.isInteger(result.error.line)).toBe(true);
    return;
  }
  const { meeting } = result;
  expect(meeting.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // A meeting without a readable start time is kept, and says so.
  if (meeting.startTime === null) expect(meeting.warnings.map((warning) => warning.message)).toContain(MISSING_START_TIME);
  else expect(meeting.startTime).toMatch(/^\d{2}:\d{2}$/);
  expect(meeting.items.length).toBeGreaterThan(0);
  for (const item of meeting.items) {
    expect(item.line).toBeGreaterThan(0);
    if (item.closed) expect(item.sections).toEqual([]);
  }
}

function parseQuietly(text: string): ParseResult {
  let result: ParseResult | undefined;
  expect(() => {
    result = parseMinutes(text);
  }).not.toThrow();
  if (result === undefined) throw new Error("parseMinutes returned nothing");
  return result;
}

/** Windows-1252 encoder from the code page's table (not from the decoder under test); unmappable characters become "?". */
const WINDOWS_1252 = windows1252Encoder();
function encodeWindows1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (char) => WINDOWS_1252.get(char) ?? 0x3f);
}

describe("parseMinutes never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 3000 }), (text) => expectResultOrError(parseQuietly(text))),
      { numRuns: 150 },
    );
  });

  it("on arbitrary arrangements of sample lines", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...sampleLines), { maxLength: 300 }), (lines) =>
        expectResultOrError(parseQuietly(lines.join("\n"))),
      ),
      { numRuns: 60 },
    );
  });
});

describe.each(samples)("mangled sample $file", ({ text }) => {
  const original = parseMinutes(text);

  it("truncated at a random point gives a result or a ParseError", () => {
    fc.assert(fc.property(fc.nat({ max: text.length }), (cut) => expectResultOrError(parseQuietly(text.slice(0, cut)))), RUNS);
  });

  it("with CRLF line ends parses exactly like the original", () => {
    expect(parseMinutes(text.replace(/\n/g, "\r\n"))).toEqual(original);
  });

  it("with non-breaking spaces parses exactly like the original", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (share) => {
        let index = 0;
        const mangled = text.replace(/ /g, () => ((index++ * 7919) % 1000 < share * 1000 ? "\u00a0" : " "));
        expect(parseMinutes(mangled)).toEqual(original);
      }),
      { numRuns: 5 },
    );
  });

  it("with lines shuffled inside an item gives a result or a ParseError", () => {
    if (!original.ok) throw new Error("sample must parse");
    const lines = text.split("\n");
    const starts = original.meeting.items.map((item) => item.line);
    fc.assert(
      fc.property(fc.nat({ max: starts.length - 1 }), fc.array(fc.nat(), { minLength: 2, maxLength: 40 }), (itemIndex, swaps) => {
        const from = starts[itemIndex] ?? 1;
        const to = (starts[itemIndex + 1] ?? lines.length + 1) - 1;
        const shuffled = [...lines];
        for (let i = 0; i + 1 < swaps.length; i += 2) {
          const a = from + ((swaps[i] ?? 0) % (to - from + 1)) - 1;
          const b = from + ((swaps[i + 1] ?? 0) % (to - from + 1)) - 1;
          [shuffled[a], shuffled[b]] = [shuffled[b] ?? "", shuffled[a] ?? ""];
        }
        expectResultOrError(parseQuietly(shuffled.join("\n")));
      }),
      RUNS,
    );
  });

  it("after a Windows-1252 round trip parses like the text it decodes to", () => {
    const decoded = decodeText(encodeWindows1252(text));
    expect(decoded.encoding).toBe("windows-1252");
    expect(decoded.text).toBe([...text].map((char) => (WINDOWS_1252.has(char) ? char : "?")).join(""));
    const result = parseQuietly(decoded.text);
    expectResultOrError(result);
    if ([...text].every((char) => WINDOWS_1252.has(char))) expect(result).toEqual(original);
  });
});
