import { randomBytes } from "node:crypto";
import { DECISION_OUTCOMES, type DecisionOutcome } from "@/lib/minutes/vocabulary";
import { appendTextTerms } from "./danish-encoder";
import { pairPositionCode } from "./pair-positions";
import {
  createFlexDocument,
  FIELD_BITS,
  FIELD_INDEX,
  INDEXED_FIELDS,
  PAIR_FIELD,
  PAIR_SEPARATOR,
  SEARCH_FIELDS,
  SECTION_KIND_FIELD,
  sectionField,
  sectionKindTerm,
  type FlexRecord,
  type IndexedFieldName,
  type SearchFieldName,
} from "./index-config";
import type { SearchDocument } from "./search-document";
import { dayNumber, fieldTexts, indexedSections, itemDate, itemOutcome, metaTexts, NO_KLE_GROUP, yearOfDay, type CommitteeLabel, type FacetLabel, type IndexBasis, type IndexSegments, type SearchIndex, type StoredSection } from "./search-index";
import { MemorySectionStore, SpillSectionStore, type SectionStore } from "./section-store";
import { Segment } from "./segment/segment";
import { CODE_RANGE } from "./segment/segment-format";
import { StringColumn } from "./string-column";
import { SegmentBuilder } from "./segment/segment-builder";
import { RANGED_MIN_FREQUENCY, TermRanges, type TermRangesOptions } from "./segment/term-ranges";
import { unitGains } from "./match-terms";
import { wordFamilies, wordGainsFingerprint } from "./word-families";
import { emptyDictionary, mergeDictionaries, TermDictionaryBuilder } from "./term-dictionary";
import { TermFrequencyBuilder } from "./term-frequencies";
import { mergeSorted, mergeUrlOrder } from "./url-order";
import { MAX_RANKED_ITEMS } from "./rank-hits";

/** The most items an index holds: as many as rank-hits.ts can order (over 500 million). */
export const MAX_INDEX_SIZE = MAX_RANKED_ITEMS;


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
  sections: SectionStore = new MemorySectionStore(),
  rangeOptions: TermRangesOptions = {},
): SearchIndex {
  const index = emptySearchIndex(version, basis, sections);
  const writer = new DocumentWriter(index);
  for (const doc of docs) writer.store(doc);
  writer.appendColumns();
  const builders = segmentBuilders();
  writer.indexInto(builders);
  index.segments = finishedSegments(index.size, builders.terms.finishInMemory(), builders.pairs.finishInMemory(), rangeOptions);
  return index;
}

/**
 * {@link buildSearchIndex} from documents read as they arrive (readSearchDocuments), none of
 * them held once stored: each is indexed as it is stored, into the same segments. With a
 * {@link SpillSectionStore} the section texts stay out of the heap too (compressed on a worker
 * thread meanwhile), and with `spillDir` the postings (sorted runs merged into the segment files
 * there): what a million items' build needs.
 */
export async function buildSearchIndexFrom(
  docs: AsyncIterable<SearchDocument>,
  version: string,
  basis: IndexBasis,
  sections: SectionStore = new MemorySectionStore(),
  /** Called every 10,000 items stored and every 10,000 indexed (progress output, memory sampling). */
  onProgress: (phase: "stored" | "indexed", count: number) => void = () => {},
  /** A directory for the postings' runs and segment files (the export links them); none: in memory. */
  spillDir?: string,
): Promise<SearchIndex> {
  const index = emptySearchIndex(version, basis, sections);
  const writer = new DocumentWriter(index, onProgress);
  let builders = segmentBuilders(spillDir);
  // Each item is indexed as it is stored, from the texts at hand (reading a spilled item back
  // meant decompressing it again), while a spill store compresses on a worker thread.
  const spill = sections instanceof SpillSectionStore ? sections : null;
  let stored = 0;
  try {
    for await (const doc of docs) {
      const storedSections = writer.store(doc, spill === null);
      const pushed = spill?.pushAsync(storedSections);
      writer.indexLast(builders, doc, storedSections);
      await pushed;
      if (++stored % PROGRESS_EVERY === 0) {
        onProgress("stored", stored);
        onProgress("indexed", stored);
      }
    }
    await spill?.settle();
    writer.appendColumns();
    if (writer.hasRenamedLabels) {
      // A committee or municipality renamed while the build read: its earlier items were indexed
      // under the old name, the stored label is the new one. Index again from what is stored.
      await Promise.all([builders.terms.discard(), builders.pairs.discard()]);
      builders = segmentBuilders(spillDir);
      writer.indexInto(builders);
    }
    index.segments = finishedSegments(index.size, await builders.terms.finish(), await builders.pairs.finish());
  } catch (error) {
    // Whatever failed, the spill file is closed and the postings' runs deleted (the caller removes spillDir).
    await spill?.abandon();
    await Promise.all([builders.terms.discard(), builders.pairs.discard()]);
    throw error;
  }
  return index;
}

