import type { FacetColumns, SearchIndex } from "./search-index";
import { kernelOfOrdinals } from "./segment/postings-kernel";

/**
 * The facet values of every ordinal as two ids, one per group of dimensions: its place
 * (municipality, committee, year) and its decision (outcome, KLE group, deviation, dissent),
 * each id standing for one combination of values that occurs. Counting a hit is then one read
 * of 4 bytes and two increments rather than seven reads and seven increments, which at a
 * million items is what a common word's search spent its time on (10 ms for 993k hits); the
 * few thousand combinations are split into the seven dimensions' counts afterwards.
 */
export interface FacetRows {
  /**
   * Per ordinal, its place id then its decision id: 16 bits each while the combinations are
   * that few (a few thousand places at 1M items), as the rows of a hit list scattered over the
   * index are read from memory, not the cache.
   */
  ids: Uint16Array | Uint32Array;
  place: Combinations;
  decision: Combinations;
  /** The index size and columns the rows were made from: valid while the index still has them. */
  size: number;
  columns: FacetColumns;
  /** The ids given so far, to go on from when a delta appends items. */
  builder: RowBuilder;
}

/** The combinations of one group of dimensions that occur. */
interface Combinations {
  /** The group's dimensions, as positions in FACET_NAMES (facet-filter.ts). */
  dimensions: readonly number[];
  /** Per id, the value in each of the group's dimensions (id × dimensions.length + i). */
  values: Uint32Array;
  count: number;
  /** How many ordinals have each id. */
  totals: Uint32Array;
}

// Municipality, committee, year; outcome, KLE group, deviation, dissent: positions in FACET_NAMES,
// the order of the tallies and masks these functions take.
const PLACE_DIMENSIONS = [0, 1, 2];
const DECISION_DIMENSIONS = [3, 4, 5, 6];

// One per loaded index; a delta gives the index new column objects (facet columns are never
// changed in place: build-index.ts appendColumns), which extends them on the next search.
const cache = new WeakMap<SearchIndex, FacetRows>();

/**
 * The index's facet rows, made on first use (a pass over the columns: 20–100 ms at 1M items;
 * importSearchIndex makes them as it loads a version) and extended by the items a delta appended when the columns still begin with the
 * values they were made from (checked byte for byte, ~1 ms), made anew otherwise.
 */
export function facetRows(index: SearchIndex): FacetRows {
  const cached = cache.get(index);
  if (cached !== undefined && cached.columns === index.facets && cached.size === index.size) return cached;
  const rows = cached !== undefined && startsWith(index.facets, index.size, cached) ? extendRows(cached, index.facets, index.size) : makeRows(index.facets, index.size);
  cache.set(index, rows);
  return rows;
}

const COLUMN_NAMES = ["municipality", "committee", "year", "outcome", "kle", "deviation", "dissent"] as const;

/** True when the first `rows.size` values of every facet column are those `rows` were made from. */
function startsWith(columns: FacetColumns, size: number, rows: FacetRows): boolean {
  if (size < rows.size) return false;
  return COLUMN_NAMES.every((name) => {
    const column = columns[name];
    const before = rows.columns[name];
    if (column.length < rows.size || before.length < rows.size) return false;
    const bytes = rows.size * column.BYTES_PER_ELEMENT;
    return Buffer.from(column.buffer, column.byteOffset, bytes).equals(Buffer.from(before.buffer, before.byteOffset, bytes));
  });
}

function makeRows(columns: FacetColumns, size: number): FacetRows {
  const builder = new RowBuilder();
  const ids = builder.idsOf(columns, 0, size);
  const place = builder.places.done();
  const decision = builder.decisions.done();
  addTotals(ids, place.totals, decision.totals);
  return { ids: narrowed(ids, place.count, decision.count), place, decision, size, columns, builder };
}

function extendRows(rows: FacetRows, columns: FacetColumns, size: number): FacetRows {
  const builder = rows.builder;
  const added = builder.idsOf(columns, rows.size, size);
  const place = builder.places.done();
  const decision = builder.decisions.done();
  place.totals.set(rows.place.totals);
  decision.totals.set(rows.decision.totals);
  addTotals(added, place.totals, decision.totals);
  const isNarrow = rows.ids instanceof Uint16Array && Math.max(place.count, decision.count) <= 0x10000;
  const ids = isNarrow ? new Uint16Array(size * 2) : new Uint32Array(size * 2);
  ids.set(rows.ids);
  ids.set(added, rows.size * 2);
  return { ids, place, decision, size, columns, builder };
}

