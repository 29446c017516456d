import { describe, expect, it } from "vitest";
import { DECISION_OUTCOMES } from "@/lib/minutes/vocabulary";
import { buildSearchIndex } from "./build-index";
import { FACET_NAMES, type FacetName } from "./facet-filter";
import { fieldsForRestriction } from "./index-config";
import { matchAllTerms } from "./match-terms";
import { parseQuery } from "./parse-query";
import { PAGE_SIZE, searchItems } from "./query";
import { rankHits } from "./rank-hits";
import type { SearchDocument } from "./search-document";
import { DEFAULT_SEARCH_PARAMS, FLAG_VALUE, type SearchParams } from "./search-params";
import { mulberry32 } from "@/lib/corpus/random";
import { generateSearchDocuments } from "./synthetic-documents";

const docs = generateSearchDocuments(3000, 42);
const index = buildSearchIndex(docs);
const ordinalByUrl = new Map(docs.map((doc, ordinal) => [doc.url, ordinal]));

function facetValueOf(doc: SearchDocument, name: FacetName): string | null {
  switch (name) {
    case "kommune":
      return doc.municipalitySlug;
    case "udvalg":
      return `${doc.municipalitySlug}/${doc.committeeSlug}`;
    case "aar":
      return doc.date.slice(0, 4);
    case "udfald":
      return doc.outcome;
    case "emne":
      return doc.kleGroup;
    case "afvigelse":
      return doc.departsFromRecommendation ? FLAG_VALUE : null;
    case "dissens":
      return doc.hasDissent ? FLAG_VALUE : null;
  }
}

function passes(doc: SearchDocument, params: SearchParams, except: FacetName | null): boolean {
  return FACET_NAMES.every((name) => {
    if (name === except || params[name].length === 0) return true;
    const value = facetValueOf(doc, name);
    return value !== null && params[name].includes(value);
  });
}

/** The unfiltered hits of the text part in final order, computed without the facet code. */
function unfilteredOrder(params: SearchParams): number[] {
  const plan = parseQuery(params.q);
  if (plan.required.length === 0) return Array.from(index.byDateDesc);
  const match = matchAllTerms(index, plan.required, fieldsForRestriction(params.felt), undefined, plan.typed);
  return Array.from(rankHits(match.ordinals, match.score, match.maxScore, index.facets.day, params.sort));
}

const WORDS = ["fleksjob", "sygedagpenge", "ukraine", "høringssvar", "klage", "budget", "ældre", "touchskærme", "", "", "2000"];
const pools: Record<FacetName, string[]> = {
  kommune: [...new Set(docs.map((doc) => doc.municipalitySlug))],
  udvalg: [...new Set(docs.map((doc) => `${doc.municipalitySlug}/${doc.committeeSlug}`))],
  aar: ["2019", "2020", "2021", "2022", "2023", "2024", "2025", "1999"],
  udfald: [...DECISION_OUTCOMES],
  emne: ["00", "01", "03", "05", "15", "27", "28", "32", "85", "99"],
  afvigelse: [FLAG_VALUE],
  dissens: [FLAG_VALUE],
};

function sampleParams(random: () => number): SearchParams {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, kommune: [], udvalg: [], aar: [], udfald: [], emne: [], afvigelse: [], dissens: [] };
  const words = [pick(WORDS), random() < 0.3 ? pick(WORDS) : ""].filter((word) => word !== "");
  params.q = words.join(" ");
  for (const name of FACET_NAMES) {
    if (random() < 0.45) {
      const count = 1 + Math.floor(random() * 3);
      params[name] = [...new Set(Array.from({ length: count }, () => pick(pools[name])))];
    }
  }
  params.sort = random() < 0.5 ? "relevans" : "nyeste";
  return params;
}

