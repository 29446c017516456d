import type { Id } from "flexsearch";
import { scanWords } from "./danish-encoder";
import { FIELD_BITS, FIELD_WEIGHTS, SEARCH_FIELDS, type FieldRestriction } from "./index-config";
import { searchedTexts, type SearchIndex } from "./search-index";
import { expandPrefix } from "./term-dictionary";
import { codeCount, codeField } from "./term-frequencies";
import { fieldStrengths, formStrength, inverseDocumentFrequency, matchStrength } from "./term-score";

/** Items matching the text part of a query, with a relevance score per ordinal. */
export interface TextMatch {
  /** Matching ordinals, in no particular order. */
  ordinals: Uint32Array;
  /** Relevance by ordinal (length = index size); only meaningful for matching ordinals. */
  score: Float32Array;
  /** The highest score among `ordinals` (0 when none). */
  maxScore: number;
}

type Slots = ReadonlyArray<readonly Id[] | null | undefined>;

/**
 * FlexSearch's hits for one whole index term in one field, grouped by score slot (0 = best):
 * the `result` of an unresolved search (FlexSearch's public Resolver), which no `limit` cuts
 * short (issue 6). About 10 µs a call on 2 cores (reading the field's term map directly, as
 * this once did, took 0.1 µs but relied on FlexSearch's private layout).
 */
export function termSlots(index: SearchIndex, term: string, field: string): Slots {
  return index.flex.search(term, { index: field, resolve: false }).result;
}

// Per-item scratch columns reused across queries: at 100k items they were 500 KB of fresh
// allocation per search, the largest a search made. Searches run synchronously, so one set per
// index suffices.
const matchedScratch = new WeakMap<SearchIndex, Uint8Array>();
const scoreScratch = new WeakMap<SearchIndex, Float32Array>();

function matchedColumn(index: SearchIndex): Uint8Array {
  return zeroedColumn(matchedScratch, index, (size) => new Uint8Array(size));
}

/**
 * A zeroed score column for {@link matchAllTerms}: the same buffer on every call for one index,
 * so a later call overwrites the scores an earlier one returned in it.
 */
export function reusableScoreColumn(index: SearchIndex): Float32Array {
  return zeroedColumn(scoreScratch, index, (size) => new Float32Array(size));
}

function zeroedColumn<T extends Uint8Array | Float32Array>(cache: WeakMap<SearchIndex, T>, index: SearchIndex, create: (size: number) => T): T {
  let column = cache.get(index);
  if (column === undefined || column.length !== index.size) {
    column = create(index.size);
    cache.set(index, column);
  } else {
    column.fill(0);
  }
  return column;
}

/** The dictionary terms a query term stands for, and how many items hold any of them (at most). */
interface Expansion {
  terms: string[];
  masks: number[];
  frequency: number;
}

function expand(index: SearchIndex, term: string): Expansion {
  const { dictionary } = index;
  const positions = expandPrefix(dictionary, term);
  let frequency = 0;
  for (const position of positions) frequency += dictionary.documentFrequency[position] ?? 0;
  return {
    terms: positions.map((position) => dictionary.terms[position] ?? ""),
    masks: positions.map((position) => dictionary.fieldMask[position] ?? 0),
    frequency: Math.min(frequency, index.liveSize),
  };
}

/**
 * Ordinals containing every term in at least one of the restriction's fields (AND across terms,
 * OR across fields); a term matches every index term it is a prefix of. Score: per term BM25F
 * over the fields (term-score.ts), FlexSearch's hits giving each field's first occurrence and
 * term-frequencies.ts the repeats, summed over terms. Scores go into `score` (zeroed,
 * one entry per item; see {@link reusableScoreColumn}), a fresh column by default. `typed` gives
 * each term's words as typed (parse-query.ts); an index term equal to one matches fully.
 */
