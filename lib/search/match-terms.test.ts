import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { termPostings } from "./index-postings";
import { matchAllTerms } from "./match-terms";
import { encodeForIndex } from "./danish-encoder";
import { fieldsForRestriction } from "./index-config";
import type { SearchDocument } from "./search-document";

function doc(id: number, title: string, body: string): SearchDocument {
  return {
    id,
    url: `/vejen/byraadet/2024-03-19/punkt-${id}`,
    title,
    decision: null,
    outcome: "none",
    caseNumber: null,
    kleGroup: null,
    departsFromRecommendation: false,
    hasDissent: false,
    number: String(id),
    date: "2024-03-19",
    municipality: "Vejen Kommune",
    municipalitySlug: "vejen",
    committee: "Byrådet",
    committeeSlug: "byraadet",
    sections: [{ kind: "sagsfremstilling", heading: "Sagsfremstilling", text: body }],
  };
}

describe("termPostings (the full build's segment and the deltas' FlexSearch)", () => {
  it("returns every item holding a term, however many", () => {
    const count = 1_500;
    const index = buildSearchIndex(Array.from({ length: count }, (_, i) => doc(i, `Punkt ${i}`, i % 3 === 0 ? "fritidspas" : "budget fritidspas")));
    const lists = termPostings(index, "fritidspas", "body");
    const ids = lists.flatMap((postings) => [...postings.ordinals]);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    // An earlier position in the field is a better (lower) slot.
    const slotOf = new Map(lists.flatMap((postings) => [...postings.ordinals].map((id, i) => [id, postings.slots[i]] as const)));
    expect(slotOf.get(0)).toBeLessThan(slotOf.get(1) ?? -1);
    expect(termPostings(index, "fritidspas", "title")).toEqual([]);
  });

  it("agrees with scanning the stored texts for any generated vocabulary", () => {
    // Words no other word (nor the municipality or committee in the meta field) starts with.
    const words = ["zeta", "gamma", "delta", "kappa", "sigma", "omega"];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.subarray(words, { minLength: 1 }), fc.subarray(words)), { minLength: 1, maxLength: 40 }), (texts) => {
        const index = buildSearchIndex(texts.map(([title, body], i) => doc(i, title.join(" "), body.join(" "))));
        for (const word of words) {
          const term = encodeForIndex(word)[0] ?? "";
          expect(term).not.toBe("");
          const expected = texts.flatMap(([title, body], i) => (title.includes(word) || body.includes(word) ? [i] : []));
          const found = [...matchAllTerms(index, [term], fieldsForRestriction(null)).ordinals].sort((a, b) => a - b);
          expect(found).toEqual(expected);
          const inTitle = termPostings(index, term, "title").flatMap((postings) => [...postings.ordinals]);
          expect(inTitle.map(Number).sort((a, b) => a - b)).toEqual(texts.flatMap(([title], i) => (title.includes(word) ? [i] : [])));
        }
      }),
      { numRuns: 60 },
    );
  });
});
