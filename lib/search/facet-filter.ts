import { DECISION_OUTCOMES, type DecisionOutcome } from "@/lib/minutes/vocabulary";
import { KLE_GROUP_NAMES } from "@/lib/text/kle-topics";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import { NO_KLE_GROUP, type FacetLabel, type SearchIndex } from "./search-index";
import { FLAG_VALUE } from "./search-params";

/** The facet dimensions, by their URL parameter names. */
export type FacetName = "kommune" | "udvalg" | "aar" | "udfald" | "emne" | "afvigelse" | "dissens";

/** Facet dimensions in display order. */
export const FACET_NAMES: readonly FacetName[] = ["kommune", "udvalg", "aar", "udfald", "emne", "afvigelse", "dissens"];

const FLAG_LABELS = { afvigelse: "Afviger fra indstillingen", dissens: "Med stemmer imod eller forbehold" } as const;

/** One facet value with its display label and the number of hits it would have. */
export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

/** Selected values per facet; an empty list selects everything. */
export type FacetSelection = Readonly<Record<FacetName, readonly string[]>>;

/** Hits that pass every facet, in input order, and the facet counts. */
export interface FacetedHits {
  ordinals: Uint32Array;
  facets: Record<FacetName, FacetCount[]>;
}

// Years are four digits (search-params accepts no others), so this bounds the year column.
const YEAR_RANGE = 10_000;
const KLE_RANGE = 0x100;
const danishOrder = new Intl.Collator("da").compare;

interface Dimension {
  name: FacetName;
  column: Uint8Array | Uint16Array;
  /** null = nothing selected (every value passes). */
  mask: Uint8Array | null;
  counts: Uint32Array;
}

/**
 * Keeps the hits that pass every facet (AND across facets, OR within one; `hits` itself when
 * nothing is selected) and counts facet values
 * the way a faceted page needs them: a dimension's counts ignore that dimension's own selection,
 * so checking another value of it adds exactly that many hits. Works on the full hit list, never
 * on a truncated FlexSearch result.
 */
export function filterByFacets(index: SearchIndex, hits: Uint32Array, selection: FacetSelection): FacetedHits {
  const dimensions = FACET_NAMES.map((name): Dimension => {
    const column = facetColumn(index, name);
    const values = selection[name];
    return {
      name,
      column,
      mask: values.length > 0 ? selectionMask(index, name, values) : null,
      counts: new Uint32Array(columnRange(index, name)),
    };
  });
  if (dimensions.every((dimension) => dimension.mask === null)) {
    // Nothing selected (most searches): every hit passes and is tallied in every column.
    tallyAll(dimensions, hits);
    return { ordinals: hits, facets: facetCountsOf(index, dimensions, selection) };
  }
  // Which selected dimensions each hit fails, one bit per dimension, in one monomorphic pass each.
  const misses = new Uint8Array(hits.length);
  dimensions.forEach((dimension, bit) => {
    if (dimension.mask !== null) markMisses(dimension.column, dimension.mask, hits, misses, 1 << bit);
  });
  // A hit passing all is kept and counts everywhere; one failing a single dimension counts only
  // there (that dimension's counts ignore its own selection); one failing two counts nowhere.
  const ordinals = hitsWithMisses(hits, misses, 0);
  tallyAll(dimensions, ordinals);
  dimensions.forEach((dimension, bit) => {
    if (dimension.mask !== null) tally(dimension.column, hitsWithMisses(hits, misses, 1 << bit), dimension.counts);
  });
  return { ordinals, facets: facetCountsOf(index, dimensions, selection) };
}

/** Sets `bit` in `misses[i]` for each hit whose value in `column` the selection `mask` leaves out. */
function markMisses(column: Uint8Array | Uint16Array, mask: Uint8Array, hits: Uint32Array, misses: Uint8Array, bit: number): void {
  for (let i = 0; i < hits.length; i++) {
    if (mask[column[hits[i] ?? 0] ?? 0] !== 1) misses[i] = (misses[i] ?? 0) | bit;
  }
}

/** The hits whose misses are exactly `miss`, in order. */
function hitsWithMisses(hits: Uint32Array, misses: Uint8Array, miss: number): Uint32Array {
  let count = 0;
  for (let i = 0; i < misses.length; i++) if (misses[i] === miss) count++;
  const selected = new Uint32Array(count);
  let at = 0;
  for (let i = 0; i < misses.length; i++) if (misses[i] === miss) selected[at++] = hits[i] ?? 0;
  return selected;
}

/**
 * Tallies every hit in every dimension in one pass over the hits: a common word's million hits
 * are read once rather than once per dimension.
 */
function tallyAll(dimensions: readonly Dimension[], hits: Uint32Array): void {
  const [a, b, c, d, e, f, g, ...rest] = dimensions;
  if (a === undefined || b === undefined || c === undefined || d === undefined || e === undefined || f === undefined || g === undefined || rest.length > 0) {
    for (const dimension of dimensions) tally(dimension.column, hits, dimension.counts);
    return;
  }
  const [ca, cb, cc, cd, ce, cf, cg] = [a.column, b.column, c.column, d.column, e.column, f.column, g.column];
  const [na, nb, nc, nd, ne, nf, ng] = [a.counts, b.counts, c.counts, d.counts, e.counts, f.counts, g.counts];
  for (let i = 0; i < hits.length; i++) {
    const ordinal = hits[i] ?? 0;
    count(na, ca[ordinal] ?? 0);
    count(nb, cb[ordinal] ?? 0);
    count(nc, cc[ordinal] ?? 0);
    count(nd, cd[ordinal] ?? 0);
    count(ne, ce[ordinal] ?? 0);
    count(nf, cf[ordinal] ?? 0);
    count(ng, cg[ordinal] ?? 0);
  }
}

