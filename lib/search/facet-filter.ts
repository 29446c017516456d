import { DECISION_OUTCOMES, type DecisionOutcome } from "@/lib/minutes/vocabulary";
import { KLE_GROUP_NAMES } from "@/lib/text/kle-topics";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import { facetRows, filterRows, tallyRows } from "./facet-rows";
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

/**
 * Keeps the hits that pass every facet (AND across facets, OR within one; `hits` itself when
 * nothing is selected) and counts facet values
 * the way a faceted page needs them: a dimension's counts ignore that dimension's own selection,
 * so checking another value of it adds exactly that many hits. Works on the full hit list, never
 * on a truncated FlexSearch result.
 */
export function filterByFacets(index: SearchIndex, hits: Uint32Array, selection: FacetSelection): FacetedHits {
  // Masks and tallies per dimension, in FACET_NAMES order.
  const masks = FACET_NAMES.map((name) => (selection[name].length > 0 ? selectionMask(index, name, selection[name]) : null));
  const tallies = FACET_NAMES.map((name) => new Uint32Array(columnRange(index, name)));
  const rows = facetRows(index);
  let ordinals = hits;
  // Nothing selected (most searches): every hit passes and is tallied in every dimension.
  if (masks.every((mask) => mask === null)) tallyRows(rows, hits, tallies);
  else ordinals = filterRows(rows, hits, masks, tallies);
  return { ordinals, facets: facetCountsOf(index, tallies, selection) };
}

function facetCountsOf(index: SearchIndex, tallies: readonly Uint32Array[], selection: FacetSelection): Record<FacetName, FacetCount[]> {
  const facets = {} as Record<FacetName, FacetCount[]>;
  FACET_NAMES.forEach((name, dimension) => {
    facets[name] = facetCounts(index, name, tallies[dimension] ?? new Uint32Array(0), selection[name]);
  });
  return facets;
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
  for (let columnValue = 0; columnValue < counts.length; columnValue++) {
    const count = counts[columnValue] ?? 0;
    if (count === 0) continue;
    const value = facetValue(index, name, columnValue);
    if (value === null) continue;
    result.push({ value, label: facetLabel(index, name, columnValue, value), count });
  }
  // Selected values stay listed with 0 so the page can still show and uncheck them.
  const seen = new Set(selected.length > 0 ? result.map((facet) => facet.value) : []);
  for (const value of selected) {
    if (seen.has(value)) continue;
    seen.add(value);
    const columnValue = columnValueOf(index, name, value);
    result.push({ value, label: columnValue === null || !isLabelLive(index, name, columnValue) ? value : facetLabel(index, name, columnValue, value), count: 0 });
  }
  return name === "aar" ? result.sort(byValueDesc) : sortedByCount(result, labelRanks(index, name));
}

/**
 * `counts` by count, descending, then by label in Danish order (a stable sort: labels the
 * collator finds equal keep their order). Where counts tie it compares the labels' ranks
 * rather than calling the collator, which over a search's ~500 committees took 0.1–0.2 ms, and
 * where every label has a rank, sorts numbers without a comparator.
 */
function sortedByCount(counts: readonly FacetCount[], ranks: ReadonlyMap<string, number>): FacetCount[] {
  const rank = counts.map((count) => ranks.get(count.label) ?? -1);
  const isKeyed = counts.length <= KEY_SLOTS && rank.every((r) => r >= 0 && r < KEY_SLOTS) && counts.every((count) => count.count < MAX_KEYED_COUNT);
  if (isKeyed) {
    // One number per entry, descending in the order wanted: count, then rank reversed, then
    // position reversed (ties keep their order, as a stable sort does); exact below 2^53.
    const keys = new Float64Array(counts.length);
    counts.forEach((count, i) => {
      keys[i] = (count.count * KEY_SLOTS + (KEY_SLOTS - 1 - (rank[i] ?? 0))) * KEY_SLOTS + (KEY_SLOTS - 1 - i);
    });
    keys.sort();
    const sorted: FacetCount[] = [];
    for (let i = keys.length - 1; i >= 0; i--) sorted.push(counts[KEY_SLOTS - 1 - ((keys[i] ?? 0) % KEY_SLOTS)] as FacetCount);
    return sorted;
  }
  const order = counts.map((_, i) => i);
  order.sort((i, j) => {
    const a = counts[i] as FacetCount;
    const b = counts[j] as FacetCount;
    const rankA = rank[i] ?? -1;
    const rankB = rank[j] ?? -1;
    return b.count - a.count || (rankA >= 0 && rankB >= 0 ? rankA - rankB : danishOrder(a.label, b.label));
  });
  return order.map((i) => counts[i] as FacetCount);
}

