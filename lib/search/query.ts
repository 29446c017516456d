import type { DecisionOutcome } from "@/lib/minutes/vocabulary";
import { FACET_NAMES, filterByFacets, type FacetCount, type FacetName } from "./facet-filter";
import { fieldsForRestriction, type FieldRestriction } from "./index-config";
import { markTermBits, matchAllTerms, reusableCandidateBuffer, reusablePairScratch, reusableScoreColumn, type CandidateSource } from "./match-terms";
import {
  collectHoldingEveryPair,
  compilePhrase,
  containsPhrase,
  hasConsecutivePairs,
  holdsEveryPair,
  keepHoldingEveryPair,
  markTwoWordPhrase,
  phrasePairs,
  singleMiddleMask,
  type PhrasePairs,
} from "./phrase-match";
import { parseQuery, type QueryPlan } from "./parse-query";
import { rankTopHits } from "./rank-hits";
import { boundsFallOff, matchRanged, MAX_RANGED_PAGE_END, planRangedSearch, rangesPrune, rankRanged, writeHits } from "./ranked-search";
import { kernelOfMemory } from "./segment/postings-kernel";
import { withoutSetBits } from "./bit-columns";
import { withoutListed } from "./sorted-ordinals";
import { itemDate, itemOutcome, type SearchIndex } from "./search-index";
import { isEmptySearch, type SearchParams } from "./search-params";
import { buildSnippet, type SnippetRun } from "./snippet";

/** Hits per page. */
export const PAGE_SIZE = 20;

/** One result row, as the page and `GET /api/search` show it. */
export interface SearchHit {
  url: string;
  title: string;
  municipality: string;
  municipalitySlug: string;
  committee: string;
  committeeSlug: string;
  /** YYYY-MM-DD */
  date: string;
  /** Item number as printed. */
  number: string;
  outcome: DecisionOutcome;
  /** The best matching passage as plain-text runs, the matched words marked; never HTML. */
  snippet: SnippetRun[];
}

/** The answer to one search. */
export interface SearchResult {
  /** Hits across all pages. */
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  /** Counts for the current query; each facet's counts ignore that facet's own selection. */
  facets: Record<FacetName, FacetCount[]>;
  /** True when nothing was asked (no text, no filters): show the empty state, not "0 results". */
  isEmpty: boolean;
}

/**
 * Searches the index. Text words are ANDed (each as a prefix, across all searched fields),
 * "phrases" are verified against the stored text, `-word` excludes; facets are ANDed across and
 * ORed within; `felt` restricts the text search to one section kind or the title. Without text
 * but with filters it browses, newest first. A page past the end returns no hits and the total.
 * Pages hold {@link PAGE_SIZE} hits unless `pageSize` says otherwise (exports and feeds). An
 * empty search finds nothing (the page shows examples) unless `emptyMeansAll` (a feed of
 * everything new). Ordinals marked in `withheld` are never found, counted or quoted (items the
 * database no longer publishes as indexed; see withheld-items.ts), nor are those a delta removed.
 * A phrase restricted to some fields whose candidates' texts would take more than
 * `maxSectionChecks` checks raises {@link SearchTooBroadError}. Without `useRanges` every text
 * search takes the plain path (match-terms.ts), never ranked-search.ts's (tests compare the two).
 */