function count(counts: Uint32Array, value: number): void {
  counts[value] = (counts[value] ?? 0) + 1;
}

function tally(column: Uint8Array | Uint16Array, hits: Uint32Array, counts: Uint32Array): void {
  for (let i = 0; i < hits.length; i++) {
    const value = column[hits[i] ?? 0] ?? 0;
    counts[value] = (counts[value] ?? 0) + 1;
  }
}

function facetCountsOf(index: SearchIndex, dimensions: readonly Dimension[], selection: FacetSelection): Record<FacetName, FacetCount[]> {
  const facets = {} as Record<FacetName, FacetCount[]>;
  for (const dimension of dimensions) {
    facets[dimension.name] = facetCounts(index, dimension.name, dimension.counts, selection[dimension.name]);
  }
  return facets;
}

/** The typed facet column of a dimension. */
export function facetColumn(index: SearchIndex, name: FacetName): Uint8Array | Uint16Array {
  switch (name) {
    case "kommune":
      return index.facets.municipality;
    case "udvalg":
      return index.facets.committee;
    case "aar":
      return index.facets.year;
    case "udfald":
      return index.facets.outcome;
    case "emne":
      return index.facets.kle;
    case "afvigelse":
      return index.facets.deviation;
    case "dissens":
      return index.facets.dissent;
  }
}

/** The facet value (URL form) of a column entry, or null for "no value" (an item without KLE). */
export function facetValue(index: SearchIndex, name: FacetName, columnValue: number): string | null {
  switch (name) {
    case "kommune":
      return index.municipalities[columnValue]?.slug ?? null;
    case "udvalg":
      return index.committees[columnValue]?.slug ?? null;
    case "aar":
      return String(columnValue);
    case "udfald":
      return DECISION_OUTCOMES[columnValue] ?? null;
    case "emne":
      return columnValue === NO_KLE_GROUP ? null : String(columnValue).padStart(2, "0");
    case "afvigelse":
    case "dissens":
      return columnValue === 1 ? FLAG_VALUE : null;
  }
}

/**
 * One more than the largest value a facet column can hold. Tallies are sized to it: a fixed
 * 64 Ki-entry tally per dimension cost more than the filtering itself on small hit lists.
 */
function columnRange(index: SearchIndex, name: FacetName): number {
  switch (name) {
    case "kommune":
      return index.municipalities.length;
    case "udvalg":
      return index.committees.length;
    case "aar":
      return YEAR_RANGE;
    case "udfald":
      return DECISION_OUTCOMES.length;
    case "emne":
      return KLE_RANGE;
    case "afvigelse":
    case "dissens":
      return 2;
  }
}

function selectionMask(index: SearchIndex, name: FacetName, values: readonly string[]): Uint8Array {
  const mask = new Uint8Array(columnRange(index, name));
  for (const value of values) {
    const columnValue = columnValueOf(index, name, value);
    // An unknown value selects nothing rather than emptying the other values' results.
    if (columnValue !== null) mask[columnValue] = 1;
  }
  return mask;
}

function columnValueOf(index: SearchIndex, name: FacetName, value: string): number | null {
  switch (name) {
    case "kommune":
      return labelId(index.municipalities, value);
    case "udvalg":
      return labelId(index.committees, value);
    case "aar":
      return /^\d{4}$/.test(value) ? Number(value) : null;
    case "udfald": {
      const id = DECISION_OUTCOMES.indexOf(value as DecisionOutcome);
      return id < 0 ? null : id;
    }
    case "emne":
      return /^\d{2}$/.test(value) ? Number(value) : null;
    case "afvigelse":
    case "dissens":
      return value === FLAG_VALUE ? 1 : null;
  }
}

function labelId(labels: readonly FacetLabel[], slug: string): number | null {
  const id = labels.findIndex((label) => label.slug === slug);
  return id < 0 ? null : id;
}

function facetCounts(index: SearchIndex, name: FacetName, counts: Uint32Array, selected: readonly string[]): FacetCount[] {
  const result: FacetCount[] = [];
  const seen = new Set<string>();
  for (let columnValue = 0; columnValue < counts.length; columnValue++) {
    const count = counts[columnValue] ?? 0;
    if (count === 0) continue;
    const value = facetValue(index, name, columnValue);
    if (value === null) continue;
    seen.add(value);
    result.push({ value, label: facetLabel(index, name, columnValue, value), count });
  }
  // Selected values stay listed with 0 so the page can still show and uncheck them.
  for (const value of selected) {
    if (seen.has(value)) continue;
    seen.add(value);
    const columnValue = columnValueOf(index, name, value);
    result.push({ value, label: columnValue === null ? value : facetLabel(index, name, columnValue, value), count: 0 });
  }
  return result.sort(name === "aar" ? byValueDesc : byCountDesc);
}

function facetLabel(index: SearchIndex, name: FacetName, columnValue: number, value: string): string {
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
    case "dissens":
      return FLAG_LABELS[name];
  }
}

function byCountDesc(a: FacetCount, b: FacetCount): number {
  return b.count - a.count || danishOrder(a.label, b.label);
}

function byValueDesc(a: FacetCount, b: FacetCount): number {
  return b.value.localeCompare(a.value);
}

/**
 * The `kommune` and `udvalg` values an index knows, for validating them: municipality slugs and
 * "<municipality slug>/<committee slug>".
 */
export function knownFacetValues(index: SearchIndex): { kommune: ReadonlySet<string>; udvalg: ReadonlySet<string> } {
  return {
    kommune: new Set(index.municipalities.map((label) => label.slug)),
    udvalg: new Set(index.committees.map((label) => label.slug)),
  };
}
