import path from "node:path";
import { readFile } from "node:fs/promises";
import { CorruptIndexFileError } from "../section-store";
import { readArray, writeArray, writeFresh } from "../typed-array-file";
import { postingCode } from "./segment-format";
import type { Segment } from "./segment";
import { roundedUp } from "./float32";

/**
 * Per frequent word of a segment, typed alone as a query word, and per range of ordinals: the
 * most any item of the range gains from the query term it becomes, over every list the search of
 * it adds (its stem's prefix expansions in every field, each with the gains of its form), summed
 * per item and rounded up to float32 (ranked-search.ts ranks by them).
 *
 * Tighter than the sum of the expansions' own bounds (term-ranges.ts): those maxima are reached
 * by different items. At 1M items the 20th best score of `kommune` is reached in 18 of 974
 * ranges by these bounds and in all 974 by the summed ones.
 *
 * The words and the lists' gains are the caller's (word-families.ts): what a search of the word
 * reads. A stem's family is read once for all of its words: each word's bound is the highest of
 * the family's sums without the word typed and, where the word is, those sums plus what typing
 * it adds. Stored as `N-bound-words.json` (the words with their query terms, the gains'
 * fingerprint) and `N-word-bounds.bin` (float32 per word and range, little-endian).
 */

/** One list a word's search reads: a term's list in one field, with the gains the search adds. */
export interface FamilyList {
  position: number;
  field: number;
  gains: Float64Array;
}

/**
 * A query term (a stem) and its frequent words: `lists` are every list a search of the term
 * reads, with the gains of a search in which none of its words was typed; each word's `lists`
 * are its own, with what typing it adds to their gains (as typed, not another inflection).
 */
export interface StemFamily {
  term: string;
  lists: readonly FamilyList[];
  words: ReadonlyArray<{ word: string; lists: readonly FamilyList[] }>;
}

const FORMAT = "referatportalen-word-bounds";
const VERSION = 1;

interface WordsFile {
  format: typeof FORMAT;
  version: number;
  items: number;
  rangeShift: number;
  /** The fingerprint of the gains the lists were summed with (the caller's). */
  gains: string;
  /** [word, query term] per bound, in the order of the bounds file. */
  words: Array<[string, string]>;
}

/** The word bounds of one segment (see the module comment). */
export class WordBounds {
  private readonly byWord = new Map<string, number>();
  readonly ranges: number;

  private constructor(
    private readonly header: WordsFile,
    private readonly bounds: Float32Array,
  ) {
    this.ranges = Math.ceil(header.items / 2 ** header.rangeShift);
    header.words.forEach(([word], i) => this.byWord.set(word, i));
  }

  static empty(rangeShift: number): WordBounds {
    return new WordBounds({ format: FORMAT, version: VERSION, items: 0, rangeShift, gains: "", words: [] }, new Float32Array(0));
  }

  /** The fingerprint of the gains the bounds were summed with. */
  get gains(): string {
    return this.header.gains;
  }

  get items(): number {
    return this.header.items;
  }

  get wordCount(): number {
    return this.header.words.length;
  }

  get byteSize(): number {
    return this.bounds.byteLength;
  }

  /**
   * Sums each stem family's gains per item (and, word by word, what typing the word adds),
   * takes the highest per range and keeps them rounded up to float32; `gains` is the
   * fingerprint of the gains the families carry.
   */
  static build(segment: Segment, items: number, rangeShift: number, gains: string, stems: Iterable<StemFamily>): WordBounds {
    const ranges = Math.ceil(items / 2 ** rangeShift);
    const words: Array<[string, string]> = [];
    const chunks: Float32Array[] = [];
    const summed = new Float64Array(items);
    const typed = new Float64Array(items);
    for (const stem of stems) {
      const family = stem.lists.map((list) => decoded(segment, list, items));
      for (const { ordinals, codes, gains: by } of family) for (let i = 0; i < ordinals.length; i++) summed[ordinals[i] ?? 0]! += by[codes[i] ?? 0] ?? 0;
      const untypedMost = highestByRange(family, summed, ranges, rangeShift);
      for (const { word, lists } of stem.words) {
        const own = lists.map((list) => decoded(segment, list, items));
        for (const { ordinals, codes, gains: by } of own) for (let i = 0; i < ordinals.length; i++) typed[ordinals[i] ?? 0]! += by[codes[i] ?? 0] ?? 0;
        const most = Float64Array.from(untypedMost);
        for (const { ordinals } of own) {
          for (let i = 0; i < ordinals.length; i++) {
            const ordinal = ordinals[i] ?? 0;
            const range = ordinal >>> rangeShift;
            most[range] = Math.max(most[range] ?? 0, (summed[ordinal] ?? 0) + (typed[ordinal] ?? 0));
          }
        }
        for (const { ordinals } of own) for (let i = 0; i < ordinals.length; i++) typed[ordinals[i] ?? 0] = 0;
        words.push([word, stem.term]);
        chunks.push(Float32Array.from(most, (value) => (value > 0 ? roundedUp(value) : 0)));
      }
      for (const { ordinals } of family) for (let i = 0; i < ordinals.length; i++) summed[ordinals[i] ?? 0] = 0;
    }
    const all = new Float32Array(ranges * chunks.length);
    chunks.forEach((chunk, i) => all.set(chunk, i * ranges));
    return new WordBounds({ format: FORMAT, version: VERSION, items, rangeShift, gains, words }, all);
  }

