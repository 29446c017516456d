import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { expandPrefixTerms, forEachPostings, termPostings } from "./index-postings";
import { applyIndexDelta } from "./index-delta";
import { matchAllTerms, reusableScoreColumn } from "./match-terms";
import { rankTopHits, scoreIsValue } from "./rank-hits";
import { encodeForIndex } from "./danish-encoder";
import { fieldsForRestriction, SCORE_RESOLUTION, SEARCH_FIELDS } from "./index-config";
import type { SearchDocument } from "./search-document";
import type { SearchIndex } from "./search-index";
import { gainsByCode } from "./segment/accumulate-list";
import { postingCode } from "./segment/segment-format";
import { formStrength, inverseDocumentFrequency, matchStrength, saturate } from "./term-score";
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
          // Ascending as returned (query.ts drops removed items by searching the hits).
          expect([...matchAllTerms(index, [term], fieldsForRestriction(null)).ordinals]).toEqual(expected);
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
        expect([...both.ordinals]).toEqual(expected);
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
    expect([...ordinals]).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect([...matchAllTerms(index, ["skolevej"], fieldsForRestriction("resume")).ordinals]).toEqual(Array.from({ length: 10 }, (_, i) => i + 10));
  });

  it("finds exactly the items whose sections of that kind hold the words, from the segment and from deltas alike", () => {
    // Sections of kinds sharing the "lead" and "body" fields, words sharing prefixes; the
    // committee's own decision is indexed as the decision, not again as its section.
    const kinds = ["sagsfremstilling", "oekonomi", "resume", "indstilling", "beslutning"] as const;
    const words = ["skole", "skolevej", "vej", "budget", "budgetter"];
    const section = fc.record({ kind: fc.constantFrom(...kinds), words: fc.subarray(words, { minLength: 1 }) });
    const item = fc.record({ sections: fc.array(section, { maxLength: 3 }), decidesWith: fc.option(fc.nat(2), { nil: null }) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), fc.nat(30), (items, split) => {
        // The first `split` items in a full build, the rest (a later meeting) appended by a delta.
        const cut = Math.min(split, items.length);
        const docs = items.map((shape, i) => {
          const sections = shape.sections.map((part) => ({ kind: part.kind, heading: part.kind, text: part.words.join(" ") }));
          const decided = shape.decidesWith === null ? undefined : sections[shape.decidesWith];
          const decision = decided?.kind === "beslutning" ? decided.text : null;
          return testDocument(i, { sections, decision, ...(i < cut ? {} : { url: `/vejen/byraadet/2024-04-16/punkt-${i}` }) });
        });
        const index = buildSearchIndex(docs.slice(0, cut));
        if (cut < docs.length) applyIndexDelta(index, { paths: ["/vejen/byraadet/2024-04-16"], docs: docs.slice(cut), basis: index.basis });
        for (const kind of kinds) {
          for (const word of ["skole", "skolevej", "budget", "vej"]) {
            const holds = (text: string) => text.split(" ").some((w) => w.startsWith(word));
            const expected = docs.flatMap((d, i) =>
              d.sections.some((part) => part.kind === kind && !(part.kind === "beslutning" && part.text === d.decision) && holds(part.text)) ||
              (kind === "beslutning" && d.decision !== null && holds(d.decision))
                ? [i]
                : [],
            );
            expect([...matchAllTerms(index, [word], fieldsForRestriction(kind)).ordinals], `${word} in ${kind}`).toEqual(expected);
          }
        }
      }),
      { numRuns: 80 },
    );
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

/**
 * What matchAllTerms promises, the simple way: every term's postings decoded (both parts), each
 * posting's gain added to its item's strength in field and expansion order, the terms taken
 * rarest first, an item a hit when every term gave it strength, its score the float32 sum of
 * `idf × saturate(strength)` over the terms in that order.
 */
function referenceMatch(index: SearchIndex, terms: readonly string[]): { ordinals: number[]; score: Float32Array } {
  const expansions = terms.map((term) => expandPrefixTerms(index, term));
  const frequencies = expansions.map((terms) => Math.min(index.liveSize, terms.reduce((sum, term) => sum + term.frequency, 0)));
  const order = terms.map((_, i) => i).sort((a, b) => (frequencies[a] ?? 0) - (frequencies[b] ?? 0));
  const score = new Float32Array(index.size);
  if (frequencies.some((frequency) => frequency === 0)) return { ordinals: [], score };
  let hits = Array.from({ length: index.size }, (_, ordinal) => ordinal);
  for (const t of order) {
    const strength = new Float32Array(index.size);
    for (const [fieldIndex, { name, weight }] of SEARCH_FIELDS.entries()) {
      for (const expanded of expansions[t] ?? []) {
        if ((expanded.mask & (1 << fieldIndex)) === 0) continue;
        const form = formStrength(terms[t] ?? "", [], expanded.term);
        const bySlot = Float32Array.from({ length: SCORE_RESOLUTION }, (_, slot) => weight * matchStrength(form, slot, name));
        const gains = gainsByCode(bySlot, weight * form);
        forEachPostings(index, expanded, name, ({ ordinals, slots, counts }) => {
          ordinals.forEach((ordinal, i) => {
            strength[ordinal] = (strength[ordinal] ?? 0) + (gains[postingCode(slots[i] ?? 0, counts[i] ?? 1)] ?? 0);
          });
        });
      }
    }
    const idf = inverseDocumentFrequency(index.liveSize, frequencies[t] ?? 0);
    hits = hits.filter((ordinal) => (strength[ordinal] ?? 0) > 0);
    for (const ordinal of hits) score[ordinal] = (score[ordinal] ?? 0) + idf * saturate(strength[ordinal] ?? 0);
  }
  return { ordinals: hits, score };
}

describe("matchAllTerms against the decoded postings", () => {
  // Each word's share of the fields puts its terms in one of the ways match-terms.ts adds a term:
  // common words in most items (dense: hits read off the strengths), medium ones in a fifth (two
  // meet in few enough items for a third term to be sparse after dense ones), rare ones under one
  // in 8 items (marked), very rare ones under one in 48 (sparse); shared prefixes expand.
  const WORDS: ReadonlyArray<[string, number]> = [
    ["budget", 0.6],
    ["budgetopfølgning", 0.3],
    ["skole", 0.5],
    ["udvalget", 0.7],
    ["borger", 0.12],
    ["bolig", 0.12],
    ["klage", 0.1],
    ["skolevej", 0.02],
    ["kontrol", 0.03],
    ["fritidspas", 0.02],
    ["negativ", 0.003],
    ["touchskærm", 0.002],
  ];
  const PREFIXES = ["budget", "budg", "skol", "skolevej", "udvalg", "bor", "bolig", "klag", "kontrol", "fritidspas", "negativ", "touch"];

  /** `count` items from a seeded generator, each field holding each word with the word's share; the later meeting's items where `isLater`. */
  function generatedDocs(seed: number, count: number, firstId: number, isLater: (i: number) => boolean): SearchDocument[] {
    let state = seed >>> 0;
    const next = () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
    const text = () => WORDS.flatMap(([word, share]) => (next() < share ? Array.from({ length: 1 + Math.floor(next() * 3) }, () => word) : [])).join(" ");
    return Array.from({ length: count }, (_, i) =>
      testDocument(firstId + i, {
        title: text() || "Punkt",
        url: `/vejen/byraadet/${isLater(i) ? "2024-04-16" : "2024-03-19"}/punkt-${firstId + i}`,
        sections: [
          { kind: "resume", heading: "Resumé", text: text() },
          { kind: "sagsfremstilling", heading: "Sagsfremstilling", text: text() },
        ],
      }),
    );
  }

  it("finds and scores exactly what they give, over the full build and a delta that replaced a meeting", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.uniqueArray(fc.constantFrom(...PREFIXES), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (seed, count, appended, queries) => {
          const index = buildSearchIndex(generatedDocs(seed, count, 1, (i) => i % 7 === 3));
          // The later meeting's items are replaced: they stay in the segment's postings, removed.
          if (appended > 0) applyIndexDelta(index, { paths: ["/vejen/byraadet/2024-04-16"], docs: generatedDocs(seed + 1, appended, 10_000, () => true), basis: { changeWatermark: 1, readAtMs: 0 } });
          for (const terms of queries) {
            const expected = referenceMatch(index, terms);
            // The reused column holds the last query's scores, the other one garbage: neither is read.
            for (const score of [reusableScoreColumn(index), new Float32Array(index.size).fill(7.25)]) {
              const match = matchAllTerms(index, terms, fieldsForRestriction(null), score);
              expect([...match.ordinals].sort((a, b) => a - b), terms.join(" ")).toEqual(expected.ordinals);
              // One common word given the reused column returns its strengths, with their scores' function.
              expect(expected.ordinals.map((ordinal) => match.toScore(match.score[ordinal] ?? 0)), terms.join(" ")).toEqual(expected.ordinals.map((ordinal) => expected.score[ordinal]));
              expect(match.maxScore).toBe(Math.max(0, ...expected.ordinals.map((ordinal) => expected.score[ordinal] ?? 0)));
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("matched among given items, finds and scores exactly those of them a match over every item finds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 20 }),
        // Few given items (sparse passes) to nearly all (dense passes).
        fc.constantFrom(0.03, 0.3, 0.6, 0.97),
        fc.array(fc.uniqueArray(fc.constantFrom(...PREFIXES), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        (seed, count, appended, share, queries) => {
          const index = buildSearchIndex(generatedDocs(seed, count, 1, (i) => i % 7 === 3));
          if (appended > 0) applyIndexDelta(index, { paths: ["/vejen/byraadet/2024-04-16"], docs: generatedDocs(seed + 1, appended, 10_000, () => true), basis: { changeWatermark: 1, readAtMs: 0 } });
          let state = seed >>> 0;
          const given = Array.from({ length: index.size }, (_, ordinal) => ordinal).filter(() => {
            state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
            return state / 2 ** 32 < share;
          });
          const isGiven = new Set(given);
          for (const terms of queries) {
            const reference = referenceMatch(index, terms);
            const expected = reference.ordinals.filter((ordinal) => isGiven.has(ordinal));
            for (const score of [reusableScoreColumn(index), new Float32Array(index.size).fill(7.25)]) {
              let handed: Uint32Array | null = null;
              const match = matchAllTerms(index, terms, fieldsForRestriction(null), score, new Map(), (candidates) => {
                handed = candidates;
                candidates.set(given);
                return given.length;
              });
              expect(handed, "the given items were asked for").not.toBeNull();
              expect([...match.ordinals], terms.join(" ")).toEqual(expected);
              // The first term's scores replace what the column held, exactly as over every item.
              expect(expected.map((ordinal) => match.score[ordinal]), terms.join(" ")).toEqual(expected.map((ordinal) => reference.score[ordinal]));
              expect(match.maxScore).toBe(Math.max(0, ...expected.map((ordinal) => reference.score[ordinal] ?? 0)));
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("returns one common word's strengths with their scores' function, and the next search finds its columns clean", () => {
    const index = buildSearchIndex(generatedDocs(11, 300, 1, () => false));
    const all = fieldsForRestriction(null);
    const expected = referenceMatch(index, ["udvalg"]);
    // Held by 70 % of the fields: a dense term, whose hits are read off the strengths.
    expect(expected.ordinals.length * 8).toBeGreaterThan(index.size);
    const lazy = matchAllTerms(index, ["udvalg"], all, reusableScoreColumn(index));
    expect(lazy.toScore).not.toBe(scoreIsValue);
    const eager = matchAllTerms(index, ["udvalg"], all);
    expect(eager.toScore).toBe(scoreIsValue);
    expect([...lazy.ordinals]).toEqual(expected.ordinals);
    expect(expected.ordinals.map((ordinal) => lazy.toScore(lazy.score[ordinal] ?? 0))).toEqual(expected.ordinals.map((ordinal) => eager.score[ordinal]));
    expect(lazy.maxScore).toBe(eager.maxScore);
    const day = index.facets.day;
    for (const order of ["relevans", "nyeste"] as const) {
      for (const limit of [1, 20, 1_000]) {
        expect([...rankTopHits(lazy.ordinals, lazy.score, lazy.maxScore, day, order, limit, lazy.toScore)]).toEqual([...rankTopHits(eager.ordinals, eager.score, eager.maxScore, day, order, limit)]);
      }
    }
    // The strength column handed out was replaced by a clean one: a two-term search scores as before.
    const pair = matchAllTerms(index, ["skol", "budget"], all, reusableScoreColumn(index));
    const pairExpected = referenceMatch(index, ["skol", "budget"]);
    expect([...pair.ordinals]).toEqual(pairExpected.ordinals);
    expect(pairExpected.ordinals.map((ordinal) => pair.score[ordinal])).toEqual(pairExpected.ordinals.map((ordinal) => pairExpected.score[ordinal]));
  });
});
