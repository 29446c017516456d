import FlexSearch from "flexsearch";
import type { Document } from "flexsearch";
import { SECTION_KINDS, type SectionKind } from "@/lib/minutes/vocabulary";

/**
 * The one FlexSearch configuration, shared by the index build and the query side. FlexSearch's
 * export carries no configuration, so an index is only importable into a Document created here;
 * bump {@link INDEX_FORMAT_VERSION} whenever anything in this file or the stored layout changes.
 */

/** Written into every export; an export with another format version is refused on load. */
export const INDEX_FORMAT_VERSION = 17;

/** What a searchable field of an agenda item is made from. */
export type SearchFieldName = "title" | "decision" | "lead" | "body" | "meta";

/** One indexed field and how much a match in it counts toward relevance. */
export interface SearchField {
  name: SearchFieldName;
  weight: number;
}

/**
 * Every indexed field, in a fixed order (the export's file names and the term dictionary's field
 * bits follow it). A weight is what one occurrence counts in BM25F (term-score.ts): a word in the
 * title or decision as much as 8 in the case description (issue 13); "lead" holds the
 * sections that sum a case up (resumé, indstilling, earlier decisions), "body" every other
 * section; "meta" holds the case number, committee and municipality, so a typed case number ranks
 * its item first. Five fields rather than one per section kind: every query word is looked up in
 * every field, and 15 fields made common words cost 15 lookups per expansion.
 */
export const SEARCH_FIELDS: readonly SearchField[] = [
  { name: "title", weight: 8 },
  { name: "decision", weight: 8 },
  { name: "lead", weight: 1.5 },
  { name: "body", weight: 1 },
  { name: "meta", weight: 2 },
];

/**
 * A FlexSearch field outside {@link SEARCH_FIELDS}: every pair of adjacent non-stop words of every
 * searched text, as "first\u0001second". A quoted phrase of two words is answered from it alone;
 * verifying phrases against the stored texts cost 0.7 s for "tages til efterretning" at 100k items.
 */
export const PAIR_FIELD = "pairs";

/** Joins the two words of a {@link PAIR_FIELD} term; never part of a word. */
export const PAIR_SEPARATOR = "\u0001";

/**
 * An indexed field outside {@link SEARCH_FIELDS}: every word of the "lead" and "body" sections
 * again, prefixed with its section's kind ({@link sectionKindTerm}). "lead" and "body" mix kinds,
 * so a search restricted to one kind (`felt=`) reads this field for them instead: before, each
 * hit's stored texts were checked, and a common word restricted to a kind was refused at 1M items.
 */
export const SECTION_KIND_FIELD = "kinds";

/** A field with postings in the terms segment: the searched ones, then {@link SECTION_KIND_FIELD}. */
export type IndexedFieldName = SearchFieldName | typeof SECTION_KIND_FIELD;

/** Every field of the terms segment, in segment order. */
export const INDEXED_FIELDS: readonly IndexedFieldName[] = [...SEARCH_FIELDS.map((field) => field.name), SECTION_KIND_FIELD];

/** Starts every {@link SECTION_KIND_FIELD} term; never part of a word, and sorts before every word. */
const SECTION_KIND_MARK = "\u0002";

/**
 * What a word of a section of `kind` is indexed as in {@link SECTION_KIND_FIELD}: the mark, one
 * letter for the kind, the word. Every term of one kind starting with a prefix lies in one range
 * of the sorted dictionary, as the plain words do.
 */
export function sectionKindTerm(kind: SectionKind, term: string): string {
  return `${SECTION_KIND_MARK}${KIND_LETTERS.get(kind) ?? ""}${term}`;
}

/** True for a term of {@link SECTION_KIND_FIELD} (sectionKindTerm). */
export function isSectionKindTerm(term: string): boolean {
  return term.startsWith(SECTION_KIND_MARK);
}

