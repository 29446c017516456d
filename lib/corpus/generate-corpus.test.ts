import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMinutes, type Outcome } from "@/lib/minutes";
import { foldDanish } from "@/lib/text/fold-danish";
import { FAMILY_NAMES } from "./case-numbers";
import { generateCorpus, type GeneratedDocument } from "./generate-corpus";
import { isNearSampleTitle, SAMPLE_TITLES } from "./sample-titles";
import { ROUTINE_ITEMS } from "./topics";

const SAMPLES_DIR = path.join(process.cwd(), "data/samples");

const ALL_OUTCOMES: readonly Outcome[] = ["approved", "recommended", "noted", "discussed", "postponed", "rejected", "none", "other"];

function texts(meetings: number, seed: number): string[] {
  return [...generateCorpus({ meetings, seed })].map((document) => document.text);
}

describe("generateCorpus determinism", () => {
  it("gives the same bytes for the same seed", () => {
    expect(texts(25, 42)).toEqual(texts(25, 42));
  });

  it("gives different documents for a different seed", () => {
    const a = texts(25, 42);
    const b = texts(25, 43);
    expect(a.filter((text, index) => text === b[index])).toEqual([]);
  });

  it("keeps a meeting's document when the corpus grows", () => {
    expect(texts(10, 5)).toEqual(texts(30, 5).slice(0, 10));
  });
});

describe("300 generated documents", () => {
  const documents: GeneratedDocument[] = [...generateCorpus({ meetings: 300, seed: 2024 })];
  const parsed = documents.map((document) => ({ document, result: parseMinutes(document.text) }));

  it("all parse", () => {
    const failures = parsed.flatMap(({ document, result }) => (result.ok ? [] : [`${document.fileName}: ${result.error.reason} (line ${result.error.line})`]));
    expect(failures).toEqual([]);
  });

  it("are unique on the natural key and the file name", () => {
    const keys = documents.map(({ meeting }) => [meeting.municipality.name, meeting.committee, meeting.date, meeting.startTime].join("|"));
    expect(new Set(keys).size).toBe(documents.length);
    expect(new Set(documents.map((document) => document.fileName)).size).toBe(documents.length);
  });

  it("parse to the intended municipality, committee, date, time and items", () => {
    for (const { document, result } of parsed) {
      if (!result.ok) continue;
      const { meeting } = document;
      expect.soft(
        {
          municipality: result.meeting.municipality,
          committee: result.meeting.committee,
          date: result.meeting.date,
          startTime: result.meeting.startTime,
          items: result.meeting.items.map((item) => [item.number, item.title, item.closed, item.closed ? null : item.caseNumber]),
        },
        document.fileName,
      ).toEqual({
        municipality: meeting.municipality.name,
        committee: meeting.committee,
        date: meeting.date,
        startTime: meeting.startTime,
        items: meeting.items.map((item) => [item.number, item.title, item.closed, item.closed ? null : item.caseNumber]),
      });
    }
  });

  it("have 5–15 items, and every family and decision outcome occurs with the intended outcome", () => {
    const families = new Set<string>();
    const outcomes = new Set<Outcome>();
    const mismatches: string[] = [];
    for (const { document, result } of parsed) {
      if (!result.ok) continue;
      expect(result.meeting.items.length).toBeGreaterThanOrEqual(5);
      expect(result.meeting.items.length).toBeLessThanOrEqual(15);
      families.add(document.meeting.family);
      result.meeting.items.forEach((item, index) => {
        const planned = document.meeting.items[index];
        if (!planned || item.closed) return;
        outcomes.add(item.outcome);
        if (item.outcome !== planned.outcome) mismatches.push(`${document.fileName} punkt ${item.number}: ${item.outcome} ≠ ${planned.outcome}`);
      });
    }
    expect(mismatches).toEqual([]);
    expect([...families].sort()).toEqual([...FAMILY_NAMES].sort());
    expect([...outcomes].sort()).toEqual([...ALL_OUTCOMES].sort());
  });

  it("have closed items whose body text never reaches the parsed meeting", () => {
    let closedItems = 0;
    for (const { document, result } of parsed) {
      if (!result.ok) continue;
      const json = JSON.stringify(result.meeting);
      for (const item of document.meeting.items.filter((planned) => planned.closed)) {
        closedItems += 1;
        expect(item.closedBody.length).toBeGreaterThan(0);
        for (const sentence of item.closedBody) {
          expect(document.text).toContain(sentence);
          expect(json).not.toContain(sentence);
        }
      }
    }
    expect(closedItems).toBeGreaterThan(50);
  });

  it("use case numbers of every real format and KLE main groups across 00–85", () => {
    const caseNumbers = documents.flatMap(({ meeting }) => meeting.items.map((item) => item.caseNumber ?? ""));
    expect(caseNumbers.some((value) => /^\d{2}\/\d+$/.test(value))).toBe(true);
    expect(caseNumbers.some((value) => /^EMN-\d{4}-\d+$/.test(value))).toBe(true);
    expect(caseNumbers.some((value) => /^\d{2}\.\d{2}\.\d{2}-[A-Z]\d{2}-\d+-\d{2}$/.test(value))).toBe(true);
    expect(caseNumbers.some((value) => /^\d{2}\.\d{2}\.\d{2}[A-Z]\d{2}-\d+-\d{2}$/.test(value))).toBe(true);
    const groups = new Set(parsed.flatMap(({ result }) => (result.ok ? result.meeting.items.map((item) => item.kle?.slice(0, 2)) : [])));
    expect(groups).toContain("00");
    expect(groups).toContain("85");
    expect(groups.size).toBeGreaterThanOrEqual(10);
  });

  it("contain tables as tab-separated rows", () => {
    const tables = parsed.flatMap(({ result }) =>
      result.ok ? result.meeting.items.flatMap((item) => item.sections.flatMap((section) => section.blocks.filter((block) => block.type === "table"))) : [],
    );
    expect(tables.length).toBeGreaterThan(20);
  });
});

