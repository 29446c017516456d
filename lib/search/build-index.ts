import { randomBytes } from "node:crypto";
import { DECISION_OUTCOMES, type DecisionOutcome } from "@/lib/minutes/vocabulary";
import { encodeForIndex, scanWords } from "./danish-encoder";
import { createFlexDocument, FIELD_BITS, PAIR_FIELD, PAIR_SEPARATOR, SEARCH_FIELDS, type FlexRecord } from "./index-config";
import type { SearchDocument } from "./search-document";
import {
  fieldTexts,
  NO_KLE_GROUP,
  type CommitteeLabel,
  type FacetColumns,
  type FacetLabel,
  type IndexBasis,
  type SearchIndex,
  type StoredItems,
  type StoredSection,
} from "./search-index";
import { MAX_RANKED_ITEMS } from "./rank-hits";
import { TermDictionaryBuilder } from "./term-dictionary";

/** The most items an index holds: as many as rank-hits.ts can order (over 500 million). */
export const MAX_INDEX_SIZE = MAX_RANKED_ITEMS;

const MS_PER_DAY = 86_400_000;

/**
 * Builds the in-memory search index from open agenda items. The caller passes only items that
 * may be public (closed items never become SearchDocuments), and `basis`, what it read them
 * from (without one, every recorded change is checked against the database while it serves).
 *
 * Memory: fields are indexed "strict" (whole folded words) plus a sorted term dictionary for
 * prefix expansion. On 20,000 synthetic items (6,750 characters each) the former "forward"
 * configuration over 15 fields held 909 MB of heap and took 295 s to build.
 */
export function buildSearchIndex(
  docs: Iterable<SearchDocument>,
  version: string = newIndexVersion(),
  basis: IndexBasis = { changeWatermark: 0, readAtMs: Date.now() },
): SearchIndex {
  const items: StoredItems = {
    id: [],
    url: [],
    title: [],
    number: [],
    date: [],
    outcome: [],
    caseNumber: [],
    decision: [],
    sections: [],
  };
  const municipalities = new LabelTable<FacetLabel>();
  const committees = new LabelTable<CommitteeLabel>();
  const municipalityIds: number[] = [];
  const committeeIds: number[] = [];
  const kleGroups: number[] = [];

  for (const doc of docs) {
    if (items.id.length >= MAX_INDEX_SIZE) throw new Error(`A search index holds at most ${MAX_INDEX_SIZE} items`);
    items.id.push(doc.id);
    items.url.push(doc.url);
    items.title.push(nfc(doc.title));
    items.number.push(doc.number);
    items.date.push(doc.date);
    items.outcome.push(doc.outcome);
    items.caseNumber.push(doc.caseNumber === null ? null : nfc(doc.caseNumber));
    items.decision.push(doc.decision === null ? null : nfc(doc.decision));
    items.sections.push(storedSections(doc));
    municipalityIds.push(municipalities.idOf(doc.municipalitySlug, () => ({ slug: doc.municipalitySlug, name: nfc(doc.municipality) })));
    committeeIds.push(committees.idOf(committeeFacetValue(doc.municipalitySlug, doc.committeeSlug), () => committeeLabel(doc)));
    kleGroups.push(parseKleGroup(doc.kleGroup));
  }

  const size = items.id.length;
  const facets: FacetColumns = {
    municipality: Uint16Array.from(municipalityIds),
    committee: Uint16Array.from(committeeIds),
    year: Uint16Array.from(items.date, (date) => Number(date.slice(0, 4))),
    outcome: Uint8Array.from(items.outcome, outcomeId),
    kle: Uint8Array.from(kleGroups),
    day: Int32Array.from(items.date, dayNumber),
  };
  const partial = { items, facets, municipalities: municipalities.labels, committees: committees.labels };
  const flex = createFlexDocument();
  const dictionary = new TermDictionaryBuilder();
  const pairDictionary = new TermDictionaryBuilder();
  for (let ordinal = 0; ordinal < size; ordinal++) flex.add(flexRecord(partial, ordinal, dictionary, pairDictionary));

  return {
    version,
    basis,
    size,
    flex,
    dictionary: dictionary.build(),
    pairDictionary: pairDictionary.build(),
    ...partial,
    byDateDesc: sortByDateDesc(facets.day),
  };
}

/**
 * True when `ordinal` of `index` holds exactly what a build would store for `doc`: every field
 * a hit, a snippet or a facet shows. The AgendaItem id is left out, since a correction gives
 * every item of its meeting a new id.
 */
