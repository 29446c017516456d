import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { termPostings } from "./index-postings";
import { matchAllTerms, SearchTooBroadError } from "./match-terms";
import { encodeForIndex } from "./danish-encoder";
import { fieldsForRestriction } from "./index-config";
import type { SearchDocument } from "./search-document";
import { testDocument } from "./test-documents";

function doc(id: number, title: string, body: string): SearchDocument {
  return testDocument(id, { title, sections: [{ kind: "sagsfremstilling", heading: "Sagsfremstilling", text: body }] });
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

  it("finds and scores a common term's items among a rare term's candidates as two single-term searches do", () => {
    // One word in nearly every item and one in a few: the common term's long list is searched for
    // the few candidates instead of scanned (match-terms.ts), and must give what a scan gives.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 39 }).map((n) => n === 0), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 3 })), { minLength: 100, maxLength: 400 }), (shape) => {
        const docs = shape.map(([isRare, common, rareRepeats], i) =>
          doc(i, `Punkt ${i}${common > 0 ? " budget" : ""}`, [...Array.from({ length: common }, () => "budget"), ...(isRare ? Array.from({ length: rareRepeats + 1 }, () => "zeta") : [])].join(" ")),
        );
        const index = buildSearchIndex(docs);
        const all = fieldsForRestriction(null);
        const both = matchAllTerms(index, ["zeta", "budget"], all);
        const expected = shape.flatMap(([isRare, common], i) => (isRare && common > 0 ? [i] : []));
        const candidates = shape.filter(([isRare]) => isRare).length;
        // The common term's list is at least 16 times the candidates: the lookup, not the scan, runs.
        fc.pre(candidates > 0 && candidates * 16 < shape.filter(([, common]) => common > 0).length);
        expect([...both.ordinals].sort((a, b) => a - b)).toEqual(expected);
        const rare = matchAllTerms(index, ["zeta"], all).score.slice();
        const common = matchAllTerms(index, ["budget"], all).score.slice();
        // Equal up to float32 rounding (the sum is rounded once, not each part).
        for (const ordinal of expected) expect(both.score[ordinal]).toBeCloseTo((rare[ordinal] ?? 0) + (common[ordinal] ?? 0), 5);
      }),
      { numRuns: 60 },
    );
  });
});

describe("a search restricted to one section kind", () => {
  // Ten items hold "skolevej" in their case description, ten in their summary: only the first ten are in "sagsfremstilling".
  const index = buildSearchIndex([
    ...Array.from({ length: 10 }, (_, i) => doc(i + 1, `Punkt ${i + 1}`, "Forvaltningen beskriver skolevejen.")),
    ...Array.from({ length: 10 }, (_, i) =>
      testDocument(i + 11, { sections: [{ kind: "resume", heading: "Resumé", text: "Om skolevejen." }] }),
    ),
  ]);
  const restriction = fieldsForRestriction("sagsfremstilling");

  it("finds only the items holding the word in a section of that kind", () => {
    const { ordinals } = matchAllTerms(index, ["skolevej"], restriction);
    expect([...ordinals].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it("stops with SearchTooBroadError once it would read more items' texts than allowed", () => {
    expect(() => matchAllTerms(index, ["skolevej"], restriction, undefined, undefined, 9)).toThrow(SearchTooBroadError);
    expect(matchAllTerms(index, ["skolevej"], restriction, undefined, undefined, 20).ordinals).toHaveLength(10);
  });

  it("leaves nothing of a stopped search in the next one's scores", () => {
    const before = Array.from(matchAllTerms(index, ["skolevej"], fieldsForRestriction(null)).score);
    expect(before.filter((score) => score > 0)).toHaveLength(20);
    expect(() => matchAllTerms(index, ["skolevej"], restriction, undefined, undefined, 9)).toThrow(SearchTooBroadError);
    expect(Array.from(matchAllTerms(index, ["skolevej"], fieldsForRestriction(null)).score)).toEqual(before);
  });
});

describe("the committee's decision", () => {
  it("is indexed once, as the decision field, not again as the section that holds it", () => {
    const decision = "Udvalget godkender vejplanen.";
    const index = buildSearchIndex([
      testDocument(1, { decision, sections: [{ kind: "beslutning", heading: "Beslutning", text: decision }] }),
      testDocument(2, { decision: null, sections: [{ kind: "beslutning", heading: "Beslutning", text: decision }] }),
    ]);
    const ordinalsIn = (field: "decision" | "lead" | "body") => termPostings(index, "vejplanen", field).flatMap((postings) => [...postings.ordinals]);
    expect(ordinalsIn("decision")).toEqual([0]);
    // Only the item whose section is not its decision field indexes the section's words.
    expect([...ordinalsIn("lead"), ...ordinalsIn("body")]).toEqual([1]);
  });
});
