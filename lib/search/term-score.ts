import { stemFolded } from "./danish-encoder";
import { SCORE_RESOLUTION, type SearchFieldName } from "./index-config";

/**
 * Relevance of one query term, BM25F: the term's occurrences in an item are summed over its
 * fields into one pseudo term frequency, each occurrence counting its field's weight (a title
 * word as much as 8 words of the case description), 1 for the word as typed, less for another
 * inflection of it and less again for a prefix or compound expansion, a little more for the first
 * occurrence when it stands early in a long field (the case description). That sum is saturated once, as BM25 saturates term frequency, and weighted by the term's
 * inverse document frequency. No length normalization (BM25's b = 0): in the benchmark's corpus
 * the long item that discusses a subject at length lost to short items that mention it once or
 * twice with any b from 0.1 up (bench:relevance, README "Ranking").
 */

/** BM25's k1: how quickly further matches of one term in one field stop adding. */
export const K1 = 1.2;

/** Strength of a match through a prefix or compound expansion ("fleksjobområdet" for "fleksjob"), against 1 for the word as typed. */
export const EXPANSION_STRENGTH = 0.5;

/** Strength of another inflection of the typed word ("ukraine" for "ukrainere": the same stem), against 1 for the word as typed. */
export const INFLECTION_STRENGTH = 0.75;

/**
 * Extra strength of a match at the very start of its field (FlexSearch's score slot 0), falling
 * linearly to none in the last slot, in the fields of {@link POSITION_BONUS_FIELDS}. Below
 * 1 − {@link EXPANSION_STRENGTH}, so an expansion at the start of a field stays weaker than the
 * word itself at its end.
 */
export const POSITION_BONUS = 0.4;

/**
 * The fields where an early first occurrence earns {@link POSITION_BONUS}: the case description,
 * where a text that opens with the word is about it. Not the title or the decision, short texts
 * that name their subject after a framing phrase as often as not ("Orientering om erfaringer fra
 * projekt Fritidspas", "Godkendelse af …", "Udvalget godkender …"), so there the position says
 * nothing of how central the word is, and titles that begin with it passed items titled with it
 * further on (bench:relevance "Fritidspas" 1171st at 1M). Nor `meta` (case number, committee).
 */
export const POSITION_BONUS_FIELDS: ReadonlySet<SearchFieldName> = new Set<SearchFieldName>(["lead", "body"]);

/** BM25's inverse document frequency of a term held by `frequency` of `size` items (always > 0). */
export function inverseDocumentFrequency(size: number, frequency: number): number {
  const held = Math.min(Math.max(frequency, 0), size);
  return Math.log(1 + (size - held + 0.5) / (held + 0.5));
}

/**
 * How fully index term `indexTerm` matches query term `queryTerm`: 1 for a word as typed (one of
 * `typed`, or the query term itself), {@link INFLECTION_STRENGTH} for another inflection of it,
 * {@link EXPANSION_STRENGTH} for a compound or longer word.
 */
export function formStrength(queryTerm: string, typed: readonly string[], indexTerm: string): number {
  if (indexTerm === queryTerm || typed.includes(indexTerm)) return 1;
  return isExactExpansion(queryTerm, indexTerm) ? INFLECTION_STRENGTH : EXPANSION_STRENGTH;
}

/**
 * Strength of the first occurrence of a matched index term of {@link formStrength} `form` in
 * `field`, per unit of the field's weight, at FlexSearch score `slot`.
 */
export function matchStrength(form: number, slot: number, field: SearchFieldName): number {
  if (!POSITION_BONUS_FIELDS.has(field)) return form;
  const lastSlot = SCORE_RESOLUTION - 1;
  const early = Math.max(0, lastSlot - slot) / lastSlot;
  return form * (1 + POSITION_BONUS * early);
}

/** BM25 saturation of a term's summed strength: 1 for one exact match in a field of weight 1, approaching K1 + 1. */
export function saturate(strength: number): number {
  return ((K1 + 1) * strength) / (strength + K1);
}

// Query terms are Snowball stems; an index term is the word itself when it stems to the query term.
const STEM_CACHE_LIMIT = 100_000;
const stemCache = new Map<string, string>();

/**
 * True when index term `indexTerm` is the query term's own word (an inflection of it: "ukrainere"
 * for "ukrainer"), false for a longer word merely starting with it ("ukraineindsatsen" for "ukrain").
 */
export function isExactExpansion(queryTerm: string, indexTerm: string): boolean {
  if (indexTerm === queryTerm) return true;
  let stem = stemCache.get(indexTerm);
  if (stem === undefined) {
    stem = stemFolded(indexTerm);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(indexTerm, stem);
  }
  return stem === queryTerm;
}
