import { SCORE_RESOLUTION } from "../index-config";
import { CorruptIndexFileError } from "../section-store";
import { KernelPass, kernelOf, kernelOfColumns, kernelOfPositions } from "./postings-kernel";
import { CODE_RANGE, codeCount, codeSlot, type EncodedList } from "./segment-format";

/**
 * The hot loops of a search, run over a stored field list (segment-format.ts) without
 * decoding it into arrays first. A common word's search adds millions of postings; decoding each
 * into three arrays and reading them back took twice as long at 1M items as adding each posting
 * as it is read (`fleksjob`: 5.3 → 2.7 ms for 340,000 postings; `kommune`: 27 → 11 ms for 2.3
 * million). Damage is checked as {@link decodeFieldList} checks it, with flags rather than a
 * branch per check; a damaged list raises CorruptIndexFileError after its pass, which may have
 * written garbage into the columns (the caller drops the search: match-terms.ts). The loops
 * spell out the same posting reader: behind a shared cursor object with a `next()` method the
 * first term's loop took 1.4× as long (`fleksjob`: 3.8 against 2.7 ms).
 */

/** What a search accumulates one term into, by item ordinal (match-terms.ts). */
export interface TermColumns {
  /** How many of the search's terms each item has matched (0/1 while adding the first). */
  matched: Uint8Array;
  /** The current term's summed gain per item. */
  strength: Float32Array;
  /** The candidates, the first `found` valid; the first term appends to them. */
  candidates: Uint32Array<ArrayBuffer>;
  found: number;
}

/**
 * Adds a list as a search's first term: each posting's item becomes a candidate the first time
 * it is seen (matched 0 → 1, appended at `found`) and `gains[code]` is added to its strength.
 */
export function addFirstList(list: EncodedList, gains: Float64Array, columns: TermColumns): void {
  const { count, at } = readCount(list);
  const { matched, strength } = columns;
  // New candidates are at most the postings and the items (a write at `found` = the index size is dropped).
  const room = Math.min(columns.found + count, matched.length);
  const kernel = kernelOfColumns(strength, matched, columns.candidates, room);
  if (kernel !== undefined && kernel.fits(list.end - at)) {
    const ended = kernel.listPass(KernelPass.first, list.bytes, at, list.end, count, gains, 0, strength, columns.found);
    endPass(ended.end, ended.damage, ended.lastOrdinal);
    columns.found = ended.found;
  } else {
    if (columns.candidates.length < room) columns.candidates = grown(columns.candidates, room);
    columns.found = firstPass(list.bytes, at, list.end, count, gains, matched, strength, columns.candidates, columns.found);
  }
  checkEnd(list, matched.length);
}

function firstPass(bytes: Uint8Array, at: number, end: number, count: number, gains: Float64Array, matched: Uint8Array, strength: Float32Array, candidates: Uint32Array, found: number): number {
  let ordinal = 0;
  let damaged = 0;
  let minGap = 0;
  for (let i = 0; i < count; i++) {
    // A gap and a code of one byte each (most postings of a frequent term) are read inline under
    // one branch; past the list's end it reads on into whatever follows (the pass ends after
    // `count` postings and the position is checked after it).
    let gap = bytes[at] ?? 0x80;
    let code = bytes[at + 1] ?? 0x80;
    if ((gap | code) < 0x80) at += 2;
    else {
      gap = readVarint(bytes, at, end);
      code = readVarint(bytes, varintEnd, end);
      at = varintEnd;
    }
    ordinal += gap;
    // Gaps are at least 1 after the first (-1: a varint past the end), codes valid (slot in
    // range): a negative difference or code flag sets the sign bit, without a branch.
    damaged |= (gap - minGap) | (CODE_DAMAGE[code] ?? -1);
    minGap = 1;
    // No branch on whether the item is new (about every other posting is): it is written at
    // the end of the candidates and kept only when new.
    candidates[found] = ordinal;
    found += 1 - (matched[ordinal] ?? 1);
    matched[ordinal] = 1;
    strength[ordinal] = (strength[ordinal] ?? 0) + (gains[code] ?? 0);
  }
  endPass(at, damaged, ordinal);
  return found;
}

/**
 * Adds a list as a search's first term whose candidates are then read off the matched column
 * (match-terms.ts): each posting's item is marked matched and `gains[code]` added to its
 * strength, without appending it to the candidates.
 */
export function addMarkedList(list: EncodedList, gains: Float64Array, matched: Uint8Array, strength: Float32Array): void {
  const { count, at } = readCount(list);
  const kernel = kernelOfColumns(strength, matched, null, 0);
  if (kernel !== undefined && kernel.fits(list.end - at)) {
    const ended = kernel.listPass(KernelPass.mark, list.bytes, at, list.end, count, gains, 0, strength, 0);
    endPass(ended.end, ended.damage, ended.lastOrdinal);
  } else {
    markPass(list.bytes, at, list.end, count, gains, matched, strength);
  }
  checkEnd(list, matched.length);
}