/** The word a {@link sectionKindTerm} holds. */
export function wordOfSectionKindTerm(term: string): string {
  return term.slice(SECTION_KIND_MARK.length + 1);
}

const KIND_LETTERS: ReadonlyMap<SectionKind, string> = new Map(SECTION_KINDS.map((kind, i) => [kind, String.fromCharCode(0x41 + i)]));

/** Field name → weight, for scoring. */
export const FIELD_WEIGHTS: ReadonlyMap<SearchFieldName, number> = new Map(
  SEARCH_FIELDS.map((field) => [field.name, field.weight]),
);

/** Field name → its position in {@link INDEXED_FIELDS}, the terms segment's field (term-frequencies.ts stores it). */
export const FIELD_INDEX: ReadonlyMap<IndexedFieldName, number> = new Map(INDEXED_FIELDS.map((field, i) => [field, i]));

/** Field name → its bit in the term dictionary's field masks. */
export const FIELD_BITS: ReadonlyMap<IndexedFieldName, number> = new Map(INDEXED_FIELDS.map((field, i) => [field, 1 << i]));

/** Section kinds indexed in the "lead" field; all others go to "body". */
export const LEAD_SECTION_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>(["resume", "indstilling", "beslutning"]);

/** The field a section of the given kind is indexed in. */
export function sectionField(kind: SectionKind): "lead" | "body" {
  return LEAD_SECTION_KINDS.has(kind) ? "lead" : "body";
}

/** FlexSearch's per-term score slots: 0 = the term appears near the start of the field. */
export const SCORE_RESOLUTION = 9;

/**
 * A record as handed to FlexSearch: `id` is the document's ordinal in the index (0..n-1, so it
 * doubles as the position in every facet array); every field holds space-joined encoded terms.
 */
export type FlexRecord = { id: number } & { [field: string]: string | number };

/** The FlexSearch Document type the index uses. */
export type FlexDocument = Document<FlexRecord>;

// Terms arrive already encoded by danish-encoder.ts; FlexSearch must not re-encode them (its
// default encoder folds å→a and collapses "2000" to "20").
const splitEncodedTerms = (text: string): string[] => (text ? text.split(" ") : []);

/** Creates an empty FlexSearch Document with the shared configuration. */
export function createFlexDocument(): FlexDocument {
  return new FlexSearch.Document<FlexRecord>({
    document: {
      id: "id",
      index: [...INDEXED_FIELDS, PAIR_FIELD].map((field) => ({
        field,
        // Whole folded words only. Compounds ("fleksjob" → "fleksjobområdet") are found by
        // expanding a query term over the sorted term dictionary (term-dictionary.ts): "forward"
        // stored every prefix of every word and took 4.5× the memory.
        tokenize: "strict" as const,
        encode: splitEncodedTerms,
        resolution: SCORE_RESOLUTION,
        fastupdate: false,
        cache: false,
      })),
    },
  });
}

/**
 * Where a text search looks: the fields searched and, for a section-kind restriction, the kind a
 * "lead"/"body" match must come from (those fields mix kinds, so for them the search reads
 * {@link SECTION_KIND_FIELD}).
 */
export interface FieldRestriction {
  fields: readonly SearchFieldName[];
  sectionKind: SectionKind | null;
}

const ALL_FIELDS: FieldRestriction = { fields: SEARCH_FIELDS.map((field) => field.name), sectionKind: null };

/** The fields a `felt` restriction searches; null searches every field. */
export function fieldsForRestriction(felt: SectionKind | "titel" | null): FieldRestriction {
  if (felt === null) return ALL_FIELDS;
  if (felt === "titel") return { fields: ["title"], sectionKind: null };
  // The committee's own decision lives in `decision`; earlier bodies' decisions quoted in the
  // case are sections of kind "beslutning". Both are decisions.
  if (felt === "beslutning") return { fields: ["decision", "lead"], sectionKind: "beslutning" };
  return { fields: [sectionField(felt)], sectionKind: felt };
}
