import fc from "fast-check";
import { readdirSync, renameSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { firstOccurrenceSlot, type FieldPostings } from "./field-postings";
import { Segment } from "./segment";
import { SegmentBuilder } from "./segment-builder";
import { CODE_RANGE, postingCode } from "./segment-format";
import { SCORE_RESOLUTION } from "../index-config";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";

interface Item {
  ordinal: number;
  fields: { field: number; terms: string[] }[];
}

/** The segment's contents computed the obvious way. */
interface Model {
  /** Sorted by UTF-8 bytes. */
  terms: string[];
  frequency: Map<string, number>;
  postings: Map<string, Map<number, { ordinals: number[]; slots: number[]; counts: number[] }>>;
}

function buildModel(items: readonly Item[]): Model {
  const frequency = new Map<string, number>();
  const postings: Model["postings"] = new Map();
  for (const item of items) {
    const inItem = new Set<string>();
    for (const { field, terms } of item.fields) {
      terms.forEach((term, position) => {
        inItem.add(term);
        const byField = postings.get(term) ?? new Map();
        postings.set(term, byField);
        const list = byField.get(field) ?? { ordinals: [], slots: [], counts: [] };
        byField.set(field, list);
        if (list.ordinals.at(-1) === item.ordinal) {
          list.counts[list.counts.length - 1] = Math.min(31, (list.counts.at(-1) ?? 0) + 1);
          return;
        }
        list.ordinals.push(item.ordinal);
        list.slots.push(firstOccurrenceSlot(position, terms.length));
        list.counts.push(1);
      });
    }
    for (const term of inItem) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  const terms = [...frequency.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return { terms, frequency, postings };
}

function plain(postings: FieldPostings | null) {
  return postings && { ordinals: [...postings.ordinals], slots: [...postings.slots], counts: [...postings.counts] };
}

/** Every term, field and prefix of `segment` equals the model's; returns how many terms were checked. */
function expectModel(segment: Segment, model: Model, fields: number, prefixes: readonly string[]): number {
  expect(segment.termCount).toBe(model.terms.length);
  model.terms.forEach((term, position) => {
    expect(segment.term(position)).toBe(term);
    expect(segment.find(term)).toBe(position);
    expect(segment.documentFrequency(position)).toBe(model.frequency.get(term));
    let mask = 0;
    for (let field = 0; field < fields; field++) {
      const expected = model.postings.get(term)?.get(field) ?? null;
      if (expected !== null) mask |= 1 << field;
      expect(plain(segment.postings(position, field))).toEqual(expected);
    }
    expect(segment.fieldMask(position)).toBe(mask);
  });
  for (const prefix of prefixes) {
    const matching = model.terms.flatMap((term, position) => (term.startsWith(prefix) ? [position] : []));
    const [from, to] = segment.prefixRange(prefix);
    if (matching.length === 0) expect(to - from).toBe(0);
    else expect([from, to]).toEqual([matching[0], (matching.at(-1) ?? 0) + 1]);
    if (!model.frequency.has(prefix)) expect(segment.find(prefix)).toBe(-1);
  }
  return model.terms.length;
}

/** Every prefix of every term (by code unit, so some end inside a surrogate pair), and a few strays. */
function prefixesOf(terms: readonly string[]): string[] {
  const prefixes = new Set(["", "zzz", "\uffff", "\ud83d", "\ude00", "a\ud800b", "\u00e6\u00f8\u00e5q"]);
  for (const term of terms) for (let end = 0; end <= term.length + 1; end++) prefixes.add(term.slice(0, end));
  return [...prefixes];
}

// Letters that sort differently in UTF-16 and in code point order (U+FFEE against the astral
// 😀), Danish letters, digits, and compounds sharing prefixes.
const PIECES = ["a", "b", "k", "o", "m", "æ", "ø", "å", "é", "1", "2", "0", "\ue000", "\uffee", "😀", "𝔸"];
const WORDS = ["kommune", "kommunen", "kommunalbestyrelse", "kommunalbestyrelsen", "fleksjob", "fleksjobområdet", "2000", "20", "2", "år", "årsregnskab", "øre", "ærø", "x".repeat(300)];
const term = fc.oneof(fc.constantFrom(...WORDS), fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }).map((parts) => parts.join("")));

const items = (maxFields: number) =>
  fc
    .array(
      fc.record({
        gap: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 2 ** 25, max: 2 ** 26 })),
        fields: fc.uniqueArray(fc.record({ field: fc.integer({ min: 0, max: maxFields - 1 }), terms: fc.array(term, { maxLength: 40 }) }), { selector: (field) => field.field, maxLength: maxFields }),
      }),
      { maxLength: 30 },
    )
    .map((drafts) => {
      let ordinal = -1;
      return drafts.map(({ gap, fields }): Item => {
        ordinal += gap;
        return { ordinal, fields };
      });
    });

