import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { applyIndexDelta } from "./index-delta";
import { termFrequencies } from "./index-postings";
import { searchItems } from "./query";
import type { SearchDocument } from "./search-document";
import type { SearchIndex } from "./search-index";
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from "./search-params";

const MUNICIPALITIES = ["vejen", "varde"];
const MEETINGS = ["2024-03-19", "2024-04-16"];
const WORDS = ["fritidspas", "budget", "skole", "vej", "integration", "klage"];
const COMMITTEE_NAMES = ["Byrådet", "Byraadet", "Økonomiudvalget"];

interface Item {
  number: number;
  title: string[];
  body: string[];
}

/** One write: the page at `path` (a meeting or a whole municipality) now holds `items` (per meeting). */
interface Write {
  municipality: number;
  /** A meeting, or null for the municipality page (a committee rename). */
  meeting: number | null;
  committeeName: number;
  items: Item[][];
}

const item = fc.record({ number: fc.integer({ min: 1, max: 4 }), title: fc.subarray(WORDS, { minLength: 1 }), body: fc.subarray(WORDS) });
const write: fc.Arbitrary<Write> = fc.record({
  municipality: fc.nat(MUNICIPALITIES.length - 1),
  meeting: fc.option(fc.nat(MEETINGS.length - 1), { nil: null }),
  committeeName: fc.nat(COMMITTEE_NAMES.length - 1),
  items: fc.array(fc.uniqueArray(item, { selector: (entry) => entry.number, maxLength: 3 }), { minLength: MEETINGS.length, maxLength: MEETINGS.length }),
});

const meetingPath = (municipality: string, meeting: string) => `/${municipality}/byraadet/${meeting}`;

function toDoc(id: number, municipality: string, meeting: string, committee: string, entry: Item): SearchDocument {
  return {
    id,
    url: `${meetingPath(municipality, meeting)}/punkt-${entry.number}`,
    title: entry.title.join(" "),
    decision: entry.body.length > 0 ? `Godkendt ${entry.body[0]}` : null,
    outcome: entry.body.length > 0 ? "approved" : "none",
    caseNumber: null,
    kleGroup: null,
    departsFromRecommendation: false,
    hasDissent: false,
    number: String(entry.number),
    date: meeting,
    municipality: `${municipality} Kommune`,
    municipalitySlug: municipality,
    committee,
    committeeSlug: "byraadet",
    // Two section kinds, so searches restricted to one (felt) are compared too.
    sections: [
      { kind: "sagsfremstilling", heading: "Sagsfremstilling", text: entry.body.join(" ") },
      ...(entry.body.length > 1 ? [{ kind: "resume" as const, heading: "Resumé", text: entry.body.slice(1).join(" ") }] : []),
    ],
  };
}

function liveRows(index: SearchIndex): string[] {
  const rows: string[] = [];
  for (let ordinal = 0; ordinal < index.size; ordinal++) {
    if (index.removed?.[ordinal] === 1) continue;
    rows.push(
      JSON.stringify([
        index.items.url.get(ordinal),
        index.items.title.get(ordinal),
        index.items.decision.get(ordinal),
        index.items.sections.at(ordinal),
        index.committees[index.facets.committee[ordinal] ?? -1]?.name,
        index.facets.day[ordinal],
      ]),
    );
  }
  return rows.sort();
}

function answers(index: SearchIndex): unknown[] {
  // Browsing before and after the text searches: a text search drops removed items from its own
  // ordinals in place, never from the index's date order that browsing reads.
  const browse = MUNICIPALITIES.map((kommune) => ({ q: "", kommune: [kommune] }));
  const texts = [...WORDS, "fritidspas budget", '"budget skole"', '"budget skole vej"', 'budget -"skole vej budget"', "-vej"].map((q) => ({ q }));
  const restricted: Array<Partial<SearchParams>> = [
    { q: "budget", felt: "sagsfremstilling" },
    { q: "skole vej", felt: "resume" },
    { q: "vej", felt: "beslutning" },
    { q: '"budget skole"', felt: "sagsfremstilling" },
  ];
  return [...browse, ...texts, ...restricted, ...browse].map((query) => {
    const result = searchItems(index, { ...DEFAULT_SEARCH_PARAMS, ...query }, 100);
    return { query, total: result.total, urls: result.hits.map((hit) => hit.url).sort(), facets: result.facets };
  });
}

function frequencies(index: SearchIndex): string[] {
  return [...termFrequencies(index), ...termFrequencies(index, true)].map(([term, count]) => `${term} ${count}`);
}

describe("applyIndexDelta", () => {
  it("leaves an index holding and finding exactly what a fresh build of the same items would, after any writes", () => {
    fc.assert(
      // A full build after write `rebuildAfter` (0: none), so later deltas replace items of its segments too.
      fc.property(fc.array(write, { minLength: 1, maxLength: 8 }), fc.nat(8), (writes, rebuildAfter) => {
        let nextId = 1;
        const committeeNames = new Map<string, string>(MUNICIPALITIES.map((municipality) => [municipality, COMMITTEE_NAMES[0] ?? ""]));
        // The "database": every published item by URL.
        const published = new Map<string, SearchDocument>();
        let index = buildSearchIndex([]);
        let deltas = 0;
        for (const [w, change] of writes.entries()) {
          const municipality = MUNICIPALITIES[change.municipality] ?? "";
          const meetings = change.meeting === null ? MEETINGS : [MEETINGS[change.meeting] ?? ""];
          const path = change.meeting === null ? `/${municipality}` : meetingPath(municipality, meetings[0] ?? "");
          // A rename changes the committee's name on every item (the municipality page changes).
          if (change.meeting === null) committeeNames.set(municipality, COMMITTEE_NAMES[change.committeeName] ?? "");
          for (const url of [...published.keys()]) if (url.startsWith(`${path}/`)) published.delete(url);
          const docs = meetings.flatMap((meeting, i) =>
            (change.items[change.meeting === null ? i : change.meeting] ?? []).map((entry) => toDoc(nextId++, municipality, meeting, committeeNames.get(municipality) ?? "", entry)),
          );
          for (const doc of docs) published.set(doc.url, doc);
          // A rename re-reads the municipality's untouched meetings too.
          applyIndexDelta(index, { paths: [path], docs, basis: { changeWatermark: nextId, readAtMs: 0 } });
          deltas++;

          const fresh = buildSearchIndex([...published.values()].sort((a, b) => a.id - b.id));
          expect(liveRows(index)).toEqual(liveRows(fresh));
          expect(index.liveSize).toBe(fresh.size);
          expect(frequencies(index)).toEqual(frequencies(fresh));
          expect(answers(index)).toEqual(answers(fresh));
          if (w + 1 === rebuildAfter) {
            index = fresh;
            deltas = 0;
          }
        }
        expect(index.appliedDeltas).toBe(deltas);
      }),
      { numRuns: 150 },
    );
  });

  it("refuses a delta whose items lie outside its pages", () => {
    const index = buildSearchIndex([]);
    const doc = toDoc(1, "vejen", "2024-03-19", "Byrådet", { number: 1, title: ["budget"], body: [] });
    expect(() => applyIndexDelta(index, { paths: ["/varde"], docs: [doc], basis: { changeWatermark: 1, readAtMs: 0 } })).toThrow(/outside/);
  });
});