export function holdsDocument(index: SearchIndex, ordinal: number, doc: SearchDocument): boolean {
  const items = index.items;
  const municipality = index.municipalities[index.facets.municipality[ordinal] ?? -1];
  const committee = index.committees[index.facets.committee[ordinal] ?? -1];
  const sections = items.sections[ordinal] ?? [];
  const expected = storedSections(doc);
  return (
    items.url[ordinal] === doc.url &&
    items.title[ordinal] === nfc(doc.title) &&
    items.number[ordinal] === doc.number &&
    items.date[ordinal] === doc.date &&
    items.outcome[ordinal] === doc.outcome &&
    items.caseNumber[ordinal] === (doc.caseNumber === null ? null : nfc(doc.caseNumber)) &&
    items.decision[ordinal] === (doc.decision === null ? null : nfc(doc.decision)) &&
    sections.length === expected.length &&
    sections.every((section, i) => section.kind === expected[i]?.kind && section.heading === expected[i].heading && section.text === expected[i].text) &&
    municipality?.slug === doc.municipalitySlug &&
    municipality.name === nfc(doc.municipality) &&
    committee?.slug === committeeFacetValue(doc.municipalitySlug, doc.committeeSlug) &&
    committee.name === nfc(doc.committee) &&
    index.facets.kle[ordinal] === parseKleGroup(doc.kleGroup)
  );
}

function storedSections(doc: SearchDocument): StoredSection[] {
  return doc.sections.map((section) => ({ kind: section.kind, heading: nfc(section.heading), text: nfc(section.text) }));
}

/**
 * A fresh, unique index version that sorts by build time to the millisecond:
 * "20240319T101500123Z-3f9a1c" (index-store.ts keeps the newest and deletes older ones).
 */
export function newIndexVersion(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.]/g, "");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

/** Ordinals sorted by day descending, ties by ordinal ascending. */
export function sortByDateDesc(day: Int32Array): Uint32Array {
  const order = Uint32Array.from({ length: day.length }, (_, i) => i);
  return order.sort((a, b) => (day[b] ?? 0) - (day[a] ?? 0) || a - b);
}

/** Index position of an outcome in DECISION_OUTCOMES. */
export function outcomeId(outcome: DecisionOutcome): number {
  const id = DECISION_OUTCOMES.indexOf(outcome);
  if (id < 0) throw new Error(`Unknown decision outcome: ${String(outcome)}`);
  return id;
}

function flexRecord(
  index: Parameters<typeof fieldTexts>[0],
  ordinal: number,
  dictionary: TermDictionaryBuilder,
  pairDictionary: TermDictionaryBuilder,
): FlexRecord {
  const record: FlexRecord = { id: ordinal };
  const pairs = new Set<string>();
  for (const field of SEARCH_FIELDS) {
    const texts = fieldTexts(index, ordinal, field.name);
    const terms = texts.flatMap(encodeForIndex);
    if (terms.length === 0) continue;
    record[field.name] = terms.join(" ");
    const bit = FIELD_BITS.get(field.name) ?? 0;
    for (const term of terms) dictionary.add(term, ordinal, bit);
    for (const text of texts) addWordPairs(text, pairs);
  }
  if (pairs.size > 0) record[PAIR_FIELD] = [...pairs].join(" ");
  for (const pair of pairs) pairDictionary.add(pair, ordinal, 1);
  return record;
}

/** Adjacent non-stop words as phrase-match.ts compares them: whole folded words, codes included. */
function addWordPairs(text: string, pairs: Set<string>): void {
  let previous: string | null = null;
  for (const word of scanWords(text)) {
    if (word.isStopWord) continue;
    if (previous !== null) pairs.add(`${previous}${PAIR_SEPARATOR}${word.term}`);
    previous = word.term;
  }
}

function parseKleGroup(kleGroup: string | null): number {
  if (kleGroup === null || !/^\d{2}$/.test(kleGroup)) return NO_KLE_GROUP;
  return Number(kleGroup);
}

function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  return Math.floor(ms / MS_PER_DAY);
}

function nfc(text: string): string {
  return text.normalize("NFC");
}

/** The `udvalg` facet value of a committee: "vejen/udvalget-for-arbejdsmarked-og-integration". */
function committeeFacetValue(municipalitySlug: string, committeeSlug: string): string {
  return `${municipalitySlug}/${committeeSlug}`;
}

function committeeLabel(doc: SearchDocument): CommitteeLabel {
  const name = nfc(doc.committee);
  const municipality = nfc(doc.municipality).replace(/ Kommune$/, "");
  return {
    slug: committeeFacetValue(doc.municipalitySlug, doc.committeeSlug),
    name,
    committeeSlug: doc.committeeSlug,
    label: `${name} (${municipality})`,
  };
}

class LabelTable<T extends FacetLabel> {
  readonly labels: T[] = [];
  private readonly ids = new Map<string, number>();

  idOf(slug: string, create: () => T): number {
    let id = this.ids.get(slug);
    if (id === undefined) {
      id = this.labels.length;
      if (id > 0xffff) throw new Error("More than 65,536 distinct facet values");
      this.ids.set(slug, id);
      this.labels.push(create());
    }
    return id;
  }
}
