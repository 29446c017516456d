import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { fieldsForRestriction } from "./index-config";
import { applyIndexDelta } from "./index-delta";
import { parseQuery } from "./parse-query";
import { MAX_SECTION_CHECKS, searchItems } from "./query";
import { matchAllTerms } from "./match-terms";
import { boundsFallOff, lastVisit, matchRanged, planRangedSearch, rangesPrune, writeHits } from "./ranked-search";
import type { SearchDocument } from "./search-document";
import type { SearchIndex } from "./search-index";
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from "./search-params";

// Words of very different frequencies, with inflections and compounds of one another, so
// queries expand to several index terms and most items hold the common ones.
const WORDS = ["budget", "budgettet", "budgetopfølgning", "skole", "skolen", "vej", "klage", "klager", "udvalget", "udvalgsmøde"];
const MUNICIPALITIES = ["vejen", "varde", "vejle"];
const RANGE_OPTIONS = { rangeShift: 3, rangedMinFrequency: 6, bitmapMinShare: 4 };

interface Item {
  title: number[];
  decision: number[];
  body: number[];
  municipality: number;
  day: number;
}

/** Word indices skewed toward the first words: most items hold "budget" and "skole". */
const word = fc.oneof({ weight: 6, arbitrary: fc.nat(3) }, { weight: 3, arbitrary: fc.nat(WORDS.length - 1) });
const item: fc.Arbitrary<Item> = fc.record({
  // Few titles and decisions hold a query word: their items outrank the rest by far, as in real minutes.
  title: fc.array(fc.oneof({ weight: 1, arbitrary: word }, { weight: 8, arbitrary: fc.constant(-1) }), { minLength: 1, maxLength: 4 }),
  decision: fc.array(fc.oneof({ weight: 1, arbitrary: word }, { weight: 8, arbitrary: fc.constant(-1) }), { maxLength: 3 }),
  body: fc.array(fc.oneof(word, fc.constant(-1)), { maxLength: 40 }),
  municipality: fc.nat(MUNICIPALITIES.length - 1),
  day: fc.nat(20),
});

function text(words: readonly number[]): string {
  return words.map((w) => WORDS[w] ?? "sag").join(" ");
}

function toDoc(id: number, entry: Item): SearchDocument {
  const municipality = MUNICIPALITIES[entry.municipality] ?? "";
  const date = `2024-03-${String(entry.day + 1).padStart(2, "0")}`;
  return {
    id,
    url: `/${municipality}/byraadet/${date}/punkt-${id}`,
    title: text(entry.title),
    decision: entry.decision.length > 0 ? text(entry.decision) : null,
    outcome: entry.decision.length > 0 ? "approved" : "none",
    caseNumber: null,
    kleGroup: null,
    departsFromRecommendation: false,
    hasDissent: false,
    number: String(id),
    date,
    municipality: `${municipality} Kommune`,
    municipalitySlug: municipality,
    committee: "Byrådet",
    committeeSlug: "byraadet",
    sections: [
      { kind: "sagsfremstilling", heading: "Sagsfremstilling", text: text(entry.body) },
      ...(entry.body.length > 20 ? [{ kind: "resume" as const, heading: "Resumé", text: text(entry.body.slice(20, 26)) }] : []),
    ],
  };
}

const query = fc.record({
  // One word alone is ranged by its word bound (segment/word-bounds.ts), several by their terms' bounds.
  words: fc.array(fc.constantFrom("budget", "budg", "skole", "skol", "vej", "udvalget", "klage", "budgettet", "skolen"), { minLength: 1, maxLength: 3 }),
  exclude: fc.option(fc.constantFrom("klage", "vej"), { nil: null }),
  kommune: fc.subarray(MUNICIPALITIES),
  side: fc.constantFrom(1, 1, 2),
  pageSize: fc.constantFrom(3, 3, 20),
});

function answer(index: SearchIndex, params: SearchParams, pageSize: number, useRanges: boolean) {
  const result = searchItems(index, params, pageSize, false, null, MAX_SECTION_CHECKS, useRanges);
  return { total: result.total, urls: result.hits.map((hit) => hit.url), facets: result.facets };
}

