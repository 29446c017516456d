import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { DECISION_OUTCOMES, type DecisionOutcome } from "@/lib/minutes/vocabulary";
import { KLE_GROUP_NAMES } from "@/lib/text/kle-topics";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import { buildSearchIndex } from "./build-index";
import { FACET_NAMES, facetValue, filterByFacets, type FacetCount, type FacetedHits, type FacetName, type FacetSelection } from "./facet-filter";
import { applyIndexDelta } from "./index-delta";
import type { SearchDocument } from "./search-document";
import type { FacetColumns, SearchIndex } from "./search-index";
import { DEFAULT_SEARCH_PARAMS, FLAG_VALUE } from "./search-params";
import { PostingsKernel } from "./segment/postings-kernel";
import { generateSearchDocuments } from "./synthetic-documents";

const danishOrder = new Intl.Collator("da").compare;

/** The facet column of a dimension, as the reference reads it. */
function column(index: SearchIndex, name: FacetName): ArrayLike<number> {
  const columns: Record<FacetName, ArrayLike<number>> = {
    kommune: index.facets.municipality,
    udvalg: index.facets.committee,
    aar: index.facets.year,
    udfald: index.facets.outcome,
    emne: index.facets.kle,
    afvigelse: index.facets.deviation,
    dissens: index.facets.dissent,
  };
  return columns[name];
}

/** The column value a selected facet value stands for, or null for one that selects nothing. */
function selectedColumnValue(index: SearchIndex, name: FacetName, value: string): number | null {
  const id = (found: number) => (found < 0 ? null : found);
  switch (name) {
    case "kommune":
      return id(index.municipalities.findIndex((label) => label.slug === value));
    case "udvalg":
      return id(index.committees.findIndex((label) => label.slug === value));
    case "aar":
      return /^\d{4}$/.test(value) ? Number(value) : null;
    case "udfald":
      return id(DECISION_OUTCOMES.indexOf(value as DecisionOutcome));
    case "emne":
      return /^\d{2}$/.test(value) ? Number(value) : null;
    case "afvigelse":
    case "dissens":
      return value === FLAG_VALUE ? 1 : null;
  }
}

function label(index: SearchIndex, name: FacetName, columnValue: number | null, value: string): string {
  if (columnValue === null) return value;
  switch (name) {
    case "kommune":
      return index.municipalities[columnValue]?.name ?? value;
    case "udvalg":
      return index.committees[columnValue]?.label ?? value;
    case "aar":
      return value;
    case "udfald":
      return OUTCOME_LABELS[value as DecisionOutcome] ?? value;
    case "emne":
      return KLE_GROUP_NAMES.get(value) ?? `KLE ${value}`;
    case "afvigelse":
      return "Afviger fra indstillingen";
    case "dissens":
      return "Med stemmer imod eller forbehold";
  }
}

/**
 * filterByFacets' contract, item by item: a hit is kept when it passes every selected
 * dimension; a dimension counts the hits passing every other one; values listed with their
 * labels, selected ones with 0, by count then label (years by value). Years past four digits
 * are not counted (the year facet is four-digit years), an ordinal past the columns reads 0.
 */