export function matchAllTerms(
  index: SearchIndex,
  terms: readonly string[],
  restriction: FieldRestriction,
  score: Float32Array = new Float32Array(index.size),
  typed: ReadonlyMap<string, readonly string[]> = new Map(),
): TextMatch {
  // Terms this ordinal has matched so far; a term is counted once however many fields match it.
  const matched = matchedColumn(index);
  const expansions = terms.map((term) => expand(index, term));
  // Rarest term first keeps the candidate list short.
  const order = terms.map((_, i) => i).sort((a, b) => (expansions[a]?.frequency ?? 0) - (expansions[b]?.frequency ?? 0));
  const verifier = restriction.sectionKind === null ? null : new SectionVerifier(index, restriction);
  const strengths = fieldStrengths(index.size);
  // Weight by SEARCH_FIELDS position of each searched field whose repeats count, 0 for the others:
  // under a section-kind restriction "lead" and "body" mix kinds, so only their first occurrence counts.
  const repeatWeights = SEARCH_FIELDS.map((field) =>
    restriction.fields.includes(field.name) && (verifier === null || (field.name !== "lead" && field.name !== "body")) ? field.weight : 0,
  );
  let candidates = new Uint32Array(0);
  let count = 0;

  for (let step = 0; step < order.length; step++) {
    const termIndex = order[step] ?? 0;
    const expansion = expansions[termIndex];
    if (expansion === undefined || expansion.frequency === 0) return { ordinals: new Uint32Array(0), score, maxScore: 0 };
    // The rarest term's items holding any expansion bound the candidates.
    if (step === 0) candidates = new Uint32Array(expansion.frequency);
    const idf = inverseDocumentFrequency(index.liveSize, expansion.frequency);
    const next = step + 1;
    verifier?.startTerm(terms[termIndex] ?? "");
    for (const field of restriction.fields) {
      const bit = FIELD_BITS.get(field) ?? 0;
      const weight = FIELD_WEIGHTS.get(field) ?? 1;
      const mustVerify = verifier !== null && (field === "lead" || field === "body");
      for (let e = 0; e < expansion.terms.length; e++) {
        if (((expansion.masks[e] ?? 0) & bit) === 0) continue;
        const indexTerm = expansion.terms[e] ?? "";
        const form = formStrength(terms[termIndex] ?? "", typed.get(terms[termIndex] ?? "") ?? [], indexTerm);
        const slots = termSlots(index, indexTerm, field);
        for (let slot = 0; slot < slots.length; slot++) {
          const ids = slots[slot];
          if (!ids) continue;
          const strength = weight * matchStrength(form, slot);
          for (let i = 0; i < ids.length; i++) {
            const ordinal = ids[i] as number;
            const seen = matched[ordinal] ?? 0;
            if (seen < step) continue;
            if (mustVerify && !verifier.holds(ordinal)) continue;
            if (seen === step) {
              matched[ordinal] = next;
              if (step === 0) {
                if (count === candidates.length) candidates = grow(candidates);
                candidates[count++] = ordinal;
              }
            }
            strengths.add(ordinal, strength);
          }
        }
      }
    }
    addRepeats(index, expansion, terms[termIndex] ?? "", typed.get(terms[termIndex] ?? "") ?? [], repeatWeights, strengths);
    strengths.flushInto(score, idf);
    if (step > 0) count = keepMatched(candidates, count, matched, next);
  }
  let maxScore = 0;
  for (let i = 0; i < count; i++) maxScore = Math.max(maxScore, score[candidates[i] ?? 0] ?? 0);
  return { ordinals: candidates.subarray(0, count), score, maxScore };
}

/**
 * Adds each repeated occurrence of the expansion's index terms (term-frequencies.ts) to the
 * strength of the items that matched the term in that field, weighted by `weights` (by field position).
 */
function addRepeats(
  index: SearchIndex,
  expansion: Expansion,
  queryTerm: string,
  typed: readonly string[],
  weights: readonly number[],
  strengths: ReturnType<typeof fieldStrengths>,
): void {
  for (const indexTerm of expansion.terms) {
    const postings = index.frequencies.get(indexTerm);
    if (postings === undefined) continue;
    const perRepeat = formStrength(queryTerm, typed, indexTerm);
    const { ordinals, codes } = postings;
    for (let i = 0; i < ordinals.length; i++) {
      const ordinal = ordinals[i] ?? 0;
      // Only items that matched this term (in a searched field, as a candidate) have a strength.
      if (!strengths.has(ordinal)) continue;
      const code = codes[i] ?? 0;
      const weight = weights[codeField(code)] ?? 0;
      if (weight > 0) strengths.add(ordinal, weight * perRepeat * (codeCount(code) - 1));
    }
  }
}

/** Compacts the first `count` candidates in place to those that matched `steps` terms; returns the new count. */
function keepMatched(candidates: Uint32Array, count: number, matched: Uint8Array, steps: number): number {
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const ordinal = candidates[i] ?? 0;
    if (matched[ordinal] === steps) candidates[kept++] = ordinal;
  }
  return kept;
}

function grow(candidates: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(Math.max(16, candidates.length * 2));
  grown.set(candidates);
  return grown;
}

/** Ordinals containing `term` (as a prefix of a word) in any field, as a membership mask over the index. */
export function markTerm(index: SearchIndex, term: string, mask: Uint8Array): void {
  const expansion = expand(index, term);
  for (const [field, bit] of FIELD_BITS) {
    for (let e = 0; e < expansion.terms.length; e++) {
      if (((expansion.masks[e] ?? 0) & bit) === 0) continue;
      for (const ids of termSlots(index, expansion.terms[e] ?? "", field)) {
        if (!ids) continue;
        for (const id of ids) mask[id as number] = 1;
      }
    }
  }
}

/**
 * Checks that a "lead"/"body" hit comes from a section of the restricted kind: those fields mix
 * section kinds, so the stored texts of that kind are scanned, once per item and term.
 */
class SectionVerifier {
  private term = "";
  /** Per ordinal: the term generation it was checked for, negative when the check failed. */
  private readonly checked: Int32Array;
  private generation = 0;

  constructor(
    private readonly index: SearchIndex,
    private readonly restriction: FieldRestriction,
  ) {
    this.checked = new Int32Array(index.size);
  }

  startTerm(term: string): void {
    this.term = term;
    this.generation++;
  }

  holds(ordinal: number): boolean {
    const state = this.checked[ordinal] ?? 0;
    if (state === this.generation) return true;
    if (state === -this.generation) return false;
    const kindOnly: FieldRestriction = { fields: ["lead", "body"], sectionKind: this.restriction.sectionKind };
    const holds = searchedTexts(this.index, ordinal, kindOnly).some((text) => textHasWordWithPrefix(text, this.term));
    this.checked[ordinal] = holds ? this.generation : -this.generation;
    return holds;
  }
}

function textHasWordWithPrefix(text: string, term: string): boolean {
  return scanWords(text).some(
    (word) => !word.isStopWord && (word.term.startsWith(term) || word.parts.some((part) => part.startsWith(term))),
  );
}