export function searchItems(
  index: SearchIndex,
  params: SearchParams,
  pageSize: number = PAGE_SIZE,
  emptyMeansAll = false,
  withheld: Uint8Array | null = null,
  maxSectionChecks = MAX_SECTION_CHECKS,
  useRanges = true,
): SearchResult {
  if (isEmptySearch(params) && !emptyMeansAll) return emptyResult(params.side, pageSize, true);
  const fields = fieldsForRestriction(params.felt);
  const plan = parseQuery(params.q);
  const isBrowse = plan.required.length === 0;
  // Text that reduced to nothing (only stop words) matches nothing rather than everything.
  if (isBrowse && params.q.trim() !== "" && plan.excluded.length === 0) return emptyResult(params.side, pageSize, false);

  const pageStart = (params.side - 1) * pageSize;
  const pageEnd = pageStart + pageSize;
  // Common words without phrases, ranked by relevance for a page near the start: from the range tables (ranked-search.ts).
  const isRangeable = useRanges && !isBrowse && plan.phrases.length === 0 && params.sort === "relevans" && pageEnd <= MAX_RANGED_PAGE_END;
  const isFiltered = FACET_NAMES.some((name) => params[name].length > 0);
  const planned = isRangeable ? planRangedSearch(index, plan.required, fields, plan.typed, isFiltered) : null;
  let ranged = planned !== null && boundsFallOff(planned) ? planned : null;
  // Excluded words are marked first: a ranged search then ranks and prunes only the hits left.
  const excluded = excludedItems(index, plan);
  let rangedHits = ranged === null ? null : matchRanged(ranged, excluded.bits);
  const isExclusionMarked = rangedHits !== null;
  // The items holding the first phrase's word pairs are the only ones its terms can match in;
  // a ranged search's hits when its ranges' bounds would not prune.
  let within: CandidateSource | undefined;
  if (ranged !== null && !rangesPrune(ranged, pageEnd)) {
    const known = ranged;
    within = (candidates) => writeHits(known, candidates);
    ranged = null;
    rangedHits = null;
  }
  let leading: PhrasePairs | null = null;
  if (!isBrowse && within === undefined) {
    const phraseHolders = twoWordPhraseHolders(index, plan);
    if (phraseHolders !== null) {
      within = phraseHolders;
      leading = NO_PAIRS;
    } else {
      const pairs = leadingPairs(index, plan);
      if (pairs !== null) within = (candidates) => collectHoldingEveryPair(pairs, candidates);
      leading = pairs;
    }
  }
  // The reused score column lives until the next search; exclusions below score into their own.
  const textMatch = isBrowse || ranged !== null ? null : matchAllTerms(index, plan.required, fields, reusableScoreColumn(index), plan.typed, within);
  // The candidates are this search's own (a match's, or browsing's copy): every step below drops
  // hits in place, and the facet filter runs in the postings kernel when they lie in its memory.
  const matched = rangedHits ?? textMatch?.ordinals ?? null;
  let candidates = matched ?? browseCandidates(index);
  const removed = index.removed;
  if (removed !== null && matched !== null) {
    // A match's ordinals ascend (match-terms.ts, ranked-search.ts): fewer removed items than hits
    // (a few dozen a day between compactions) are looked up in them, rather than every hit in the mask.
    const listed = removedOrdinals(index, removed);
    candidates = listed.length < candidates.length ? withoutListed(candidates, listed) : withoutMarked(candidates, removed);
  }
  if (withheld !== null) candidates = withoutMarked(candidates, withheld);
  candidates = applyPhrases(index, candidates, plan, fields, maxSectionChecks, leading);
  candidates = applyExclusions(index, candidates, excluded, isExclusionMarked);

  const faceted = filterByFacets(index, candidates, params);
  // Only the hits up to the end of the page are ordered; the rest only count.
  const ordered =
    ranged !== null
      ? rankRanged(ranged, faceted.ordinals, pageEnd)
      : textMatch === null
        ? faceted.ordinals
        : rankTopHits(faceted.ordinals, textMatch.score, textMatch.maxScore, index.facets.day, params.sort, pageEnd, textMatch.toScore);
  const pageOrdinals = ordered.subarray(pageStart, pageEnd);
  const highlightTerms = plan.required;
  return {
    total: faceted.ordinals.length,
    page: params.side,
    pageSize,
    hits: Array.from(pageOrdinals, (ordinal) => toHit(index, ordinal, highlightTerms, fields)),
    facets: faceted.facets,
    isEmpty: false,
  };
}