/**
 * A full build's segments, with the terms segment's range tables, bounds, word bounds and bitmaps
 * over the fields a search without `felt` reads (passes over its frequent terms' lists), and the
 * pairs segment's bitmaps.
 */
function finishedSegments(size: number, terms: Segment, pairs: Segment, rangeOptions: TermRangesOptions = {}): IndexSegments {
  const words = { gains: wordGainsFingerprint(), families: wordFamilies(terms, size, rangeOptions.rangedMinFrequency ?? RANGED_MIN_FREQUENCY) };
  // The pairs' bitmaps only: no pair is ranked by ranges.
  const pairOptions = { rangeShift: rangeOptions.rangeShift, rangedMinFrequency: Number.MAX_SAFE_INTEGER, bitmapMinShare: rangeOptions.bitmapMinShare ?? PAIR_BITMAP_MIN_SHARE };
  const pairRanges = TermRanges.build(pairs, size, [new Float64Array(CODE_RANGE)], pairOptions);
  return { size, terms, pairs, ranges: TermRanges.build(terms, size, unitGains(), { ...rangeOptions, words }), pairRanges };
}

/**
 * Pairs held by one item in this many or more get a bitmap: at 1M items the pairs of `"tages
 * til efterretning"` (396,631 and 221,167 items), ~80 pairs in all.
 */
const PAIR_BITMAP_MIN_SHARE = 8;

interface SegmentBuilders {
  terms: SegmentBuilder;
  pairs: SegmentBuilder;
}

function segmentBuilders(spillDir?: string): SegmentBuilders {
  return {
    terms: new SegmentBuilder({ fields: INDEXED_FIELDS.length, spillDir }),
    pairs: new SegmentBuilder({ fields: 1, spillDir }),
  };
}

const PROGRESS_EVERY = 10_000;

/** An index of no items, to {@link appendDocuments} to. */
export function emptySearchIndex(version: string, basis: IndexBasis, sections: SectionStore = new MemorySectionStore()): SearchIndex {
  return {
    version,
    basis,
    size: 0,
    liveSize: 0,
    removed: null,
    appliedDeltas: 0,
    segments: { size: 0, terms: Segment.empty(INDEXED_FIELDS.length), pairs: Segment.empty(1), ranges: TermRanges.empty(), pairRanges: TermRanges.empty() },
    flex: createFlexDocument(),
    dictionary: emptyDictionary(),
    pairDictionary: emptyDictionary(),
    frequencies: new Map(),
    items: {
      id: new Int32Array(0),
      url: StringColumn.empty(),
      title: StringColumn.empty(),
      number: StringColumn.empty(),
      caseNumber: StringColumn.empty(),
      decision: StringColumn.empty(),
      sections,
    },
    facets: {
      municipality: new Uint16Array(0),
      committee: new Uint16Array(0),
      year: new Uint16Array(0),
      outcome: new Uint8Array(0),
      kle: new Uint8Array(0),
      deviation: new Uint8Array(0),
      dissent: new Uint8Array(0),
      day: new Int32Array(0),
    },
    municipalities: [],
    committees: [],
    byDateDesc: new Uint32Array(0),
    byUrl: null,
  };
}

/**
 * Adds `docs` to `index` in place as new ordinals (size, size + 1, …) indexed by FlexSearch, as
 * a delta does (index-delta.ts), and returns how many were added. They are stored, and their
 * terms computed, exactly as the full build stores and computes them for its segments
 * ({@link itemTerms}), and a posting scores alike from either (index-postings.ts).
 */
export function appendDocuments(index: SearchIndex, docs: Iterable<SearchDocument>): number {
  const writer = new DocumentWriter(index);
  for (const doc of docs) writer.store(doc);
  const added = writer.appendColumns();
  writer.indexIntoFlex();
  return added;
}

/**
 * Stores documents as new ordinals of an index, then indexes them all at once: into the full
 * build's segments, or into FlexSearch ({@link appendDocuments}).
 */