describe("ranked search", () => {
  it("finds, counts and orders exactly what the plain path does, deltas and removed items included", () => {
    let ranged = 0;
    let compared = 0;
    let ranges = 0;
    let scored = 0;
    let pruned = 0;
    let fellBack = 0;
    let withinCompared = 0;
    let singleRanged = 0;
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 40, maxLength: 160 }),
        fc.array(item, { maxLength: 12 }),
        fc.array(query, { minLength: 4, maxLength: 8 }),
        (items, appended, queries) => {
          const docs = items.map((entry, i) => toDoc(i + 1, entry));
          const index = buildSearchIndex(docs, undefined, undefined, undefined, RANGE_OPTIONS);
          if (appended.length > 0) {
            // One meeting's page now holds other items: its old ones are removed, the new appended.
            const path = `/${MUNICIPALITIES[0]}/byraadet/2024-03-01`;
            const replaced = appended.map((entry, i) => toDoc(1000 + i, { ...entry, municipality: 0, day: 0 }));
            applyIndexDelta(index, { paths: [path], docs: replaced, basis: { changeWatermark: 1, readAtMs: 0 } });
          }
          for (const q of queries) {
            const params: SearchParams = {
              ...DEFAULT_SEARCH_PARAMS,
              q: [...q.words, ...(q.exclude === null ? [] : [`-${q.exclude}`])].join(" "),
              kommune: q.kommune,
              side: q.side,
            };
            const plan = parseQuery(params.q);
            const planned = planRangedSearch(index, plan.required, fieldsForRestriction(null), plan.typed);
            const isRanged = planned !== null;
            if (isRanged && plan.required.length === 1) singleRanged++;
            // Which way query.ts goes: ranked by ranges, or (bounds that do not prune) the plain way among the hits found.
            if (planned !== null) {
              matchRanged(planned);
              if (boundsFallOff(planned) && rangesPrune(planned, q.side * q.pageSize)) pruned++;
              else fellBack++;
              // The way back: the plain path among the hits found matches and scores as it does alone.
              const fields = fieldsForRestriction(null);
              const alone = matchAllTerms(index, plan.required, fields, new Float32Array(index.size), plan.typed);
              const among = matchAllTerms(index, plan.required, fields, new Float32Array(index.size), plan.typed, (candidates) => writeHits(planned, candidates));
              expect(Array.from(among.ordinals)).toEqual(Array.from(alone.ordinals));
              expect(Array.from(among.ordinals, (o) => among.score[o])).toEqual(Array.from(alone.ordinals, (o) => alone.score[o]));
              expect(among.maxScore).toBe(alone.maxScore);
              withinCompared += alone.ordinals.length > 0 ? 1 : 0;
            }
            lastVisit.ranges = 0;
            lastVisit.scored = 0;
            const withRanges = answer(index, params, q.pageSize, true);
            if (isRanged) {
              ranged++;
              ranges += lastVisit.ranges;
              scored += lastVisit.scored;
            }
            expect(withRanges).toEqual(answer(index, params, q.pageSize, false));
            compared++;
          }
        },
      ),
      { numRuns: 120 },
    );
    // The ranged path must have answered most of the searches compared.
    expect(compared).toBeGreaterThan(400);
    expect(ranged / compared).toBeGreaterThan(0.3);
    // ... and have left some ranges unscored: those whose bound ranks below the page.
    expect(scored).toBeGreaterThan(0);
    expect(pruned).toBeGreaterThan(50);
    expect(withinCompared).toBeGreaterThan(100);
    // One-word searches go the ranged way only by a word bound: they must be among the compared.
    expect(singleRanged).toBeGreaterThan(50);
    expect(scored / ranges).toBeLessThan(0.9);
    console.log(`ranked-search: ${ranged} of ${compared} searches planned (${singleRanged} of one word; ${pruned} ranked by ranges, ${fellBack} fell back); ${scored} of ${ranges} ranges with hits scored`);
  });

  it("counts and orders alike where a word is in nearly every item (its bitmap words full)", () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 100, maxLength: 300 }), fc.nat(99), (items, gapAt) => {
        // Every item holds "budget" but one: runs of whole 32-item words of hits, and one broken.
        const docs = items.map((entry, i) => toDoc(i + 1, i === gapAt ? entry : { ...entry, body: [0, ...entry.body] }));
        // Ranges of 8 items, and one range larger than the index (scored in JavaScript: the kernel's strength column is shorter than a range).
        for (const options of [RANGE_OPTIONS, { ...RANGE_OPTIONS, rangeShift: 10 }]) {
          const index = buildSearchIndex(docs, undefined, undefined, undefined, options);
          for (const q of ["budget", "budget skole"]) {
            const plan = parseQuery(q);
            const planned = planRangedSearch(index, plan.required, fieldsForRestriction(null), plan.typed);
            expect(planned).not.toBeNull();
            const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, q };
            const withRanges = answer(index, params, 20, true);
            expect(withRanges.total).toBeGreaterThan(q === "budget" ? 64 : 0);
            expect(withRanges).toEqual(answer(index, params, 20, false));
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