/**
 * Most items a phrase search restricted to some fields (`felt`) may check against their stored
 * texts. Each check decompresses and scans an item's sections (20–150 µs at 1M items), so a
 * common phrase restricted to a section kind would hold a core for seconds; past this many
 * checks (~0.5–3 s) the search stops with {@link SearchTooBroadError} instead.
 */
export const MAX_SECTION_CHECKS = 20_000;

/** A phrase search restricted to some fields that would check more items' texts than {@link MAX_SECTION_CHECKS}. */
export class SearchTooBroadError extends Error {
  constructor(readonly checks: number) {
    super(`A phrase search restricted to some fields would check more than ${checks} items' texts`);
    this.name = "SearchTooBroadError";
  }
}

/**
 * Candidates of a longer phrase left unsure by the pairs' positions past this many are first
 * checked in the postings (singleMiddleMask, a pass over the middle terms' postings) before any
 * text is read.
 */
const SURE_PHRASE_MIN_CANDIDATES = 1_000;

/**
 * The items holding the query's first phrase, as a candidate source, when it has two words and
 * every pair of the segment it expands to has a bitmap (phrase-match.ts markTwoWordPhrase; marked
 * in a bit column of the index's postings kernel); else null. Its pairs then need no positions:
 * for two words, holding a pair is holding the phrase.
 */
function twoWordPhraseHolders(index: SearchIndex, plan: QueryPlan): CandidateSource | null {
  const terms = plan.phrases[0];
  if (terms === undefined || terms.length !== 2) return null;
  // The candidate buffer lies in the index's postings kernel, whose bit column takes the holders.
  const kernel = kernelOfMemory(reusableCandidateBuffer(index));
  if (kernel === undefined) return null;
  const bits = kernel.bitColumns[0].fill(0);
  if (!markTwoWordPhrase(index, terms[0] ?? "", terms[1] ?? "", bits, kernel)) return null;
  return (buffer) => kernel.collectBits(bits, buffer);
}

// The first phrase's pairs when its items came from its pairs' bitmaps: none to check again.
const NO_PAIRS: PhrasePairs = [];

/**
 * The word pairs of the query's first phrase, in the index's pair columns (match-terms.ts
 * reusablePairScratch), when it has no more pairs than there are columns (a phrase of up to
 * three words); else null. A common phrase's pairs are held by half the index ("tages til
 * efterretning": 517,000 of 1M items): its terms are then matched among those items alone,
 * rather than each over the whole index and the pairs checked afterwards.
 */
function leadingPairs(index: SearchIndex, plan: QueryPlan): PhrasePairs | null {
  const terms = plan.phrases[0];
  const { columns, readInto } = reusablePairScratch(index);
  if (terms === undefined || terms.length - 1 > columns.length) return null;
  return phrasePairs(index, terms, columns, readInto);
}

/**
 * Keeps the candidates holding every phrase (`leading`: the first phrase's pairs, whose items
 * the candidates are already among).
 */
function applyPhrases(
  index: SearchIndex,
  candidates: Uint32Array,
  plan: QueryPlan,
  fields: FieldRestriction,
  maxSectionChecks: number,
  leading: PhrasePairs | null,
): Uint32Array {
  if (plan.phrases.length === 0) return candidates;
  const isAllFields = fields.sectionKind === null && fields.fields.length === fieldsForRestriction(null).fields.length;
  for (const [p, terms] of plan.phrases.entries()) {
    const isLeading = p === 0 && leading !== null;
    const pairs = isLeading ? leading : phrasePairs(index, terms);
    // In place: a search's hits in its postings kernel's memory are counted and ranked there (postings-kernel.ts).
    if (!isLeading) candidates = keepHoldingEveryPair(candidates, pairs, candidates);
    // The pair index answers a two-word phrase over all fields exactly; anything else is verified
    // against the stored text (decompressing it: ~20 µs an item), unless the postings make it sure.
    if (terms.length > 2 || !isAllFields) {
      // The pairs' positions span all fields: they make a phrase sure somewhere, never in a given
      // field, so under a restriction every candidate's text is read.
      if (!isAllFields && candidates.length > maxSectionChecks) throw new SearchTooBroadError(maxSectionChecks);
      const phrase = compilePhrase(terms);
      const canBeSure = isAllFields && terms.length > 2;
      let unsure = candidates.length;
      if (canBeSure) for (const ordinal of candidates) unsure -= hasConsecutivePairs(pairs, ordinal) ? 1 : 0;
      const certain = canBeSure && unsure > SURE_PHRASE_MIN_CANDIDATES ? singleMiddleMask(index, terms) : null;
      candidates = filterOrdinals(candidates, (ordinal) => (canBeSure && hasConsecutivePairs(pairs, ordinal)) || certain?.[ordinal] === 1 || containsPhrase(index, ordinal, phrase, fields));
    }
  }
  return candidates;
}