function reference(index: SearchIndex, hits: readonly number[], selection: FacetSelection): FacetedHits {
  const selected = new Map(FACET_NAMES.map((name) => [name, new Set(selection[name].map((value) => selectedColumnValue(index, name, value)))]));
  const valueOf = (name: FacetName, ordinal: number) => column(index, name)[ordinal] ?? 0;
  const passes = (name: FacetName, ordinal: number) => selection[name].length === 0 || (selected.get(name)?.has(valueOf(name, ordinal)) ?? false);
  const facets = {} as Record<FacetName, FacetCount[]>;
  for (const name of FACET_NAMES) {
    const counts = new Map<number, number>();
    for (const ordinal of hits) {
      if (!FACET_NAMES.every((other) => other === name || passes(other, ordinal))) continue;
      const value = valueOf(name, ordinal);
      if (name !== "aar" || value < 10_000) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const listed: FacetCount[] = [];
    for (const [columnValue, count] of [...counts].sort((a, b) => a[0] - b[0])) {
      const value = facetValue(index, name, columnValue);
      if (value !== null) listed.push({ value, label: label(index, name, columnValue, value), count });
    }
    for (const value of selection[name]) {
      if (listed.some((facet) => facet.value === value)) continue;
      // A municipality or committee no live item holds any more is shown by its slug, as a fresh build shows it.
      const columnValue = selectedColumnValue(index, name, value);
      const isGone = (name === "kommune" || name === "udvalg") && !Array.from(column(index, name)).some((held, ordinal) => held === columnValue && index.removed?.[ordinal] !== 1);
      listed.push({ value, label: isGone ? value : label(index, name, columnValue, value), count: 0 });
    }
    facets[name] = listed.sort(name === "aar" ? (a, b) => b.value.localeCompare(a.value) : (a, b) => b.count - a.count || danishOrder(a.label, b.label));
  }
  return { ordinals: Uint32Array.from(hits.filter((ordinal) => FACET_NAMES.every((name) => passes(name, ordinal)))), facets };
}

/** Hit lists of every shape a search hands over: sparse or nearly all, ascending or not, odd ones. */
function hitList(size: number): fc.Arbitrary<number[]> {
  const ordinal = fc.nat(Math.max(0, size - 1));
  const ascending = (ordinals: number[]) => [...new Set(ordinals)].sort((a, b) => a - b);
  const all = Array.from({ length: size }, (_, i) => i);
  return fc.oneof(
    fc.array(ordinal, { maxLength: size }).map(ascending),
    // Nearly every ordinal: counted as the totals less the few left out.
    fc.array(fc.oneof(ordinal, fc.constantFrom(0, size - 1)), { maxLength: 8 }).map((gaps) => all.filter((i) => !gaps.includes(i))),
    fc.constant(all),
    fc.constant<number[]>([]),
    fc.shuffledSubarray(all),
    // Not strictly ascending: a repeated hit in an otherwise complete list.
    fc.tuple(ordinal, ordinal).map(([repeated, dropped]) => [...all.filter((i) => i !== dropped), repeated].sort((a, b) => a - b)),
    fc.array(fc.nat(size + 5), { maxLength: 40 }),
  );
}

function selectionOf(index: SearchIndex): fc.Arbitrary<FacetSelection> {
  const pools: Record<FacetName, string[]> = {
    kommune: [...index.municipalities.map((entry) => entry.slug), "ukendt"],
    udvalg: [...index.committees.map((entry) => entry.slug), "vejen/ukendt"],
    aar: ["2019", "2021", "2023", "2024", "1999", "12000"],
    udfald: [...DECISION_OUTCOMES],
    emne: ["00", "01", "15", "27", "85", "7"],
    afvigelse: [FLAG_VALUE, "nej"],
    dissens: [FLAG_VALUE],
  };
  const dimension = (name: FacetName) => fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.uniqueArray(fc.constantFrom(...pools[name]), { minLength: 1, maxLength: 3 }) });
  return fc.record({
    kommune: dimension("kommune"),
    udvalg: dimension("udvalg"),
    aar: dimension("aar"),
    udfald: dimension("udfald"),
    emne: dimension("emne"),
    afvigelse: dimension("afvigelse"),
    dissens: dimension("dissens"),
  });
}

function checkAgainstReference(index: SearchIndex, runs: number): void {
  fc.assert(
    fc.property(hitList(index.size), selectionOf(index), (hits, selection) => {
      expect(filterByFacets(index, Uint32Array.from(hits), selection)).toEqual(reference(index, hits, selection));
    }),
    { numRuns: runs },
  );
}

/** Documents of another synthetic corpus moved below `municipality`'s page, as a delta replacing it brings. */
function replacementDocs(municipality: SearchDocument, count: number, seed: number): SearchDocument[] {
  return generateSearchDocuments(count, seed).map((doc, i) => ({
    ...doc,
    id: 1_000_000 + seed * 100 + i,
    url: `/${municipality.municipalitySlug}/${doc.committeeSlug}/${doc.date}/punkt-${seed}-${i}`,
    municipalitySlug: municipality.municipalitySlug,
    municipality: municipality.municipality,
  }));
}

