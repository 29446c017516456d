import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { FIELD_INDEX, fieldsForRestriction } from "./index-config";
import { expand, forEachTermList } from "./match-terms";
import { parseQuery } from "./parse-query";
import type { SearchDocument } from "./search-document";
import type { SearchIndex } from "./search-index";
import { postingCode } from "./segment/segment-format";
import { testDocument } from "./test-documents";
import { wordGainsFingerprint } from "./word-families";

// Words with inflections and compounds of one another: a word's search reads several terms' lists.
const WORDS = ["budget", "budgettet", "budgetter", "budgetopfølgning", "budgetopfølgningen", "skole", "skolen", "skoler", "skolevej", "vej"];
const RANGE_OPTIONS = { rangeShift: 2, rangedMinFrequency: 4, bitmapMinShare: 4 };

const words = fc.array(fc.constantFrom(...WORDS, "sag", "møde"), { maxLength: 12 });
const item = fc.record({ title: words, decision: words, body: words, lead: words });

function toDoc(id: number, entry: { title: string[]; decision: string[]; body: string[]; lead: string[] }): SearchDocument {
  return testDocument(id, {
    title: entry.title.join(" ") || "Punkt",
    decision: entry.decision.length > 0 ? entry.decision.join(" ") : null,
    outcome: entry.decision.length > 0 ? "approved" : "none",
    sections: [
      { kind: "resume", heading: "Resumé", text: entry.lead.join(" ") },
      { kind: "sagsfremstilling", heading: "Sagsfremstilling", text: entry.body.join(" ") },
    ],
  });
}

/** Each item's strength for the query of `word` alone, added up as the search adds it (match-terms.ts). */
function strengths(index: SearchIndex, word: string): { term: string; strength: Float32Array } {
  const plan = parseQuery(word);
  const term = plan.required[0] ?? "";
  const restriction = fieldsForRestriction(null);
  const strength = new Float32Array(index.size);
  forEachTermList(restriction, plan.typed, term, expand(index, term, restriction), (expanded, field, gains) => {
    const postings = index.segments.terms.postings(expanded.segmentPosition, FIELD_INDEX.get(field) ?? 0);
    if (postings === null) return;
    postings.ordinals.forEach((ordinal, i) => {
      strength[ordinal] = (strength[ordinal] ?? 0) + (gains[postingCode(postings.slots[i] ?? 0, postings.counts[i] ?? 1)] ?? 0);
    });
  });
  return { term, strength };
}

describe("word bounds", () => {
  it("bound each range by the highest strength a search of the word alone gives an item there, and reach it", () => {
    let bounded = 0;
    let families = 0;
    let tighter = 0;
    fc.assert(
      fc.property(fc.array(item, { minLength: 8, maxLength: 80 }), (items) => {
        const index = buildSearchIndex(
          items.map((entry, i) => toDoc(i + 1, entry)),
          undefined,
          undefined,
          undefined,
          RANGE_OPTIONS,
        );
        const { ranges } = index.segments;
        expect(ranges.wordBounds.gains).toBe(wordGainsFingerprint());
        for (const word of WORDS) {
          const folded = parseQuery(word).typed.values().next().value?.[0] ?? "";
          const { term, strength } = strengths(index, word);
          const bound = ranges.wordBounds.bound(folded, term);
          if (bound === null) continue;
          bounded++;
          const shift = ranges.rangeShift;
          expect(bound.length).toBe(Math.ceil(index.size / 2 ** shift));
          const highest = new Float64Array(bound.length);
          strength.forEach((value, ordinal) => (highest[ordinal >>> shift] = Math.max(highest[ordinal >>> shift] ?? 0, value)));
          for (let range = 0; range < bound.length; range++) {
            const value = bound[range] ?? 0;
            const most = highest[range] ?? 0;
            // A bound: no item above it; and reached: the float32 sums differ from the exact one by rounding only.
            expect(value).toBeGreaterThanOrEqual(most * (1 - 1e-6));
            expect(value).toBeLessThanOrEqual(most * (1 + 1e-6));
          }
          // The expansions' own bounds summed: what a search without the word bound ranks by.
          const expansion = expand(index, term, fieldsForRestriction(null));
          if (expansion.terms.length > 1) families++;
          const summed = new Float64Array(bound.length);
          for (const expanded of expansion.terms) {
            const own = ranges.bound(expanded.segmentPosition);
            if (own !== null) own.forEach((value, range) => (summed[range] = (summed[range] ?? 0) + value));
          }
          if (summed.some((value, range) => value > (bound[range] ?? 0) * 1.01)) tighter++;
        }
      }),
      { numRuns: 60 },
    );
    expect(bounded).toBeGreaterThan(200);
    expect(families).toBeGreaterThan(100);
    expect(tighter).toBeGreaterThan(20);
  });

  it("bound no word whose query term's family is not the one searched (typed twice, or a stop word)", () => {
    const index = buildSearchIndex(
      Array.from({ length: 40 }, (_, i) => toDoc(i + 1, { title: ["budget", "og"], decision: [], body: ["budgettet"], lead: [] })),
      undefined,
      undefined,
      undefined,
      RANGE_OPTIONS,
    );
    const { wordBounds } = index.segments.ranges;
    const term = parseQuery("budget").required[0] ?? "";
    expect(wordBounds.bound("budget", term)).not.toBeNull();
    // Another query term for the same word (another family): no bound.
    expect(wordBounds.bound("budget", term.slice(0, -1))).toBeNull();
    expect(wordBounds.bound("budget", `${term}x`)).toBeNull();
    // A stop word is no query term at all.
    expect(wordBounds.bound("og", "og")).toBeNull();
  });
});