  /**
   * Per range, the bound of the search of `word` typed alone as query term `term`, or null when
   * there is none (a rarer word, or one whose term differs from the one the bounds were made for).
   */
  bound(word: string, term: string): Float32Array | null {
    const at = this.byWord.get(word);
    if (at === undefined || this.header.words[at]?.[1] !== term) return null;
    return this.bounds.subarray(at * this.ranges, (at + 1) * this.ranges);
  }

  async writeTo(dir: string, name: string): Promise<void> {
    const names = files(name);
    await writeArray(path.join(dir, names.bounds), this.bounds);
    await writeFresh(path.join(dir, names.words), `${JSON.stringify(this.header)}\n`);
  }

  /** Opens what {@link writeTo} wrote; a missing, truncated or inconsistent file raises CorruptIndexFileError naming it. */
  static async open(dir: string, name: string): Promise<WordBounds> {
    const names = files(name);
    const header = await readWords(path.join(dir, names.words));
    const ranges = Math.ceil(header.items / 2 ** header.rangeShift);
    const bounds = new Float32Array(await readArray(path.join(dir, names.bounds), 4, header.words.length * ranges));
    return new WordBounds(header, bounds);
  }

  static fileNames(name: string): string[] {
    return Object.values(files(name));
  }
}

function files(name: string) {
  return { words: `${name}-bound-words.json`, bounds: `${name}-word-bounds.bin` };
}

interface DecodedList {
  ordinals: Uint32Array;
  codes: Uint16Array;
  gains: Float64Array;
}

/** One list's postings as ordinals and codes (checked as the segment decodes them), with its gains. */
function decoded(segment: Segment, { position, field, gains }: FamilyList, items: number): DecodedList {
  const postings = segment.postings(position, field);
  if (postings === null) return { ordinals: new Uint32Array(0), codes: new Uint16Array(0), gains };
  const { ordinals, slots, counts } = postings;
  const last = ordinals[ordinals.length - 1] ?? 0;
  if (last >= items) throw new CorruptIndexFileError(segment.postingsFile, `the postings of term ${position} hold ordinal ${last}, past the ${items} items`);
  const codes = new Uint16Array(ordinals.length);
  for (let i = 0; i < codes.length; i++) codes[i] = postingCode(slots[i] ?? 0, counts[i] ?? 1);
  return { ordinals, codes, gains };
}

/** Per range, the highest of `sums` over the items of the lists. */
function highestByRange(lists: readonly DecodedList[], sums: Float64Array, ranges: number, rangeShift: number): Float64Array {
  const most = new Float64Array(ranges);
  for (const { ordinals } of lists) {
    for (let i = 0; i < ordinals.length; i++) {
      const ordinal = ordinals[i] ?? 0;
      const range = ordinal >>> rangeShift;
      most[range] = Math.max(most[range] ?? 0, sums[ordinal] ?? 0);
    }
  }
  return most;
}

async function readWords(file: string): Promise<WordsFile> {
  let header: Partial<WordsFile>;
  try {
    header = JSON.parse(await readFile(file, "utf8")) as Partial<WordsFile>;
  } catch (error) {
    throw new CorruptIndexFileError(file, `does not read as JSON (${(error as Error).message})`);
  }
  const { format, version, items, rangeShift, gains, words } = header ?? {};
  const isCount = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0;
  if (format !== FORMAT || version !== VERSION) throw new CorruptIndexFileError(file, `is not a ${FORMAT} version ${VERSION} file`);
  if (!isCount(items) || !isCount(rangeShift) || rangeShift < 1 || rangeShift > 24) throw new CorruptIndexFileError(file, "holds a damaged count");
  if (typeof gains !== "string") throw new CorruptIndexFileError(file, "names no gains");
  const isPair = (entry: unknown): entry is [string, string] => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string" && typeof entry[1] === "string";
  if (!Array.isArray(words) || !words.every(isPair)) throw new CorruptIndexFileError(file, "holds damaged words");
  return { format, version, items, rangeShift, gains, words };
}