function addTotals(ids: Uint32Array, places: Uint32Array, decisions: Uint32Array): void {
  for (let at = 0; at < ids.length; at += 2) {
    count(places, ids[at] ?? 0);
    count(decisions, ids[at + 1] ?? 0);
  }
}

/** `ids` in 16 bits when the combinations are that few. */
function narrowed(ids: Uint32Array, places: number, decisions: number): Uint16Array | Uint32Array {
  return Math.max(places, decisions) <= 0x10000 ? new Uint16Array(ids) : ids;
}

/** Gives the items their place and decision ids, in order, the same ones for the same values. */
class RowBuilder {
  // Id 0 is the combination of zeros in both groups: an ordinal past the columns (no row) reads
  // as id 0, as it reads 0 in every column.
  readonly places = new CombinationTable(PLACE_DIMENSIONS);
  readonly decisions = new CombinationTable(DECISION_DIMENSIONS);
  // Decisions change from item to item: their ids by outcome, KLE group and two flags of 0 or 1
  // in a table (a map lookup each took most of this pass's time).
  private readonly decisionIds = new Int32Array(0x10000 * 4).fill(-1);

  /** The ids of the items from `from` up to `to`, place then decision, two per item. */
  idsOf(columns: FacetColumns, from: number, to: number): Uint32Array {
    const { municipality, committee, year, outcome, kle, deviation, dissent } = columns;
    const ids = new Uint32Array((to - from) * 2);
    const decisionIds = this.decisionIds;
    let placeKey = -1;
    let placeId = 0;
    for (let ordinal = from; ordinal < to; ordinal++) {
      const at = (ordinal - from) * 2;
      // Keys exact in a double: three 16-bit values, four 8-bit ones (the columns' widths).
      const m = municipality[ordinal] ?? 0;
      const c = committee[ordinal] ?? 0;
      const y = year[ordinal] ?? 0;
      const key = (m * 0x10000 + c) * 0x10000 + y;
      // Consecutive ordinals mostly share their place (one meeting's items).
      if (key !== placeKey) {
        placeKey = key;
        placeId = this.places.idOf(key, m, c, y, 0);
      }
      ids[at] = placeId;
      const o = outcome[ordinal] ?? 0;
      const k = kle[ordinal] ?? 0;
      const d = deviation[ordinal] ?? 0;
      const s = dissent[ordinal] ?? 0;
      const decisionKey = ((o * 0x100 + k) * 0x100 + d) * 0x100 + s;
      if (d > 1 || s > 1) {
        ids[at + 1] = this.decisions.idOf(decisionKey, o, k, d, s);
        continue;
      }
      const slot = (((o << 8) | k) << 2) | (d << 1) | s;
      let decisionId = decisionIds[slot] ?? -1;
      if (decisionId < 0) {
        decisionId = this.decisions.idOf(decisionKey, o, k, d, s);
        decisionIds[slot] = decisionId;
      }
      ids[at + 1] = decisionId;
    }
    return ids;
  }
}

/** Assigns ids to the combinations of values of some dimensions, in order of appearance. */
class CombinationTable {
  private readonly ids = new Map<number, number>();
  private readonly values: number[] = [];

  constructor(private readonly dimensions: readonly number[]) {
    this.idOf(0, 0, 0, 0, 0);
  }

  /**
   * The id of the combination of the first `dimensions.length` of the values a–d, whose `key`
   * (an exact double) is the caller's to make unique to them.
   */
  idOf(key: number, a: number, b: number, c: number, d: number): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      this.values.push(...[a, b, c, d].slice(0, this.dimensions.length));
    }
    return id;
  }

  /** The combinations so far, with zeroed totals. */
  done(): Combinations {
    const count = this.ids.size;
    return { dimensions: this.dimensions, values: Uint32Array.from(this.values), count, totals: new Uint32Array(count) };
  }
}

function count(tally: Uint32Array, at: number): void {
  tally[at] = (tally[at] ?? 0) + 1;
}