class DocumentWriter {
  private readonly first: number;
  private readonly municipalities: LabelTable<FacetLabel>;
  private readonly committees: LabelTable<CommitteeLabel>;
  // Typed and grown by doubling: a million items' facet values without a million boxed numbers.
  private readonly ids = new GrowingColumn(Int32Array);
  private readonly days = new GrowingColumn(Int32Array);
  private readonly outcomeIds = new GrowingColumn(Uint8Array);
  private readonly municipalityIds = new GrowingColumn(Uint16Array);
  private readonly committeeIds = new GrowingColumn(Uint16Array);
  private readonly kleGroups = new GrowingColumn(Uint8Array);
  private readonly deviations = new GrowingColumn(Uint8Array);
  private readonly dissents = new GrowingColumn(Uint8Array);

  constructor(
    private readonly target: SearchIndex,
    private readonly onProgress: (phase: "indexed", count: number) => void = () => {},
  ) {
    this.first = target.size;
    this.municipalities = new LabelTable(target.municipalities, (label) => label.slug);
    this.committees = new LabelTable(target.committees, (label) => label.slug);
  }

  /** True once a stored item gave a known committee or municipality another name. */
  get hasRenamedLabels(): boolean {
    return this.municipalities.hasRenamed || this.committees.hasRenamed;
  }

  /**
   * Stores `doc` as the next ordinal and returns its sections as stored; `pushSections` false:
   * the caller pushes them into the section store itself.
   */
  store(doc: SearchDocument, pushSections = true): StoredSection[] {
    const items = this.target.items;
    if (items.url.length >= MAX_INDEX_SIZE) throw new Error(`A search index holds at most ${MAX_INDEX_SIZE} items`);
    if (doc.id !== (doc.id | 0)) throw new Error(`AgendaItem id ${doc.id} is no 32-bit integer`);
    this.ids.push(doc.id);
    items.url.push(doc.url);
    items.title.push(nfc(doc.title));
    items.number.push(doc.number);
    this.days.push(dayNumber(doc.date));
    this.outcomeIds.push(outcomeId(doc.outcome));
    items.caseNumber.push(doc.caseNumber === null ? null : nfc(doc.caseNumber));
    items.decision.push(doc.decision === null ? null : nfc(doc.decision));
    const sections = storedSections(doc);
    if (pushSections) items.sections.push(sections);
    this.municipalityIds.push(this.municipalities.idOf(doc.municipalitySlug, nfc(doc.municipality), () => ({ slug: doc.municipalitySlug, name: nfc(doc.municipality) })));
    this.committeeIds.push(this.committees.idOf(committeeFacetValue(doc.municipalitySlug, doc.committeeSlug), nfc(doc.committee), () => committeeLabel(doc)));
    this.kleGroups.push(parseKleGroup(doc.kleGroup));
    this.deviations.push(doc.departsFromRecommendation ? 1 : 0);
    this.dissents.push(doc.hasDissent ? 1 : 0);
    return sections;
  }

  /**
   * Indexes the item just stored from `doc` into the full build's segment builders, as
   * {@link indexInto} would from the stored item: the same texts, taken from `doc` and its stored
   * `sections` instead of read back (a committee's name as the item gave it; see hasRenamedLabels).
   */
  indexLast(builders: SegmentBuilders, doc: SearchDocument, sections: readonly StoredSection[]): void {
    const items = this.target.items;
    // The URL column grows with each stored item (the id column only in appendColumns).
    const ordinal = items.url.length - 1;
    const stored: StoredTexts = {
      title: items.title.get(ordinal),
      decision: items.decision.get(ordinal),
      caseNumber: items.caseNumber.get(ordinal),
      committee: nfc(doc.committee),
      municipality: nfc(doc.municipality),
      sections,
    };
    addItemTerms(
      builders,
      ordinal,
      termsOfTexts(
        (field) => storedFieldTexts(stored, field),
        () => indexedSections(stored.sections, stored.decision),
      ),
    );
  }

  /** Fills the facet columns and orders of the stored documents; returns how many were added. */
  appendColumns(): number {
    const index = this.target;
    const first = this.first;
    const items = index.items;
    const size = items.url.length;
    const added = size - first;
    if (added === 0) return 0;
    const days = this.days.values();
    items.id = concat(items.id, this.ids.values());
    const facets = index.facets;
    index.facets = {
      municipality: concat(facets.municipality, this.municipalityIds.values()),
      committee: concat(facets.committee, this.committeeIds.values()),
      year: concat(facets.year, Uint16Array.from(days, yearOfDay)),
      outcome: concat(facets.outcome, this.outcomeIds.values()),
      kle: concat(facets.kle, this.kleGroups.values()),
      deviation: concat(facets.deviation, this.deviations.values()),
      dissent: concat(facets.dissent, this.dissents.values()),
      day: concat(facets.day, days),
    };
    index.size = size;
    index.liveSize += added;
    if (index.removed !== null) index.removed = concat(index.removed, new Uint8Array(added));
    const day = index.facets.day;
    const newest = Uint32Array.from({ length: added }, (_, i) => first + i).sort((a, b) => (day[b] ?? 0) - (day[a] ?? 0) || a - b);
    index.byDateDesc = mergeSorted(index.byDateDesc, newest, (a, b) => (day[b] ?? 0) - (day[a] ?? 0) || a - b);
    mergeUrlOrder(index, first);
    return added;
  }