describe("filterByFacets against a reference counting item by item", () => {
  const docs = generateSearchDocuments(300, 5);
  const index = buildSearchIndex(docs);

  it("keeps and counts alike for any hit list and selection", () => {
    checkAgainstReference(index, 300);
  });

  it("keeps and counts alike when the hits lie in a postings kernel's memory (its filter and tally passes)", () => {
    const kernel = new PostingsKernel(index.size + 8);
    const filter = vi.spyOn(PostingsKernel.prototype, "filter");
    fc.assert(
      // Ordinals past the index too (their ids are 0, as for the plain arrays).
      fc.property(hitList(index.size), fc.array(fc.integer({ min: index.size, max: index.size + 7 }), { maxLength: 3 }), selectionOf(index), (listed, past, selection) => {
        const hits = [...listed, ...past];
        const inKernel = kernel.candidates.subarray(0, hits.length);
        inKernel.set(hits);
        expect(filterByFacets(index, inKernel, selection)).toEqual(reference(index, hits, selection));
      }),
      { numRuns: 300 },
    );
    // The kernel's filter must have been what filtered (most selections select something).
    expect(filter.mock.calls.length).toBeGreaterThan(100);
    filter.mockRestore();
  });

  it("counts every row and ordinals past them as those ordinals' values, not as the rows' totals (plain and in a kernel's memory)", () => {
    const kernel = new PostingsKernel(index.size + 8);
    const all = Array.from({ length: index.size }, (_, i) => i);
    for (const hits of [[...all, index.size], [...all, index.size, index.size + 5], [...all.slice(1), index.size]]) {
      const expected = reference(index, hits, DEFAULT_SEARCH_PARAMS);
      expect(filterByFacets(index, Uint32Array.from(hits), DEFAULT_SEARCH_PARAMS)).toEqual(expected);
      const inKernel = kernel.candidates.subarray(0, hits.length);
      inKernel.set(hits);
      expect(filterByFacets(index, inKernel, DEFAULT_SEARCH_PARAMS)).toEqual(expected);
    }
  });

  it("stays exact through deltas that remove and add items, committees and municipalities", () => {
    const live = buildSearchIndex(docs);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(docs.length - 1), fc.nat(12), fc.boolean()), { minLength: 1, maxLength: 4 }), (deltas) => {
        for (const [at, count, isNewMunicipality] of deltas) {
          const doc = docs[at] as SearchDocument;
          const page = isNewMunicipality ? { ...doc, municipalitySlug: `ny-${at}`, municipality: `Ny ${at} Kommune` } : doc;
          // A search before the delta makes the rows the delta then outdates.
          filterByFacets(live, Uint32Array.from({ length: live.size }, (_, i) => i), { ...DEFAULT_SEARCH_PARAMS });
          applyIndexDelta(live, { paths: [`/${page.municipalitySlug}`], docs: replacementDocs(page, count, live.appliedDeltas + 1), basis: live.basis });
          const all = Array.from({ length: live.size }, (_, i) => i);
          const liveOnly = all.filter((ordinal) => live.removed?.[ordinal] !== 1);
          for (const hits of [all, liveOnly, liveOnly.filter((ordinal) => ordinal % 3 !== 0)]) {
            expect(filterByFacets(live, Uint32Array.from(hits), { ...DEFAULT_SEARCH_PARAMS })).toEqual(reference(live, hits, { ...DEFAULT_SEARCH_PARAMS }));
          }
        }
        checkAgainstReference(live, 5);
        // Other values for the same items (never done in place, but a column may be replaced): counted anew, not extended.
        filterByFacets(live, new Uint32Array(0), { ...DEFAULT_SEARCH_PARAMS });
        live.facets = { ...live.facets, outcome: live.facets.outcome.map((id, ordinal) => (ordinal % 2 === 0 ? (id + 1) % DECISION_OUTCOMES.length : id)) };
        checkAgainstReference(live, 3);
      }),
      { numRuns: 15 },
    );
  });

  it("counts values no row expects: years past four digits, flags above 1, ids without a label, labels the collator finds equal", () => {
    const columns: FacetColumns = { ...index.facets };
    const size = index.size;
    columns.year = index.facets.year.map((year, ordinal) => (ordinal % 17 === 0 ? 12_000 + (ordinal % 3) : ordinal % 19 === 0 ? 65_535 : year));
    columns.deviation = index.facets.deviation.map((flag, ordinal) => (ordinal % 13 === 0 ? 2 : flag));
    columns.dissent = index.facets.dissent.map((flag, ordinal) => (ordinal % 11 === 0 ? 255 : flag));
    columns.municipality = index.facets.municipality.map((id, ordinal) => (ordinal % 23 === 0 ? 60_000 : id));
    columns.outcome = index.facets.outcome.map((id, ordinal) => (ordinal % 29 === 0 ? 200 : id));
    // "Å" composed and decomposed: different strings, equal to the collator, so only their order in the list may tell them apart.
    const municipalities = index.municipalities.map((entry, id) => (id % 2 === 0 ? { ...entry, name: "\u00c5rhus Kommune" } : { ...entry, name: "A\u030arhus Kommune" }));
    const odd: SearchIndex = { ...index, facets: columns, municipalities, size };
    checkAgainstReference(odd, 200);
  });

  it("counts an index with more place combinations than 16 bits number", () => {
    const size = 70_000;
    const spread = (modulus: number) => Uint16Array.from({ length: size }, (_, ordinal) => ordinal % modulus);
    const facets: FacetColumns = {
      municipality: spread(index.municipalities.length),
      // Every item its own committee id: most have no label, so only the first few are listed.
      committee: Uint16Array.from({ length: size }, (_, ordinal) => ordinal),
      year: Uint16Array.from({ length: size }, (_, ordinal) => 2018 + (ordinal % 8)),
      outcome: Uint8Array.from({ length: size }, (_, ordinal) => ordinal % DECISION_OUTCOMES.length),
      kle: Uint8Array.from({ length: size }, (_, ordinal) => ordinal % 100),
      deviation: Uint8Array.from({ length: size }, (_, ordinal) => ordinal % 2),
      dissent: Uint8Array.from({ length: size }, (_, ordinal) => ordinal % 3 === 0 ? 1 : 0),
      day: new Int32Array(size),
    };
    checkAgainstReference({ ...index, facets, size }, 10);
  });
});