/** What a search excludes: a bit per item holding an excluded word or a two-word phrase found from bitmaps, or null; the other phrases. */
interface Excluded {
  bits: Uint32Array | null;
  phrases: Array<readonly string[]>;
}

/**
 * Marks the items holding an excluded word (match-terms.ts markTermBits, from its expansions'
 * bitmaps where they have them) or a two-word phrase whose pairs have bitmaps (phrase-match.ts
 * markTwoWordPhrase) in one bit column over the index; other excluded phrases are listed.
 */
function excludedItems(index: SearchIndex, plan: QueryPlan): Excluded {
  if (plan.excluded.length === 0) return { bits: null, phrases: [] };
  const bits = new Uint32Array(Math.ceil(index.size / 32));
  const phrases: Array<readonly string[]> = [];
  for (const terms of plan.excluded) {
    if (terms.length === 1) markTermBits(index, terms[0] ?? "", bits);
    else if (terms.length !== 2 || !markTwoWordPhrase(index, terms[0] ?? "", terms[1] ?? "", bits)) phrases.push(terms);
  }
  return { bits, phrases };
}

/**
 * Drops the candidates holding what the search excludes: those marked in its bits in one pass
 * (unless `bitsApplied`: a ranged search's hits left them out), then those holding another
 * phrase, looked up per candidate in its pairs' positions and in the text when those leave it
 * unsure. In place.
 */
function applyExclusions(index: SearchIndex, candidates: Uint32Array, excluded: Excluded, bitsApplied: boolean): Uint32Array {
  let kept = excluded.bits === null || bitsApplied ? candidates : withoutSetBits(candidates, excluded.bits);
  const allFields = fieldsForRestriction(null);
  for (const terms of excluded.phrases) {
    const phrase = compilePhrase(terms);
    const pairs = phrasePairs(index, terms);
    // An item holding every pair holds every term; two terms are then the phrase.
    const holdsPhrase = (ordinal: number) =>
      holdsEveryPair(pairs, ordinal) && (terms.length === 2 || hasConsecutivePairs(pairs, ordinal) || containsPhrase(index, ordinal, phrase, allFields));
    kept = filterOrdinals(kept, (ordinal) => !holdsPhrase(ordinal));
  }
  return kept;
}

function toHit(index: SearchIndex, ordinal: number, terms: readonly string[], fields: FieldRestriction): SearchHit {
  const items = index.items;
  const municipality = index.municipalities[index.facets.municipality[ordinal] ?? 0];
  const committee = index.committees[index.facets.committee[ordinal] ?? 0];
  return {
    url: items.url.get(ordinal),
    title: items.title.get(ordinal),
    municipality: municipality?.name ?? "",
    municipalitySlug: municipality?.slug ?? "",
    committee: committee?.name ?? "",
    committeeSlug: committee?.committeeSlug ?? "",
    date: itemDate(index, ordinal),
    number: items.number.get(ordinal),
    outcome: itemOutcome(index, ordinal),
    snippet: buildSnippet(index, ordinal, terms, fields),
  };
}