  /** Indexes the stored documents into the full build's segment builders. */
  indexInto(builders: SegmentBuilders): void {
    const index = this.target;
    for (let ordinal = this.first; ordinal < index.size; ordinal++) {
      addItemTerms(builders, ordinal, itemTerms(index, ordinal));
      if ((ordinal - this.first + 1) % PROGRESS_EVERY === 0) this.onProgress("indexed", ordinal - this.first + 1);
    }
  }

  /** Indexes the stored documents into FlexSearch, with their dictionary terms and repeats. */
  indexIntoFlex(): void {
    const index = this.target;
    const dictionary = new TermDictionaryBuilder();
    const pairDictionary = new TermDictionaryBuilder();
    const frequencies = new TermFrequencyBuilder();
    for (let ordinal = this.first; ordinal < index.size; ordinal++) {
      const terms = itemTerms(index, ordinal);
      index.flex.add(flexRecord(terms, ordinal));
      for (const { field, terms: fieldTerms } of terms.fields) {
        const bit = FIELD_BITS.get(field) ?? 0;
        for (const term of fieldTerms) dictionary.add(term, ordinal, bit);
        frequencies.addField(ordinal, FIELD_INDEX.get(field) ?? 0, fieldTerms);
      }
      for (const pair of terms.pairs.keys()) pairDictionary.add(pair, ordinal, 1);
    }
    index.dictionary = mergeDictionaries(index.dictionary, dictionary.build());
    index.pairDictionary = mergeDictionaries(index.pairDictionary, pairDictionary.build());
    frequencies.appendTo(index.frequencies);
  }
}

/** A typed array appended to one value at a time, grown by doubling. */
class GrowingColumn<T extends Uint8Array | Uint16Array | Int32Array> {
  private data: T;
  private length = 0;