describe("facet filtering against brute force (3,000 synthetic items)", () => {
  it("agrees on totals, every page and facet counts for 300 sampled queries", () => {
    const random = mulberry32(7);
    let compared = 0;
    let shortPages = 0;
    const mismatchReports: string[] = [];
    const mismatch = (what: string, params: SearchParams): void => {
      mismatchReports.push(`${what}: ${JSON.stringify(params)}`);
    };
    for (let run = 0; run < 300; run++) {
      const params = sampleParams(random);
      const expected = unfilteredOrder(params).filter((ordinal) => passes(docs[ordinal] as SearchDocument, params, null));
      const first = searchItems(index, params);
      if (first.isEmpty) {
        expect(params.q).toBe("");
        continue;
      }
      if (first.total !== expected.length) mismatch(`total ${first.total} ≠ ${expected.length}`, params);
      const lastPage = Math.max(1, Math.ceil(expected.length / PAGE_SIZE));
      // Every page for the first 40 queries; first, middle, last and one past the end after that.
      const pages = run < 40 ? Array.from({ length: lastPage + 1 }, (_, i) => i + 1) : [1, Math.ceil(lastPage / 2), lastPage, lastPage + 1];
      for (const page of pages) {
        const result = page === 1 ? first : searchItems(index, { ...params, side: page });
        const ids = result.hits.map((hit) => ordinalByUrl.get(hit.url));
        const want = expected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
        if (page < lastPage && ids.length < PAGE_SIZE) shortPages++;
        if (JSON.stringify(ids) !== JSON.stringify(want)) mismatch(`page ${page}`, params);
        compared++;
      }
      const candidates = unfilteredOrder(params);
      for (const name of FACET_NAMES) {
        const counts = new Map<string, number>();
        for (const ordinal of candidates) {
          const doc = docs[ordinal] as SearchDocument;
          const value = facetValueOf(doc, name);
          if (value !== null && passes(doc, params, name)) counts.set(value, (counts.get(value) ?? 0) + 1);
        }
        const got = new Map(first.facets[name].filter((facet) => facet.count > 0).map((facet) => [facet.value, facet.count]));
        if (JSON.stringify([...got].sort()) !== JSON.stringify([...counts].sort())) mismatch(`counts of ${name}`, params);
        for (const selected of params[name]) {
          if (!first.facets[name].some((facet) => facet.value === selected)) mismatch(`${name}=${selected} not listed`, params);
        }
      }
    }
    expect({ shortPages, mismatchReports }).toEqual({ shortPages: 0, mismatchReports: [] });
    expect(compared).toBeGreaterThan(500);
  });

  it("filters and counts the yes/no facets afvigelse and dissens", () => {
    const departing = docs.filter((doc) => doc.departsFromRecommendation);
    const dissenting = docs.filter((doc) => doc.hasDissent);
    expect(departing.length).toBeGreaterThan(50);
    expect(dissenting.length).toBeGreaterThan(50);
    const all = searchItems(index, { ...DEFAULT_SEARCH_PARAMS, kommune: pools.kommune });
    expect(all.facets.afvigelse).toEqual([{ value: FLAG_VALUE, label: "Afviger fra indstillingen", count: departing.length }]);
    expect(all.facets.dissens).toEqual([{ value: FLAG_VALUE, label: "Med stemmer imod eller forbehold", count: dissenting.length }]);
    const both = searchItems(index, { ...DEFAULT_SEARCH_PARAMS, afvigelse: [FLAG_VALUE], dissens: [FLAG_VALUE] });
    expect(both.total).toBe(docs.filter((doc) => doc.departsFromRecommendation && doc.hasDissent).length);
    expect(both.total).toBeGreaterThan(0);
  });

  it("counts browse results (no text, one filter) over every item", () => {
    const result = searchItems(index, { ...DEFAULT_SEARCH_PARAMS, kommune: ["vejen"] });
    expect(result.total).toBe(docs.filter((doc) => doc.municipalitySlug === "vejen").length);
    const dates = result.hits.map((hit) => hit.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const kommuneTotal = result.facets.kommune.reduce((sum, facet) => sum + facet.count, 0);
    expect(kommuneTotal).toBe(docs.length);
  });
});