/**
 * The complement is counted when it is less than an eighth of the hits. Finding it walks the
 * hits and branches at each gap between them: at 993k hits of 997k it took 2.4–3.7 ms where
 * counting the hits took 5, at 579k hits (418k left out) about twice what counting took.
 */
const COMPLEMENT_SHARE = 8;

/**
 * Adds each of `hits` to `tallies` (one per dimension, in FACET_NAMES order) by its values;
 * when nearly all rows are hits, as the totals less the rows that are not. An ordinal
 * past the rows counts as value 0 everywhere, and a value past a tally's end is not counted,
 * as when counting from the columns.
 */
export function tallyRows(rows: FacetRows, hits: Uint32Array, tallies: readonly Uint32Array[]): void {
  const places = new Uint32Array(rows.place.count);
  const decisions = new Uint32Array(rows.decision.count);
  // A search's hits in a postings kernel's memory are counted by its passes (the same counts).
  const candidate = kernelOfOrdinals(hits);
  const kernel = candidate?.canTally(rows.ids, rows.size, places.length + decisions.length) === true ? candidate : null;
  const isComplementShorter = rows.size - hits.length < hits.length / COMPLEMENT_SHARE;
  if (isComplementShorter && (kernel === null ? tallyComplement(rows, hits, places, decisions) : kernel.tally(rows.ids, rows.size, hits, places, decisions, true))) {
    subtractFrom(rows.place.totals, places);
    subtractFrom(rows.decision.totals, decisions);
  } else if (kernel === null) {
    tallyIds(rows.ids, hits, places, decisions);
  } else {
    kernel.tally(rows.ids, rows.size, hits, places, decisions, false);
  }
  splitCombinations(rows.place, places, tallies);
  splitCombinations(rows.decision, decisions, tallies);
}

function tallyIds(ids: Uint16Array | Uint32Array, ordinals: Uint32Array, places: Uint32Array, decisions: Uint32Array): void {
  for (let i = 0; i < ordinals.length; i++) {
    const at = (ordinals[i] ?? 0) * 2;
    count(places, ids[at] ?? 0);
    count(decisions, ids[at + 1] ?? 0);
  }
}

/**
 * Tallies the rows that are not among `hits` (they are fewer): true when it did, false
 * (nothing tallied) unless `hits` are strictly ascending within the rows, the only order the
 * rows left out are read from, which also makes each hit one row.
 */
function tallyComplement(rows: FacetRows, hits: Uint32Array, places: Uint32Array, decisions: Uint32Array): boolean {
  const size = rows.size;
  const others = new Uint32Array(Math.max(0, size - hits.length));
  let next = 0;
  let at = 0;
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i] ?? 0;
    if (hit !== next) {
      if (hit < next || hit >= size) return false;
      do others[at++] = next++;
      while (next < hit);
    }
    next = hit + 1;
  }
  // Hits that ran on past the rows without a gap (the last one at or past them) fail as well.
  if (next > size) return false;
  while (next < size) others[at++] = next++;
  tallyIds(rows.ids, others, places, decisions);
  return true;
}

/** Replaces `others` (counts of the rows that are not hits) by `totals` less them: the hits' counts. */
function subtractFrom(totals: Uint32Array, others: Uint32Array): void {
  for (let id = 0; id < others.length; id++) others[id] = (totals[id] ?? 0) - (others[id] ?? 0);
}

/** Adds the counts per combination to the counts of each of its dimensions' values. */
function splitCombinations(combinations: Combinations, counts: Uint32Array, tallies: readonly Uint32Array[]): void {
  const { dimensions, values } = combinations;
  const width = dimensions.length;
  for (let id = 0; id < combinations.count; id++) {
    const n = counts[id] ?? 0;
    if (n === 0) continue;
    for (let i = 0; i < width; i++) {
      const tally = tallies[dimensions[i] ?? 0];
      const value = values[id * width + i] ?? 0;
      if (tally !== undefined && value < tally.length) tally[value] = (tally[value] ?? 0) + n;
    }
  }
}

/**
 * The hits whose values pass every mask (one per dimension, in FACET_NAMES order; null: nothing
 * selected, every value passes), in order, tallied in every dimension; a hit failing exactly
 * one mask is tallied in that dimension only (its counts ignore its own selection), one
 * failing more nowhere. Hits in a postings kernel's memory are filtered in place (the kept ones
 * at their start), others into a new array.
 */
