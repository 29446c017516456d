import type { Id } from "flexsearch";
import { scanWords } from "./danish-encoder";
import { FIELD_BITS, FIELD_WEIGHTS, SCORE_RESOLUTION, type FieldRestriction, type SearchFieldName } from "./index-config";
import { searchedTexts, type SearchIndex } from "./search-index";
import { expandPrefix } from "./term-dictionary";

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
 * FlexSearch's hits for one whole index term in one field, grouped by score slot (0 = best). Uses
 * the unresolved result so no `limit` can cut it short (issue 6: resolved searches stop at a limit).
 */
export function termSlots(index: SearchIndex, term: string, field: SearchFieldName): Slots {
  return index.flex.search(term, { index: field, resolve: false }).result;
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
    frequency: Math.min(frequency, index.size),
  };
}

/**
 * Ordinals containing every term in at least one of the restriction's fields (AND across terms,
 * OR across fields); a term matches every index term it is a prefix of. Score per term and field:
 * field weight × inverse document frequency × a bonus for an early position in the field
 * (FlexSearch's slot), summed over the matching words.
 */
export function matchAllTerms(index: SearchIndex, terms: readonly string[], restriction: FieldRestriction): TextMatch {
  const score = new Float32Array(index.size);
  // Terms this ordinal has matched so far; a term is counted once however many fields match it.
  const matched = new Uint8Array(index.size);
  const expansions = terms.map((term) => expand(index, term));
  // Rarest term first keeps the candidate list short.
  const order = terms.map((_, i) => i).sort((a, b) => (expansions[a]?.frequency ?? 0) - (expansions[b]?.frequency ?? 0));
  const verifier = restriction.sectionKind === null ? null : new SectionVerifier(index, restriction);
  let candidates: number[] = [];

  for (let step = 0; step < order.length; step++) {
    const termIndex = order[step] ?? 0;
    const expansion = expansions[termIndex];
    if (expansion === undefined || expansion.frequency === 0) return { ordinals: new Uint32Array(0), score, maxScore: 0 };
    const idf = Math.log(1 + index.size / expansion.frequency);
    verifier?.startTerm(terms[termIndex] ?? "");
    for (const field of restriction.fields) {
      const bit = FIELD_BITS.get(field) ?? 0;
      const weight = (FIELD_WEIGHTS.get(field) ?? 1) * idf;
      const mustVerify = verifier !== null && (field === "lead" || field === "body");
      for (let e = 0; e < expansion.terms.length; e++) {
        if (((expansion.masks[e] ?? 0) & bit) === 0) continue;
        const slots = termSlots(index, expansion.terms[e] ?? "", field);
        for (let slot = 0; slot < slots.length; slot++) {
          const ids = slots[slot];
          if (!ids) continue;
          const contribution = weight * (1 + (SCORE_RESOLUTION - slot) / SCORE_RESOLUTION);
          for (const id of ids) {
            const ordinal = id as number;
            const count = matched[ordinal] ?? 0;
            if (count < step) continue;
            if (mustVerify && !verifier.holds(ordinal)) continue;
            if (count === step) {
              matched[ordinal] = step + 1;
              if (step === 0) candidates.push(ordinal);
            }
            score[ordinal] = (score[ordinal] ?? 0) + contribution;
          }
        }
      }
    }
    if (step > 0) candidates = candidates.filter((ordinal) => matched[ordinal] === step + 1);
  }
  let maxScore = 0;
  for (const ordinal of candidates) maxScore = Math.max(maxScore, score[ordinal] ?? 0);
  return { ordinals: Uint32Array.from(candidates), score, maxScore };
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
