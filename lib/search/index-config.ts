import FlexSearch from "flexsearch";
import type { Document } from "flexsearch";
import { SECTION_KINDS, type SectionKind } from "@/lib/minutes/vocabulary";

/**
 * The one FlexSearch configuration, shared by the index build and the query side. FlexSearch's
 * export carries no configuration, so an index is only importable into a Document created here;
 * bump {@link INDEX_FORMAT_VERSION} whenever anything in this file or the stored layout changes.
 */

/** Written into every export; an export with another format version is refused on load. */
export const INDEX_FORMAT_VERSION = 1;

/** What a searchable field of an agenda item is made from. */
export type SearchFieldName = "title" | "decision" | "meta" | `section_${SectionKind}`;

/** One indexed field and how much a match in it counts toward relevance. */
export interface SearchField {
  name: SearchFieldName;
  weight: number;
}

// Title and decision outweigh the case description (issue 6); "meta" holds the case number,
// committee and municipality, so a typed case number ranks its item first.
const SECTION_WEIGHTS: Readonly<Record<SectionKind, number>> = {
  resume: 1.5,
  sagsfremstilling: 1,
  indstilling: 1.5,
  beslutning: 2,
  fravaerende: 0.5,
  bilag: 0.8,
  oekonomi: 1,
  lovgrundlag: 1,
  hoering: 1,
  tidligere_behandling: 0.8,
  vurdering: 1,
  other: 1,
};

/** Every indexed field, in a fixed order (the export's file names follow it). */
export const SEARCH_FIELDS: readonly SearchField[] = [
  { name: "title", weight: 4 },
  { name: "decision", weight: 3 },
  { name: "meta", weight: 2 },
  ...SECTION_KINDS.map((kind): SearchField => ({ name: `section_${kind}`, weight: SECTION_WEIGHTS[kind] })),
];

/** Field name → weight, for scoring. */
export const FIELD_WEIGHTS: ReadonlyMap<SearchFieldName, number> = new Map(
  SEARCH_FIELDS.map((field) => [field.name, field.weight]),
);

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
      index: SEARCH_FIELDS.map((field) => ({
        field: field.name,
        // Prefix matching on whole words is what finds Danish compounds
        // ("fleksjob" → "fleksjobområdet"); see the memory note in build-index.ts.
        tokenize: "forward" as const,
        encode: splitEncodedTerms,
        resolution: SCORE_RESOLUTION,
        fastupdate: false,
        cache: false,
      })),
    },
  });
}

/** The fields a `felt` restriction searches; null searches every field. */
export function fieldsForRestriction(felt: SectionKind | "titel" | null): readonly SearchFieldName[] {
  if (felt === null) return SEARCH_FIELDS.map((field) => field.name);
  if (felt === "titel") return ["title"];
  // The committee's own decision lives in `decision`; earlier bodies' decisions quoted in the
  // case are sections of kind "beslutning". Both are decisions.
  if (felt === "beslutning") return ["decision", "section_beslutning"];
  return [`section_${felt}`];
}
