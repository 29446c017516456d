import { endianness } from "node:os";
import { SCORE_RESOLUTION } from "../index-config";
import { MAX_STORED_COUNT } from "../term-frequencies";
import { CorruptIndexFileError } from "../section-store";
import type { FieldPostings, PostingsBuffers } from "./field-postings";
import { VarintReader } from "./varint";

/**
 * The stored layout of a postings segment (segment.ts), written by segment-writer.ts. A segment
 * named `N` is seven files, all little-endian raw arrays:
 *
 * - `N-header.json`: `{ "format": "referatportalen-segment", "version": 1, "fields": F, "terms": T }`.
 * - `N-terms.bin`: the T distinct terms' UTF-8 bytes back to back, sorted by those bytes (= code
 *   point order, so the terms with a prefix lie in one range).
 * - `N-term-offsets.bin`: Uint32 × (T + 1), where each term starts in `N-terms.bin`; the last is its size.
 * - `N-frequency.bin`: Uint32 × T, items holding the term in any field.
 * - `N-fields.bin`: Uint8 × T, bit f set when field f of some item holds the term.
 * - `N-postings-offsets.bin`: Float64 × (T + 1), where each term's block starts in
 *   `N-postings.bin` (Float64: 10M items may pass 4 GB); the last is its size.
 * - `N-postings.bin`: one block per term, in term order. A block is a header, for each field
 *   whose bit is set (field order) the byte length of its list as a varint, then those lists.
 *   A list is its posting count, then per posting the ordinal's gap from the previous one (the
 *   first from 0) and a code `(min(count, 31) − 1) × 16 + slot` (one byte for counts 1–8);
 *   all unsigned LEB128 varints.
 *
 * The header lets a reader of one field of a frequent term skip the other fields' lists.
 */

export const SEGMENT_FORMAT = "referatportalen-segment";
export const SEGMENT_VERSION = 1;

/** Field masks are one byte. */
export const MAX_FIELDS = 8;

/** Codes hold the slot in their low four bits, the count − 1 above them. */
const SLOT_SHIFT = 4;
const SLOT_MASK = (1 << SLOT_SHIFT) - 1;

// Typed arrays are written as the machine holds them; the format says little-endian.
if (endianness() !== "LE") throw new Error("Postings segments are little-endian; this machine is not");

/** The files of segment `name`, relative to its directory. */
export function segmentFiles(name: string) {
  return {
    header: `${name}-header.json`,
    terms: `${name}-terms.bin`,
    termOffsets: `${name}-term-offsets.bin`,
    frequency: `${name}-frequency.bin`,
    fields: `${name}-fields.bin`,
    postingsOffsets: `${name}-postings-offsets.bin`,
    postings: `${name}-postings.bin`,
  };
}

/** What `N-header.json` holds. */
export interface SegmentHeader {
  format: typeof SEGMENT_FORMAT;
  version: number;
  fields: number;
  terms: number;
}

/** The stored code of a posting: its first-occurrence slot and its (capped) count. */
export function postingCode(slot: number, count: number): number {
  return ((Math.min(count, MAX_STORED_COUNT) - 1) << SLOT_SHIFT) | slot;
}

/** The in-memory dictionary of a segment, in the layout of its files. */
export interface SegmentDictionary {
  terms: Buffer;
  termOffsets: Uint32Array;
  documentFrequency: Uint32Array;
  fieldMask: Uint8Array;
  postingsOffsets: Float64Array;
}

/**
 * The list of `field` in a term's block (`block`, read whole or from its start), as byte range
 * [start, end) within `block`, or null when the mask says the field does not hold the term.
 * `file`/`position` name the place for the error on damaged bytes.
 */