describe("generated titles", () => {
  const meetings = [...generateCorpus({ meetings: 3000, seed: 7 })].map((document) => document.meeting);
  const routine = new Set<string>([ROUTINE_ITEMS.agenda.title, ROUTINE_ITEMS.messages.title, ROUTINE_ITEMS.minutes.title]);
  const topical = meetings.flatMap((meeting) => meeting.items.filter((item) => !item.closed && !routine.has(item.title)).map((item) => item.title));
  const normalise = (title: string) => foldDanish(title).replace(/[^a-z0-9]+/g, " ").trim();

  it("list the samples' own titles in SAMPLE_TITLES, routine ones apart", async () => {
    const titles: string[] = [];
    for (const file of (await readdir(SAMPLES_DIR)).sort()) {
      const parsed = parseMinutes(await readFile(path.join(SAMPLES_DIR, file), "utf8"));
      if (!parsed.ok) throw new Error(`${file}: the sample does not parse`);
      titles.push(...parsed.meeting.items.filter((item) => !item.closed && !routine.has(item.title)).map((item) => item.title));
    }
    expect(titles.length).toBeGreaterThan(30);
    expect([...SAMPLE_TITLES].sort()).toEqual(titles.sort());
  });

  it("never equal a sample item's title, nor copy most of its words", () => {
    expect(topical.length).toBeGreaterThan(15_000);
    const samples = new Set(SAMPLE_TITLES.map(normalise));
    const open = meetings.flatMap((meeting) => meeting.items.map((item) => item.title));
    expect(open.filter((title) => samples.has(normalise(title)))).toEqual([]);
    expect(topical.filter(isNearSampleTitle)).toEqual([]);
  });

  it("are diverse: no topical title covers 1 % of the items, most are printed a few times only", () => {
    const items = meetings.reduce((sum, meeting) => sum + meeting.items.length, 0);
    const counts = new Map<string, number>();
    for (const title of topical) counts.set(title, (counts.get(title) ?? 0) + 1);
    const [mostFrequent, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    expect(count, mostFrequent).toBeGreaterThan(1);
    expect(count / items, mostFrequent).toBeLessThan(0.01);
    expect(counts.size / topical.length).toBeGreaterThan(0.4);
  });
});

describe("isNearSampleTitle", () => {
  it("finds a sample title however it is cased, dated or qualified", () => {
    for (const title of [
      "Orientering om klagesager",
      "ORIENTERING OM KLAGESAGER 2024",
      "Indkøb af touchskærme - Arbejdsmarkedsudvalget",
      "Orientering - sygedagpenge og jobafklaring, marts 2019",
      "Erfaringer fra projekt Fritidspas",
      "Temadrøftelse om bæredygtighed (ESG) i Faxe",
    ]) {
      expect(isNearSampleTitle(title), title).toBe(true);
    }
  });

  it("lets titles that share a subject but say something else through", () => {
    for (const title of ["Klagesager på beskæftigelsesområdet - status", "Evaluering af projekt Fritidspas", "Touchskærme i jobcentret", "Status på sygedagpenge og jobafklaring"]) {
      expect(isNearSampleTitle(title), title).toBe(false);
    }
  });
});