function emptyResult(page: number, pageSize: number, isEmpty: boolean): SearchResult {
  return { total: 0, page, pageSize, hits: [], facets: { kommune: [], udvalg: [], aar: [], udfald: [], emne: [], afvigelse: [], dissens: [] }, isEmpty };
}

/**
 * The ordinals not marked (1) in `mask`, in order, in place: one pass without a branch on the
 * mask (it marks few, but a closure per ordinal as in {@link filterOrdinals} cost ~5 ns each,
 * 5 ms over a common word's million hits). The ordinals themselves when none is marked.
 */
function withoutMarked(ordinals: Uint32Array, mask: Uint8Array): Uint32Array {
  // Marked hits are rare (withheld items): count them first, and drop them only when any is.
  let marked = 0;
  for (let i = 0; i < ordinals.length; i++) marked += mask[ordinals[i] ?? 0] === 1 ? 1 : 0;
  if (marked === 0) return ordinals;
  let count = 0;
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    // Written at `count` (never past `i`) and kept only when unmarked.
    ordinals[count] = ordinal;
    count += 1 - (mask[ordinal] === 1 ? 1 : 0);
  }
  return ordinals.subarray(0, count);
}

/**
 * Browsing's candidates: every item by date, newest first, but those a delta removed, copied into
 * the index's candidate buffer (its postings kernel's memory), where the facet filter runs in the
 * kernel and the later steps drop items in place. The order without the removed items is kept
 * per index state: dropping them from a million items took 4.4 ms a browse.
 */
function browseCandidates(index: SearchIndex): Uint32Array {
  const live = liveByDate(index);
  const buffer = reusableCandidateBuffer(index);
  buffer.set(live);
  return buffer.subarray(0, live.length);
}

/** The index's date order without the items a delta removed, by index: recomputed when a delta removes more. */
const liveOrders = new WeakMap<SearchIndex, { removed: Uint8Array; appliedDeltas: number; ordinals: Uint32Array }>();

function liveByDate(index: SearchIndex): Uint32Array {
  const removed = index.removed;
  if (removed === null) return index.byDateDesc;
  const cached = liveOrders.get(index);
  if (cached !== undefined && cached.removed === removed && cached.appliedDeltas === index.appliedDeltas) return cached.ordinals;
  const ordinals = withoutMarked(index.byDateDesc.slice(), removed);
  liveOrders.set(index, { removed, appliedDeltas: index.appliedDeltas, ordinals });
  return ordinals;
}

/** The ordinals `removed` marks, ascending, by index: recomputed when a delta removes more (applyIndexDelta counts them in appliedDeltas). */
const removedLists = new WeakMap<SearchIndex, { removed: Uint8Array; appliedDeltas: number; ordinals: Uint32Array }>();

function removedOrdinals(index: SearchIndex, removed: Uint8Array): Uint32Array {
  const cached = removedLists.get(index);
  if (cached !== undefined && cached.removed === removed && cached.appliedDeltas === index.appliedDeltas) return cached.ordinals;
  const ordinals: number[] = [];
  for (let ordinal = 0; ordinal < removed.length; ordinal++) if (removed[ordinal] === 1) ordinals.push(ordinal);
  const listed = Uint32Array.from(ordinals);
  removedLists.set(index, { removed, appliedDeltas: index.appliedDeltas, ordinals: listed });
  return listed;
}

/**
 * The `ordinals` that `keep` keeps, in order, in place (each is written at or before where it was
 * read, so hits in a postings kernel's memory stay there for the facet and ranking passes). A
 * plain loop: TypedArray.prototype.filter took 190 ms over a million hits (it gathers into a
 * JavaScript array first), this a few.
 */
function filterOrdinals(ordinals: Uint32Array, keep: (ordinal: number) => boolean): Uint32Array {
  let count = 0;
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    if (keep(ordinal)) ordinals[count++] = ordinal;
  }
  return ordinals.subarray(0, count);
}