// Sort keys of sortedByCount: 16 bits of rank and of position under 21 bits of count.
const KEY_SLOTS = 0x10000;
const MAX_KEYED_COUNT = 2 ** 21;

interface LabelRanks {
  labels: readonly string[];
  ranks: ReadonlyMap<string, number>;
}

const indexLabelRanks = new WeakMap<SearchIndex, Partial<Record<FacetName, LabelRanks>>>();
const fixedLabelRanks: Partial<Record<FacetName, LabelRanks>> = {};

/**
 * The position in Danish order of each label a dimension can show, equal for labels the
 * collator finds equal, so comparing two ranks gives the collator's answer. Kept per index for
 * municipalities and committees (made anew when a delta added or renamed one), once for the rest.
 */
function labelRanks(index: SearchIndex, name: FacetName): ReadonlyMap<string, number> {
  const isFixed = name !== "kommune" && name !== "udvalg";
  let cached = isFixed ? fixedLabelRanks : indexLabelRanks.get(index);
  if (cached === undefined) {
    cached = {};
    indexLabelRanks.set(index, cached);
  }
  const known = cached[name];
  if (isFixed && known !== undefined) return known.ranks;
  const labels = dimensionLabels(index, name);
  if (known !== undefined && known.labels.length === labels.length && known.labels.every((label, i) => label === labels[i])) return known.ranks;
  const ranks = rankLabels(labels);
  cached[name] = { labels, ranks };
  return ranks;
}

function dimensionLabels(index: SearchIndex, name: FacetName): string[] {
  switch (name) {
    case "kommune":
      return index.municipalities.map((municipality) => municipality.name);
    case "udvalg":
      return index.committees.map((committee) => committee.label);
    case "aar":
      return [];
    case "udfald":
      return Object.values(OUTCOME_LABELS);
    case "emne":
      return Array.from({ length: 100 }, (_, group) => facetLabel(index, name, group, String(group).padStart(2, "0")));
    case "afvigelse":
    case "dissens":
      return [FLAG_LABELS[name]];
  }
}

function rankLabels(labels: readonly string[]): Map<string, number> {
  const sorted = [...new Set(labels)].sort(danishOrder);
  const ranks = new Map<string, number>();
  let rank = 0;
  sorted.forEach((label, i) => {
    if (i > 0 && danishOrder(sorted[i - 1] ?? "", label) !== 0) rank++;
    ranks.set(label, rank);
  });
  return ranks;
}

/**
 * False for a municipality or committee that no item of the index holds any more (a delta
 * removed its last one): its selected value is then shown as the slug, as a fresh build that
 * never saw it shows it, rather than by the name the index still keeps. Other facets' labels do
 * not depend on the items. Runs only for a selected value without hits, and stops at the first
 * live item.
 */
function isLabelLive(index: SearchIndex, name: FacetName, columnValue: number): boolean {
  if (name !== "kommune" && name !== "udvalg") return true;
  const column = name === "kommune" ? index.facets.municipality : index.facets.committee;
  const removed = index.removed;
  for (let ordinal = 0; ordinal < column.length; ordinal++) {
    if (column[ordinal] === columnValue && removed?.[ordinal] !== 1) return true;
  }
  return false;
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