function markPass(bytes: Uint8Array, at: number, end: number, count: number, gains: Float64Array, matched: Uint8Array, strength: Float32Array): void {
  let ordinal = 0;
  let damaged = 0;
  let minGap = 0;
  for (let i = 0; i < count; i++) {
    // Read and checked as in firstPass.
    let gap = bytes[at] ?? 0x80;
    let code = bytes[at + 1] ?? 0x80;
    if ((gap | code) < 0x80) at += 2;
    else {
      gap = readVarint(bytes, at, end);
      code = readVarint(bytes, varintEnd, end);
      at = varintEnd;
    }
    ordinal += gap;
    damaged |= (gap - minGap) | (CODE_DAMAGE[code] ?? -1);
    minGap = 1;
    matched[ordinal] = 1;
    strength[ordinal] = (strength[ordinal] ?? 0) + (gains[code] ?? 0);
  }
  endPass(at, damaged, ordinal);
}

/**
 * Adds `gains[code]` to the strength of every posting's item, candidate or not: the loop of a
 * term whose items are a good part of the index (match-terms.ts), whose candidates are then read
 * off the strengths (a strength above 0 is a match: every valid code gains more than 0). Without
 * the matched column and its gate, the fewest operations a posting can take.
 */
export function addStrengths(list: EncodedList, gains: Float64Array, strength: Float32Array): void {
  const { count, at } = readCount(list);
  // Columns in a kernel's memory (a search's: match-terms.ts) are added to by its WebAssembly
  // passes, which end them bit for bit as the loops here do (postings-kernel.ts); so in each
  // add* function.
  const kernel = kernelOf(strength);
  if (kernel !== undefined && kernel.fits(list.end - at)) {
    const ended = kernel.strengthPass(list.bytes, at, list.end, count, gains, strength);
    endPass(ended.end, ended.damage, ended.lastOrdinal);
  } else {
    strengthPass(list.bytes, at, list.end, count, gains, strength);
  }
  checkEnd(list, strength.length);
}

function strengthPass(bytes: Uint8Array, at: number, end: number, count: number, gains: Float64Array, strength: Float32Array): void {
  let ordinal = 0;
  let damaged = 0;
  let minGap = 0;
  for (let i = 0; i < count; i++) {
    // Read and checked as in firstPass.
    let gap = bytes[at] ?? 0x80;
    let code = bytes[at + 1] ?? 0x80;
    if ((gap | code) < 0x80) at += 2;
    else {
      gap = readVarint(bytes, at, end);
      code = readVarint(bytes, varintEnd, end);
      at = varintEnd;
    }
    ordinal += gap;
    damaged |= (gap - minGap) | (CODE_DAMAGE[code] ?? -1);
    minGap = 1;
    strength[ordinal] = (strength[ordinal] ?? 0) + (gains[code] ?? 0);
  }
  endPass(at, damaged, ordinal);
}

/**
 * Adds a list as a later term while the candidates are few against the index: an item still a
 * candidate (matched `step` terms or, from another list of this term, `step + 1`) moves to
 * `step + 1` and gains `gains[code]`. The branch on it is rarely taken and so well predicted,
 * and the other items' columns are left alone.
 */
export function addSparseList(list: EncodedList, gains: Float64Array, step: number, columns: TermColumns): void {
  const { count, at } = readCount(list);
  const kernel = kernelOfColumns(columns.strength, columns.matched, null, 0);
  if (kernel !== undefined && kernel.fits(list.end - at)) {
    const ended = kernel.listPass(KernelPass.sparse, list.bytes, at, list.end, count, gains, step, columns.strength, 0);
    endPass(ended.end, ended.damage, ended.lastOrdinal);
  } else {
    sparsePass(list.bytes, at, list.end, count, gains, step, columns.matched, columns.strength);
  }
  checkEnd(list, columns.matched.length);
}

function sparsePass(bytes: Uint8Array, at: number, end: number, count: number, gains: Float64Array, step: number, matched: Uint8Array, strength: Float32Array): void {
  let ordinal = 0;
  let damaged = 0;
  let minGap = 0;
  for (let i = 0; i < count; i++) {
    // Read and checked as in firstPass.
    let gap = bytes[at] ?? 0x80;
    let code = bytes[at + 1] ?? 0x80;
    if ((gap | code) < 0x80) at += 2;
    else {
      gap = readVarint(bytes, at, end);
      code = readVarint(bytes, varintEnd, end);
      at = varintEnd;
    }
    ordinal += gap;
    damaged |= (gap - minGap) | (CODE_DAMAGE[code] ?? -1);
    minGap = 1;
    if ((matched[ordinal] ?? 0) >= step) {
      matched[ordinal] = step + 1;
      strength[ordinal] = (strength[ordinal] ?? 0) + (gains[code] ?? 0);
    }
  }
  endPass(at, damaged, ordinal);
}

