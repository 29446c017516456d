import type { Id } from "flexsearch";
import { FIELD_WEIGHTS, SCORE_RESOLUTION, type SearchFieldName } from "./index-config";
import type { SearchIndex } from "./search-index";

/** Items matching the text part of a query, with a relevance score per ordinal. */
export interface TextMatch {
  /** Matching ordinals, in no particular order. */
  ordinals: Uint32Array;
  /** Relevance by ordinal (length = index size); only meaningful for matching ordinals. */
  score: Float32Array;
  /** The highest score among `ordinals` (0 when none). */
  maxScore: number;
}

/**
 * FlexSearch's hits for one encoded term in one field, grouped by score slot (0 = best). Uses the
 * unresolved result so no `limit` can cut it short (issue 6: resolved searches stop at a limit).
 */
export function termSlots(index: SearchIndex, term: string, field: SearchFieldName): ReadonlyArray<readonly Id[] | null | undefined> {
  return index.flex.search(term, { index: field, resolve: false }).result;
}

/**
 * Ordinals containing every term in at least one of `fields` (AND across terms, OR across
 * fields). Score per term and field: field weight × inverse document frequency × a bonus for an
 * early position in the field (FlexSearch's slot).
 */
export function matchAllTerms(index: SearchIndex, terms: readonly string[], fields: readonly SearchFieldName[]): TextMatch {
  const score = new Float32Array(index.size);
  // Terms this ordinal has matched so far; a term is counted once however many fields match it.
  const matched = new Uint8Array(index.size);
  const slotsByTerm = terms.map((term) => fields.map((field) => ({ field, slots: termSlots(index, term, field) })));
  const frequencies = slotsByTerm.map(estimateDocumentFrequency);
  // Rarest term first keeps the candidate list short.
  const order = terms.map((_, i) => i).sort((a, b) => (frequencies[a] ?? 0) - (frequencies[b] ?? 0));
  let candidates: number[] = [];

  for (let step = 0; step < order.length; step++) {
    const termIndex = order[step] ?? 0;
    const frequency = frequencies[termIndex] ?? 0;
    if (frequency === 0) return { ordinals: new Uint32Array(0), score, maxScore: 0 };
    const idf = Math.log(1 + index.size / frequency);
    for (const { field, slots } of slotsByTerm[termIndex] ?? []) {
      const weight = (FIELD_WEIGHTS.get(field) ?? 1) * idf;
      for (let slot = 0; slot < slots.length; slot++) {
        const ids = slots[slot];
        if (!ids) continue;
        const contribution = weight * (1 + (SCORE_RESOLUTION - slot) / SCORE_RESOLUTION);
        for (const id of ids) {
          const ordinal = id as number;
          const count = matched[ordinal] ?? 0;
          if (count < step) continue;
          if (count === step) {
            matched[ordinal] = step + 1;
            if (step === 0) candidates.push(ordinal);
          }
          score[ordinal] = (score[ordinal] ?? 0) + contribution;
        }
      }
    }
    if (step > 0) candidates = candidates.filter((ordinal) => matched[ordinal] === step + 1);
  }
  let maxScore = 0;
  for (const ordinal of candidates) maxScore = Math.max(maxScore, score[ordinal] ?? 0);
  return { ordinals: Uint32Array.from(candidates), score, maxScore };
}

/** Ordinals containing `term` in any of `fields`, as a membership mask over the index. */
export function markTerm(index: SearchIndex, term: string, fields: readonly SearchFieldName[], mask: Uint8Array): void {
  for (const field of fields) {
    for (const ids of termSlots(index, term, field)) {
      if (!ids) continue;
      for (const id of ids) mask[id as number] = 1;
    }
  }
}

function estimateDocumentFrequency(perField: ReadonlyArray<{ slots: ReadonlyArray<readonly Id[] | null | undefined> }>): number {
  let frequency = 0;
  for (const { slots } of perField) {
    let inField = 0;
    for (const ids of slots) inField += ids?.length ?? 0;
    frequency = Math.max(frequency, inField);
  }
  return frequency;
}