export function locateFieldList(block: Uint8Array, blockLength: number, mask: number, field: number, file: string, position: number): [number, number] | null {
  if ((mask & (1 << field)) === 0) return null;
  const reader = new VarintReader(block, 0, Math.min(block.length, blockLength));
  let start = 0;
  let end = 0;
  let listsStart = 0;
  for (let f = 0; f < MAX_FIELDS; f++) {
    if ((mask & (1 << f)) === 0) continue;
    const length = reader.read();
    if (length < 1) throw new CorruptIndexFileError(file, `the postings header of term ${position} is damaged`);
    if (f < field) start += length;
    else if (f === field) end = start + length;
    listsStart += length;
  }
  const headerLength = reader.at;
  if (headerLength + listsStart !== blockLength) {
    throw new CorruptIndexFileError(file, `the postings of term ${position} take ${blockLength} bytes, their header says ${headerLength + listsStart}`);
  }
  return [headerLength + start, headerLength + end];
}

/** One stored field list: bytes [start, end) of `bytes`, and the file and term position its errors name. */
export interface EncodedList {
  bytes: Uint8Array;
  start: number;
  end: number;
  file: string;
  position: number;
}

/**
 * Room for a list of `length` bytes to be read into (a postings kernel's scratch area:
 * postings-kernel.ts), or null to let the segment read it into its own buffer.
 */
export type ListTarget = (length: number) => Uint8Array | null;

/** Posting codes lie in [0, CODE_RANGE): counts 1..MAX_STORED_COUNT above the slot's bits. */
export const CODE_RANGE = MAX_STORED_COUNT << SLOT_SHIFT;

/** The first-occurrence slot a posting code holds (see {@link postingCode}); valid codes give one below SCORE_RESOLUTION. */
export function codeSlot(code: number): number {
  return code & SLOT_MASK;
}

/** The (capped) count a posting code holds. */
export function codeCount(code: number): number {
  return (code >>> SLOT_SHIFT) + 1;
}

/**
 * Decodes one field list (bytes [start, end) of `bytes`) into fresh arrays, or into views of
 * `buffers`; a damaged list raises CorruptIndexFileError.
 */
export function decodeFieldList(bytes: Uint8Array, start: number, end: number, file: string, position: number, buffers?: PostingsBuffers): FieldPostings {
  const reader = new VarintReader(bytes, start, end);
  const corrupt = (reason: string) => new CorruptIndexFileError(file, `the postings of term ${position} ${reason}`);
  const count = reader.read();
  // Each posting takes at least two bytes.
  if (count < 1 || count * 2 > end - reader.at) throw corrupt(`hold a damaged count (${count})`);
  const { ordinals, slots, counts } = buffers === undefined ? { ordinals: new Uint32Array(count), slots: new Uint8Array(count), counts: new Uint8Array(count) } : buffers.take(count);
  let ordinal = 0;
  let at = reader.at;
  for (let i = 0; i < count; i++) {
    // Inline one-byte varints (most gaps of frequent terms, most codes); the reader does the rest.
    let gap = at < end ? (bytes[at] ?? 0) : 0x80;
    if (gap < 0x80) at++;
    else {
      reader.at = at;
      gap = reader.read();
      at = reader.at;
    }
    let code = at < end ? (bytes[at] ?? 0) : 0x80;
    if (code < 0x80) at++;
    else {
      reader.at = at;
      code = reader.read();
      at = reader.at;
    }
    if (gap < 0 || code < 0) throw corrupt("end early");
    if (i > 0 && gap === 0) throw corrupt("repeat an ordinal");
    ordinal += gap;
    const slot = code & SLOT_MASK;
    if (ordinal > 0xffffffff || code >= MAX_STORED_COUNT << SLOT_SHIFT || slot >= SCORE_RESOLUTION) throw corrupt(`hold a damaged posting (${gap}, ${code})`);
    ordinals[i] = ordinal;
    slots[i] = slot;
    counts[i] = (code >>> SLOT_SHIFT) + 1;
  }
  if (at !== end) throw corrupt(`end ${end - at} bytes after their last posting`);
  return { ordinals, slots, counts };
}
