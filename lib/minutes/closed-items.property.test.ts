import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FAMILY_NAMES } from "@/lib/corpus/case-numbers";
import { generateCorpus, type GeneratedDocument } from "@/lib/corpus/generate-corpus";
import { parseMinutes, type ParseResult } from "./index";
import {
  CLOSED_STYLES,
  composeClosedMinutes,
  type ClosedChoice,
  type ClosedStyle,
  type ComposedMinutes,
} from "./test-support/compose-closed-items";

const RUNS = 400;

function meetingOf(seed: number, family: number): GeneratedDocument {
  // generateCorpus rotates the families: document i has family i mod 5.
  let last: GeneratedDocument | undefined;
  for (const document of generateCorpus({ meetings: family + 1, seed })) last = document;
  if (!last) throw new Error("corpus generated nothing");
  return last;
}

const choiceArbitrary: fc.Arbitrary<ClosedChoice> = fc.record({
  style: fc.constantFrom(...CLOSED_STYLES),
  word: fc.nat({ max: 5 }),
  neighbour: fc.nat({ max: 2 }),
  isWrapped: fc.boolean(),
  casing: fc.nat({ max: 2 }),
  bracket: fc.nat({ max: 2 }),
  separator: fc.nat({ max: 4 }),
  isTocStyled: fc.boolean(),
  hasFakeHeading: fc.boolean(),
  headingForm: fc.nat({ max: 4 }),
});

const caseArbitrary = fc.record({
  seed: fc.nat(),
  family: fc.nat({ max: FAMILY_NAMES.length - 1 }),
  closed: fc.array(fc.tuple(fc.nat(), choiceArbitrary), { minLength: 1, maxLength: 3 }),
  prose: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 0, maxLength: 3 }),
  secretSeed: fc.nat(),
});

type CaseInput = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function compose(input: CaseInput): { document: GeneratedDocument; composed: ComposedMinutes } {
  const document = meetingOf(input.seed, input.family);
  // The corpus closes some items itself ("Lukket: Gensidig orientering"); the composed ones are drawn from the open ones.
  const open = document.meeting.items.flatMap((item, index) => (item.closed ? [] : [index]));
  const pick = (at: number): number => open[at % open.length] ?? 0;
  const closedAt = new Map(input.closed.map(([at, choice]) => [pick(at), choice]));
  const proseAt = new Map(input.prose.map(([at, sentence, position]) => [pick(at), { sentence, position }]));
  for (const index of closedAt.keys()) proseAt.delete(index);
  const secret = (k: number) => `HEMMELIG${(input.secretSeed + k * 7919).toString(16).toUpperCase()}X`;
  return { document, composed: composeClosedMinutes(document.meeting, document.text, closedAt, proseAt, secret) };
}

function isDropped(lineNo: number, result: Extract<ParseResult, { ok: true }>): boolean {
  return result.droppedLineRanges.some((range) => range.from <= lineNo && lineNo <= range.to);
}

describe("closed items in every marker style, generated over the sample layouts", () => {
  const closedByStyle = new Map<ClosedStyle, number>(CLOSED_STYLES.map((style) => [style, 0]));
  const counts = { documents: 0, openProse: 0, fakeHeadings: 0, wrapped: 0, families: new Set<string>(), headingForms: new Set<number>() };

  it("never publish a closed body: no secret word in the parse, every closed body line dropped", () => {
    fc.assert(
      fc.property(caseArbitrary, (input) => {
        const { document, composed } = compose(input);
        // Every item may be closed, and closed text never names the municipality: pass it, as ingest can.
        const result = parseMinutes(composed.text, { municipality: document.meeting.municipality.name });
        if (!result.ok) throw new Error(`${document.fileName}: ${result.error.reason} (linje ${result.error.line})`);
        counts.documents += 1;
        counts.families.add(document.meeting.family);

        // The whole result: items, titles, warnings, participants.
        const json = JSON.stringify(result);
        expect(composed.secrets.length).toBeGreaterThan(0);
        for (const secret of composed.secrets) expect(json).not.toContain(secret);

        // Ingest stores the text with dropped ranges blanked: every line holding a secret must be dropped.
        const secretLines = composed.text.split("\n").flatMap((line, index) => (/HEMMELIG/.test(line) ? [index + 1] : []));
        expect(secretLines.length).toBeGreaterThan(0);
        for (const lineNo of secretLines) expect(isDropped(lineNo, result), `linje ${lineNo}`).toBe(true);

        const { items } = result.meeting;
        expect(items.map((item) => item.number)).toEqual(composed.numbers);
        const firstPart = Math.min(...composed.closed.filter((c) => c.isPart).map((c) => composed.numbers.indexOf(c.number)));
        for (const expected of composed.closed) {
          closedByStyle.set(expected.style, (closedByStyle.get(expected.style) ?? 0) + 1);
          const item = items.find((candidate) => candidate.number === expected.number);
          expect(item, `punkt ${expected.number} (${expected.style})`).toBeDefined();
          expect(item).toMatchObject({ closed: true, sections: [], decision: null, caseNumber: null, attachments: [] });
          const isClosedByEarlierPart = composed.numbers.indexOf(expected.number) > firstPart;
          if (expected.title !== null && !isClosedByEarlierPart) expect(item?.title, expected.style).toBe(expected.title);
          if (expected.style === "word-in-title" && !isClosedByEarlierPart) {
            expect(result.meeting.warnings.some((warning) => warning.line === expected.headingLine)).toBe(true);
          }
        }
        items.forEach((item, index) => {
          if (index >= firstPart) expect(item.closed, `punkt ${item.number} efter "Lukket dagsorden"`).toBe(true);
        });
        for (const number of composed.openProse) {
          counts.openProse += 1;
          const planned = document.meeting.items.find((item) => item.number === number);
          const item = items.find((candidate) => candidate.number === number);
          expect(item, `punkt ${number} med "lukket" i teksten`).toMatchObject({ closed: false, title: planned?.title });
        }
        counts.fakeHeadings += input.closed.filter(([, choice]) => choice.hasFakeHeading).length;
        counts.wrapped += input.closed.filter(([, choice]) => choice.isWrapped).length;
        for (const [, choice] of input.closed) counts.headingForms.add(choice.headingForm);
      }),
      { numRuns: RUNS },
    );
  });

  it("were generated: every style, family, heading form, wrap, fake heading and prose control occurred (runs after the property)", () => {
    // A generator that produced nothing proves nothing.
    expect(counts.documents).toBe(RUNS);
    for (const style of CLOSED_STYLES) expect(closedByStyle.get(style), style).toBeGreaterThan(10);
    expect([...counts.families].sort()).toEqual([...FAMILY_NAMES].sort());
    expect(counts.openProse).toBeGreaterThan(50);
    expect(counts.fakeHeadings).toBeGreaterThan(50);
    expect(counts.wrapped).toBeGreaterThan(50);
    expect(counts.headingForms.size).toBe(5);
  });
});