const directories = temporaryDirectories("segment-test-");
const temporaryDirectory = () => directories.create();

async function build(fields: number, list: readonly Item[], spill?: { dir: string; runPostings: number }): Promise<Segment> {
  const builder = new SegmentBuilder({ fields, spillDir: spill?.dir, runPostings: spill?.runPostings });
  for (const item of list) builder.addItem(item.ordinal, item.fields);
  expect(builder.items).toBe(list.filter((item) => item.fields.some((field) => field.terms.length > 0)).length);
  return builder.finish();
}

describe("Segment round trip", () => {
  it("equals a naive model in memory, spilled in several runs, and after writeTo/open", async () => {
    let checkedTerms = 0;
    let multiRunCases = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }).chain((fields) => fc.tuple(fc.constant(fields), items(fields), fc.integer({ min: 1, max: 20 }))), async ([fields, list, runPostings]) => {
        const model = buildModel(list);
        const prefixes = prefixesOf(model.terms);
        const inMemory = await build(fields, list);
        checkedTerms += expectModel(inMemory, model, fields, prefixes);

        const spillDir = temporaryDirectory();
        const builder = new SegmentBuilder({ fields, spillDir, runPostings });
        for (const item of list) builder.addItem(item.ordinal, item.fields);
        if (readdirSync(spillDir).filter((file) => file.includes("-run-")).length >= 2) multiRunCases++;
        const spilled = await builder.finish();
        expect(readdirSync(spillDir).filter((file) => file.includes("-run-"))).toEqual([]);
        expectModel(spilled, model, fields, prefixes);

        const exportDir = temporaryDirectory();
        await inMemory.writeTo(exportDir, "memory");
        await spilled.writeTo(exportDir, "spilled");
        expect(readdirSync(exportDir).sort()).toEqual([...Segment.fileNames("memory"), ...Segment.fileNames("spilled")].sort());
        expectModel(await Segment.open(exportDir, "memory"), model, fields, prefixes);
        expectModel(await Segment.open(exportDir, "spilled"), model, fields, prefixes);
        rmSync(spillDir, { recursive: true, force: true });
        rmSync(exportDir, { recursive: true, force: true });
      }),
      { numRuns: 150 },
    );
    expect(checkedTerms).toBeGreaterThan(1000);
    expect(multiRunCases).toBeGreaterThan(30);
  });

  it("reads one field of a term whose block is too long to read whole, across runs", async () => {
    const list: Item[] = Array.from({ length: 6000 }, (_, i) => ({
      ordinal: i * 10 + (i % 7),
      fields: [
        { field: 0, terms: i % 2 === 0 ? ["fælles", "sag"] : ["sag"] },
        { field: 2, terms: ["møde", "fælles", "fælles", "x".repeat(i % 5 + 1)] },
        { field: 4, terms: Array.from({ length: (i % 40) + 1 }, (_, k) => (k === i % 40 ? "fælles" : `ord${k}`)) },
      ],
    }));
    const model = buildModel(list);
    const spilled = await build(5, list, { dir: temporaryDirectory(), runPostings: 5000 });
    const position = spilled.find("fælles");
    expect(position).toBeGreaterThanOrEqual(0);
    expect(spilled.byteSize.postings).toBeGreaterThan(16 << 10);
    expectModel(spilled, model, 5, ["f", "fæ", "ord1", "x"]);
    const dir = temporaryDirectory();
    await spilled.writeTo(dir, "big");
    expectModel(await Segment.open(dir, "big"), model, 5, ["f"]);
  });

  it("keeps ordinals up to 2^32 − 1 and counts capped at 31", async () => {
    const list: Item[] = [
      { ordinal: 0, fields: [{ field: 0, terms: Array.from({ length: 40 }, () => "igen") }] },
      { ordinal: 2 ** 31 + 5, fields: [{ field: 0, terms: ["igen", "top"] }] },
      { ordinal: 2 ** 32 - 1, fields: [{ field: 0, terms: ["top", "igen"] }] },
    ];
    const segment = await build(1, list, { dir: temporaryDirectory(), runPostings: 1 });
    expect(plain(segment.postings(segment.find("igen"), 0))).toEqual({ ordinals: [0, 2 ** 31 + 5, 2 ** 32 - 1], slots: [0, 0, 1], counts: [31, 1, 1] });
    expectModel(segment, buildModel(list), 1, ["", "i", "t"]);
  });

  it("refuses ordinals that do not ascend and fields out of range", () => {
    const builder = new SegmentBuilder({ fields: 2 });
    builder.addItem(4, [{ field: 1, terms: ["a"] }]);
    expect(() => builder.addItem(4, [])).toThrow(/ascend/);
    expect(() => builder.addItem(5, [{ field: 2, terms: ["a"] }])).toThrow(/field 2/);
    expect(() => builder.addItem(6, [{ field: 0, terms: ["a"] }, { field: 0, terms: ["b"] }])).toThrow(/twice/);
  });

  it("stores the codes addCodedItem is given, spilled or not, and refuses codes no posting can hold", async () => {
    for (const runPostings of [1, 1000]) {
      const builder = new SegmentBuilder({ fields: 1, spillDir: temporaryDirectory(), runPostings });
      builder.addCodedItem(3, 0, ["vej\u0001plan", "plan\u0001skole"], [postingCode(8, 31), 0]);
      builder.addCodedItem(9, 0, ["plan\u0001skole"], [postingCode(2, 5)]);
      const segment = await builder.finish();
      expect(plain(segment.postings(segment.find("plan\u0001skole"), 0))).toEqual({ ordinals: [3, 9], slots: [0, 2], counts: [1, 5] });
      expect(plain(segment.postings(segment.find("vej\u0001plan"), 0))).toEqual({ ordinals: [3], slots: [8], counts: [31] });
    }
    const builder = new SegmentBuilder({ fields: 1 });
    expect(() => builder.addCodedItem(1, 0, ["a"], [postingCode(SCORE_RESOLUTION, 1)])).toThrow(/code/);
    expect(() => builder.addCodedItem(1, 0, ["a"], [CODE_RANGE])).toThrow(/code/);
    expect(() => builder.addCodedItem(1, 0, ["a", "a"], [0, 1])).toThrow(/twice/);
    expect(() => builder.addCodedItem(1, 0, ["a"], [])).toThrow(/codes/);
    builder.addCodedItem(1, 0, ["a"], [0]);
    expect(() => builder.addCodedItem(1, 0, ["b"], [0])).toThrow(/ascend/);
  });

  it("writes a segment into its own directory after that directory was renamed", async () => {
    const list: Item[] = [{ ordinal: 1, fields: [{ field: 0, terms: ["vej", "plan"] }] }];
    const staging = temporaryDirectory();
    await (await build(1, list)).writeTo(staging, "base");
    const opened = await Segment.open(staging, "base");
    const final = `${staging}-final`;
    directories.track(final);
    rmSync(final, { recursive: true, force: true });
    renameSync(staging, final);
    // Into the renamed directory (where its postings already are), and into a fresh one (a copy).
    await opened.writeTo(final, "base");
    const fresh = temporaryDirectory();
    await opened.writeTo(fresh, "base");
    for (const dir of [final, fresh]) expectModel(await Segment.open(dir, "base"), buildModel(list), 1, ["", "p"]);
  });
});
