import { describe, expect, it } from "vitest";
import { parseMinutes, type Outcome } from "@/lib/minutes";
import { FAMILY_NAMES } from "./case-numbers";
import { generateCorpus, type GeneratedDocument } from "./generate-corpus";

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