export function filterRows(rows: FacetRows, hits: Uint32Array, masks: readonly (Uint8Array | null)[], tallies: readonly Uint32Array[]): Uint32Array {
  // Which masks each combination fails, one bit per dimension.
  const placeMisses = combinationMisses(rows.place, masks);
  const decisionMisses = combinationMisses(rows.decision, masks);
  const places = new Uint32Array(rows.place.count);
  const decisions = new Uint32Array(rows.decision.count);
  // Hits failing one mask only, by the combination that fails it.
  const placesMissing = new Uint32Array(rows.place.count);
  const decisionsMissing = new Uint32Array(rows.decision.count);
  const ids = rows.ids;
  // A search's hits in a postings kernel's memory are filtered by its pass (the same hits and counts).
  const kernel = kernelOfOrdinals(hits);
  if (kernel?.canFilter(ids, hits, places.length, decisions.length) === true) {
    const kept = kernel.filter(ids, hits, placeMisses, decisionMisses, { places, decisions, placesMissing, decisionsMissing });
    splitFiltered(rows, { placeMisses, decisionMisses, places, decisions, placesMissing, decisionsMissing }, tallies);
    return kept;
  }
  const kept = new Uint32Array(hits.length);
  let keptCount = 0;
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i] ?? 0;
    const place = ids[hit * 2] ?? 0;
    const decision = ids[hit * 2 + 1] ?? 0;
    const placeMiss = placeMisses[place] ?? 0;
    const decisionMiss = decisionMisses[decision] ?? 0;
    const miss = placeMiss | decisionMiss;
    if (miss === 0) {
      kept[keptCount++] = hit;
      count(places, place);
      count(decisions, decision);
    } else if ((miss & (miss - 1)) === 0) {
      if (decisionMiss === 0) count(placesMissing, place);
      else count(decisionsMissing, decision);
    }
  }
  splitFiltered(rows, { placeMisses, decisionMisses, places, decisions, placesMissing, decisionsMissing }, tallies);
  return keptCount === hits.length ? kept : kept.slice(0, keptCount);
}

interface FilteredCounts {
  placeMisses: Uint8Array;
  decisionMisses: Uint8Array;
  places: Uint32Array;
  decisions: Uint32Array;
  placesMissing: Uint32Array;
  decisionsMissing: Uint32Array;
}

/** Splits filterRows's counts by combination into the dimensions' tallies. */
function splitFiltered(rows: FacetRows, counts: FilteredCounts, tallies: readonly Uint32Array[]): void {
  splitCombinations(rows.place, counts.places, tallies);
  splitCombinations(rows.decision, counts.decisions, tallies);
  splitMissing(rows.place, counts.placeMisses, counts.placesMissing, tallies);
  splitMissing(rows.decision, counts.decisionMisses, counts.decisionsMissing, tallies);
}

function combinationMisses(combinations: Combinations, masks: readonly (Uint8Array | null)[]): Uint8Array {
  const { dimensions, values } = combinations;
  const width = dimensions.length;
  const misses = new Uint8Array(combinations.count);
  for (let id = 0; id < combinations.count; id++) {
    let miss = 0;
    for (let i = 0; i < width; i++) {
      const dimension = dimensions[i] ?? 0;
      const mask = masks[dimension];
      if (mask !== undefined && mask !== null && mask[values[id * width + i] ?? 0] !== 1) miss |= 1 << dimension;
    }
    misses[id] = miss;
  }
  return misses;
}

/** Adds the hits failing one mask only to the counts of that mask's dimension. */
function splitMissing(combinations: Combinations, misses: Uint8Array, counts: Uint32Array, tallies: readonly Uint32Array[]): void {
  const { dimensions, values } = combinations;
  const width = dimensions.length;
  for (let id = 0; id < combinations.count; id++) {
    const n = counts[id] ?? 0;
    if (n === 0) continue;
    const dimension = 31 - Math.clz32(misses[id] ?? 0);
    const i = dimensions.indexOf(dimension);
    const tally = tallies[dimension];
    const value = values[id * width + i] ?? 0;
    if (tally !== undefined && value < tally.length) tally[value] = (tally[value] ?? 0) + n;
  }
}
