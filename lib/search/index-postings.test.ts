import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { fieldsForRestriction, PAIR_FIELD, SEARCH_FIELDS, type SearchFieldName } from "./index-config";
import { applyIndexDelta } from "./index-delta";
import { expandPrefixTerms, termFrequencies, termPostings } from "./index-postings";
import { matchAllTerms } from "./match-terms";
import type { SearchDocument } from "./search-document";
import type { SearchIndex } from "./search-index";
import type { FieldPostings } from "./segment/field-postings";
import { testDocument } from "./test-documents";

// Words sharing prefixes (compound expansion), repeated within a field (counts), long fields (slots).
const WORDS = ["budget", "budgetopfølgning", "skole", "skolevej", "vej", "fritidspas", "klage", "ældre", "2024", "kontrol"];

const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((words) => words.join(" "));

function toDoc(id: number, title: string, decision: string, resume: string, body: string): SearchDocument {
  return testDocument(id, {
    title: title || "Punkt",
    decision: decision || null,
    outcome: decision ? "approved" : "none",
    sections: [
      { kind: "resume", heading: "Resumé", text: resume },
      { kind: "sagsfremstilling", heading: "Sagsfremstilling", text: body },
    ],
  });
}

const docs = fc
  .array(fc.tuple(text, text, text, text), { minLength: 1, maxLength: 25 })
  .map((items) => items.map(([title, decision, resume, body], i) => toDoc(i + 1, title, decision, resume, body)));

/** The postings of a term in a field as sorted (ordinal, slot, count) rows. */
function rows(lists: FieldPostings[]): Array<[number, number, number]> {
  return lists
    .flatMap((postings) => [...postings.ordinals].map((ordinal, i): [number, number, number] => [ordinal, postings.slots[i] ?? -1, postings.counts[i] ?? -1]))
    .sort((a, b) => a[0] - b[0]);
}

/** The same documents as one full build (segments) and as one delta on an empty index (FlexSearch), same ordinals. */
function bothParts(items: SearchDocument[]): [SearchIndex, SearchIndex] {
  const built = buildSearchIndex(items);
  const appended = buildSearchIndex([]);
  applyIndexDelta(appended, { paths: ["/vejen"], docs: items, basis: { changeWatermark: 1, readAtMs: 0 } });
  return [built, appended];
}

describe("index postings: the full build's segment and the deltas' FlexSearch", () => {
  it("hold the same postings (slot of the first occurrence, count) and scores for any documents", () => {
    fc.assert(
      fc.property(docs, (items) => {
        const [built, appended] = bothParts(items);
        expect(built.segments.size).toBe(items.length);
        expect(appended.segments.size).toBe(0);
        const terms = [...termFrequencies(built).keys()];
        expect(terms.length).toBeGreaterThan(0);
        expect([...termFrequencies(appended)]).toEqual([...termFrequencies(built)]);
        for (const term of terms) {
          for (const field of SEARCH_FIELDS.map((entry): SearchFieldName => entry.name)) {
            expect(rows(termPostings(appended, term, field)), `${term} in ${field}`).toEqual(rows(termPostings(built, term, field)));
          }
        }
        const pairs = [...termFrequencies(built, true).keys()];
        expect([...termFrequencies(appended, true)]).toEqual([...termFrequencies(built, true)]);
        for (const pair of pairs) expect(rows(termPostings(appended, pair, PAIR_FIELD)).map(([ordinal]) => ordinal)).toEqual(rows(termPostings(built, pair, PAIR_FIELD)).map(([ordinal]) => ordinal));
        for (const query of [["budget"], ["skol", "vej"], ["kontrol", "2024"], ["ældr"]]) {
          const a = matchAllTerms(built, query, fieldsForRestriction(null), new Float32Array(built.size));
          const b = matchAllTerms(appended, query, fieldsForRestriction(null), new Float32Array(appended.size));
          expect([...b.ordinals].sort((x, y) => x - y)).toEqual([...a.ordinals].sort((x, y) => x - y));
          expect([...b.score]).toEqual([...a.score]);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("counts an item that holds a word many times as often as it holds it, up to 31", () => {
    const [built, appended] = bothParts([toDoc(1, "budget", "", "", Array.from({ length: 40 }, () => "budget").join(" ")), toDoc(2, "", "", "budget budget", "")]);
    for (const index of [built, appended]) {
      expect(rows(termPostings(index, "budget", "body"))).toEqual([[0, 0, 31]]);
      expect(rows(termPostings(index, "budget", "lead"))).toEqual([[1, 0, 2]]);
      expect(rows(termPostings(index, "budget", "title"))).toEqual([[0, 0, 1]]);
    }
  });

  it("expands a prefix over both parts, a term both hold counted once with both frequencies", () => {
    const index = buildSearchIndex([toDoc(1, "skole", "", "", ""), toDoc(2, "skolevej", "", "", "")]);
    applyIndexDelta(index, { paths: ["/vejen/byraadet/2024-04-16"], docs: [{ ...toDoc(3, "skole", "", "", ""), url: "/vejen/byraadet/2024-04-16/punkt-3" }], basis: { changeWatermark: 1, readAtMs: 0 } });
    const expanded = expandPrefixTerms(index, "skol");
    expect(expanded.map(({ term, frequency, inDeltas }) => [term, frequency, inDeltas])).toEqual([
      ["skole", 2, true],
      ["skolevej", 1, false],
    ]);
    expect(rows(termPostings(index, "skole", "title")).map(([ordinal]) => ordinal)).toEqual([0, 2]);
    // Removing the full build's item counts it out of the segment's frequency.
    applyIndexDelta(index, { paths: ["/vejen/byraadet/2024-03-19"], docs: [], basis: { changeWatermark: 2, readAtMs: 0 } });
    expect([...termFrequencies(index)].filter(([term]) => term.startsWith("skol"))).toEqual([["skole", 1]]);
  });
});