  constructor(private readonly type: new (length: number) => T) {
    this.data = new type(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new this.type(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The values pushed, as an array of their own length. */
  values(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** What one item contributes to the index: its encoded terms per field, and its word pairs with their first positions (pair-positions.ts). */
export interface ItemTerms {
  fields: Array<{ field: IndexedFieldName; terms: string[] }>;
  pairs: Map<string, number>;
}

/** The terms an item of `index` is indexed under, recomputed from its stored fields. */
export function itemTerms(index: Parameters<typeof fieldTexts>[0], ordinal: number): ItemTerms {
  const items = index.items;
  return termsOfTexts(
    (field) => fieldTexts(index, ordinal, field),
    () => indexedSections(items.sections.at(ordinal), items.decision.get(ordinal)),
  );
}

function addItemTerms(builders: SegmentBuilders, ordinal: number, terms: ItemTerms): void {
  builders.terms.addItem(
    ordinal,
    terms.fields.map(({ field, terms: fieldTerms }) => ({ field: FIELD_INDEX.get(field) ?? 0, terms: fieldTerms })),
  );
  if (terms.pairs.size > 0) builders.pairs.addCodedItem(ordinal, 0, [...terms.pairs.keys()], Array.from(terms.pairs.values(), pairPositionCode));
}

/** The texts of an item as stored, and its committee's and municipality's names. */
interface StoredTexts {
  title: string;
  decision: string | null;
  caseNumber: string | null;
  committee: string;
  municipality: string;
  sections: readonly StoredSection[];
}

/** The fields indexed from whole texts; "lead" and "body" are indexed section by section. */
type WholeTextField = Exclude<SearchFieldName, "lead" | "body">;

/** fieldTexts (search-index.ts) of an item not yet in an index's columns, by the same rules (metaTexts). */
function storedFieldTexts(item: StoredTexts, field: WholeTextField): string[] {
  switch (field) {
    case "title":
      return [item.title];
    case "decision":
      return item.decision ? [item.decision] : [];
    case "meta":
      return metaTexts(item.caseNumber, item.committee, item.municipality);
  }
}

/**
 * An item's terms per field, its word pairs and their positions, from its whole texts and its
 * indexed sections (`sectionsOf`, read only when needed, in order): "lead" and "body" hold the
 * sections' words by sectionField, {@link SECTION_KIND_FIELD} each of those words again under
 * its section's kind (sectionKindTerm).
 */
function termsOfTexts(textsOf: (field: WholeTextField) => string[], sectionsOf: () => readonly StoredSection[]): ItemTerms {
  const fields: ItemTerms["fields"] = [];
  const pairs = new Map<string, number>();
  const kindTerms: string[] = [];
  let sections: readonly StoredSection[] | null = null;
  let words = 0;
  for (const { name } of SEARCH_FIELDS) {
    const terms: string[] = [];
    // One scan of each text gives its terms, its word pairs and their positions in the item.
    if (name === "lead" || name === "body") {
      sections ??= sectionsOf();
      for (const section of sections) {
        if (sectionField(section.kind) !== name) continue;
        const from = terms.length;
        words = appendTextTerms(section.text, terms, pairs, PAIR_SEPARATOR, words);
        for (let i = from; i < terms.length; i++) kindTerms.push(sectionKindTerm(section.kind, terms[i] ?? ""));
      }
    } else {
      for (const text of textsOf(name)) words = appendTextTerms(text, terms, pairs, PAIR_SEPARATOR, words);
    }
    if (terms.length > 0) fields.push({ field: name, terms });
  }
  if (kindTerms.length > 0) fields.push({ field: SECTION_KIND_FIELD, terms: kindTerms });
  return { fields, pairs };
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
  const sections = items.sections.at(ordinal);
  const expected = storedSections(doc);
  return (
    items.url.get(ordinal) === doc.url &&
    items.title.get(ordinal) === nfc(doc.title) &&
    items.number.get(ordinal) === doc.number &&
    itemDate(index, ordinal) === doc.date &&
    itemOutcome(index, ordinal) === doc.outcome &&
    items.caseNumber.get(ordinal) === (doc.caseNumber === null ? null : nfc(doc.caseNumber)) &&
    items.decision.get(ordinal) === (doc.decision === null ? null : nfc(doc.decision)) &&
    sections.length === expected.length &&
    sections.every((section, i) => section.kind === expected[i]?.kind && section.heading === expected[i].heading && section.text === expected[i].text) &&
    municipality?.slug === doc.municipalitySlug &&
    municipality.name === nfc(doc.municipality) &&
    committee?.slug === committeeFacetValue(doc.municipalitySlug, doc.committeeSlug) &&
    committee.name === nfc(doc.committee) &&
    index.facets.kle[ordinal] === parseKleGroup(doc.kleGroup) &&
    index.facets.deviation[ordinal] === (doc.departsFromRecommendation ? 1 : 0) &&
    index.facets.dissent[ordinal] === (doc.hasDissent ? 1 : 0)
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

/** Index position of an outcome in DECISION_OUTCOMES. */
export function outcomeId(outcome: DecisionOutcome): number {
  const id = DECISION_OUTCOMES.indexOf(outcome);
  if (id < 0) throw new Error(`Unknown decision outcome: ${String(outcome)}`);
  return id;
}

function flexRecord(terms: ItemTerms, ordinal: number): FlexRecord {
  const record: FlexRecord = { id: ordinal };
  for (const { field, terms: fieldTerms } of terms.fields) record[field] = fieldTerms.join(" ");
  if (terms.pairs.size > 0) record[PAIR_FIELD] = [...terms.pairs.keys()].join(" ");
  return record;
}

function concat<T extends Uint8Array | Uint16Array | Int32Array>(a: T, b: T): T {
  const joined = new (a.constructor as new (length: number) => T)(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

function parseKleGroup(kleGroup: string | null): number {
  if (kleGroup === null || !/^\d{2}$/.test(kleGroup)) return NO_KLE_GROUP;
  return Number(kleGroup);
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

/**
 * Facet labels by id, with the id of each key; wraps (and appends to) an index's label list. A
 * key arriving with another name (a renamed committee) takes the new label: the database names
 * every item of a committee alike, so the items still holding the old one are being replaced.
 */
class LabelTable<T extends FacetLabel> {
  private readonly ids = new Map<string, number>();
  /** True once a key arrived with another name than its label's. */
  hasRenamed = false;

  constructor(
    private readonly labels: T[],
    keyOf: (label: T) => string,
  ) {
    labels.forEach((label, id) => this.ids.set(keyOf(label), id));
  }

  idOf(key: string, name: string, create: () => T): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.labels.length;
      if (id > 0xffff) throw new Error("More than 65,536 distinct facet values");
      this.ids.set(key, id);
      this.labels.push(create());
    } else if (this.labels[id]?.name !== name) {
      this.hasRenamed = true;
      this.labels[id] = create();
    }
    return id;
  }
}