// What the last pass ended with, for checkEnd. Module state, as the passes return at most one
// value: a property written after a pass's loop has no type feedback when V8 compiles the loop
// while it runs (on stack), and such compiled code was left at that write on every call, the
// next call's loop starting over in the interpreter (`fleksjob`: 432 such exits in 60 searches,
// its first term's 340,000 postings taking 15 ns each).
/**
 * Lowers each posting's `positions[ordinal]` to `positionByCode[code]`: a word pair's list,
 * whose codes are the pair's first positions in its items (pair-positions.ts), into the
 * positions a phrase check reads (phrase-match.ts). Read and checked as the loops above.
 */
export function lowerPairPositions(list: EncodedList, positionByCode: Uint16Array, positions: Uint16Array): void {
  const { count, at } = readCount(list);
  const kernel = kernelOfPositions(positions);
  if (kernel !== undefined && kernel.fits(list.end - at)) {
    const ended = kernel.pairPass(list.bytes, at, list.end, count, positionByCode, positions);
    endPass(ended.end, ended.damage, ended.lastOrdinal);
  } else {
    pairPass(list.bytes, at, list.end, count, positionByCode, positions);
  }
  checkEnd(list, positions.length);
}

function pairPass(bytes: Uint8Array, at: number, end: number, count: number, positionByCode: Uint16Array, positions: Uint16Array): void {
  let ordinal = 0;
  let damaged = 0;
  let minGap = 0;
  for (let i = 0; i < count; i++) {
    // Read and checked as in firstPass.
    let gap = bytes[at] ?? 0x80;
    let code = bytes[at + 1] ?? 0x80;
    if ((gap | code) < 0x80) at += 2;
    else {
      gap = readVarint(bytes, at, end);
      code = readVarint(bytes, varintEnd, end);
      at = varintEnd;
    }
    ordinal += gap;
    damaged |= (gap - minGap) | (CODE_DAMAGE[code] ?? -1);
    minGap = 1;
    const position = positionByCode[code] ?? 0;
    const current = positions[ordinal] ?? 0;
    positions[ordinal] = position < current ? position : current;
  }
  endPass(at, damaged, ordinal);
}

let passEnd = 0;
let passDamage = 0;
let passLastOrdinal = 0;

function endPass(at: number, damaged: number, lastOrdinal: number): void {
  passEnd = at;
  passDamage = damaged;
  passLastOrdinal = lastOrdinal;
}

/**
 * The gain table of the loops above for one list: by posting code,
 * `bySlot[slot] + repeat × (count − 1)`; 0 for codes whose slot is out of range.
 */
export function gainsByCode(bySlot: Float32Array, repeat: number): Float64Array {
  const gains = new Float64Array(CODE_RANGE);
  for (let code = 0; code < CODE_RANGE; code++) {
    const slot = codeSlot(code);
    gains[code] = slot < SCORE_RESOLUTION ? (bySlot[slot] ?? 0) + repeat * (codeCount(code) - 1) : 0;
  }
  return gains;
}

/** 0 for each valid posting code (counts up to MAX_STORED_COUNT, slots below SCORE_RESOLUTION), -1 for the others. */
const CODE_DAMAGE = Int32Array.from({ length: CODE_RANGE }, (_, code) => (codeSlot(code) < SCORE_RESOLUTION ? 0 : -1));

function readCount({ bytes, start, end, file, position }: EncodedList): { count: number; at: number } {
  const count = readVarint(bytes, start, end);
  // Each posting takes at least two bytes.
  if (count < 1 || count * 2 > end - varintEnd) throw new CorruptIndexFileError(file, `the postings of term ${position} hold a damaged count (${count})`);
  return { count, at: varintEnd };
}

/**
 * Refuses a list whose last pass found damage (a negative flag), ended elsewhere than its end,
 * or reached an ordinal past the index (the last is the largest; a gap too large for the flags
 * takes the ordinal past it).
 */
function checkEnd({ file, position, end }: EncodedList, size: number): void {
  const at = passEnd;
  if (passDamage < 0 || passLastOrdinal >= size) throw new CorruptIndexFileError(file, `the postings of term ${position} hold a damaged posting`);
  if (at !== end) throw new CorruptIndexFileError(file, `the postings of term ${position} end ${end - at} bytes after their last posting`);
}

function grown(candidates: Uint32Array<ArrayBuffer>, length: number): Uint32Array<ArrayBuffer> {
  const larger = new Uint32Array(Math.max(length, candidates.length * 2));
  larger.set(candidates);
  return larger;
}

/** Where the last {@link readVarint} stopped (module state: the hot loops read it right after the call). */
let varintEnd = 0;

/** The varint at `at` (before `end`), or -1 when it runs past `end` or past 2^53; sets {@link varintEnd}. */
function readVarint(bytes: Uint8Array, at: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (at >= end || scale > 2 ** 49) {
      varintEnd = at;
      return -1;
    }
    const byte = bytes[at++] ?? 0;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      varintEnd = at;
      return value;
    }
    scale *= 0x80;
  }
}
