import { randomBytes } from "node:crypto";
import { DECISION_OUTCOMES, type DecisionOutcome } from "@/lib/minutes/vocabulary";
import { encodeForIndex } from "./danish-encoder";
import { createFlexDocument, SEARCH_FIELDS, type FlexRecord } from "./index-config";
import type { SearchDocument } from "./search-document";
import {
  fieldTexts,
  NO_KLE_GROUP,
  type FacetColumns,
  type FacetLabel,
  type SearchIndex,
  type StoredItems,
} from "./search-index";

/**
 * Sorting packs the ordinal into the low 20 bits of a float64 key (see rank-hits.ts), which caps
 * an index at about a million items.
 */
export const MAX_INDEX_SIZE = 1 << 20;

const MS_PER_DAY = 86_400_000;

/**
 * Builds the in-memory search index from open agenda items. The caller passes only items that
 * may be public (closed items never become SearchDocuments).
 *
 * Memory: FlexSearch "forward" stores every prefix of every distinct word per field. Measured on
 * 20,000 synthetic items drawn from the samples' 3,664-word vocabulary (6,750 characters each):
 * the section fields alone take 400 MB of heap with "forward" against 88 MB with "strict" (4.5×);
 * the whole built index holds 909 MB (814 MB after import), 506 MB on disk. That is the price of
 * finding compounds by their first part; see the search report for the alternatives.
 */
export function buildSearchIndex(docs: Iterable<SearchDocument>, version: string = newIndexVersion()): SearchIndex {
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
  const municipalities = new LabelTable();
  const committees = new LabelTable();
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
    items.sections.push(
      doc.sections.map((section) => ({ kind: section.kind, heading: nfc(section.heading), text: nfc(section.text) })),
    );
    municipalityIds.push(municipalities.idOf(doc.municipalitySlug, nfc(doc.municipality)));
    committeeIds.push(committees.idOf(doc.committeeSlug, nfc(doc.committee)));
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
  for (let ordinal = 0; ordinal < size; ordinal++) flex.add(flexRecord(partial, ordinal));

  return { version, size, flex, ...partial, byDateDesc: sortByDateDesc(facets.day) };
}

/** A fresh, sortable, unique index version: "20240319T101500Z-3f9a1c". */
export function newIndexVersion(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
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

function flexRecord(index: Parameters<typeof fieldTexts>[0], ordinal: number): FlexRecord {
  const record: FlexRecord = { id: ordinal };
  for (const field of SEARCH_FIELDS) {
    const terms = fieldTexts(index, ordinal, field.name).flatMap(encodeForIndex);
    if (terms.length > 0) record[field.name] = terms.join(" ");
  }
  return record;
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

class LabelTable {
  readonly labels: FacetLabel[] = [];
  private readonly ids = new Map<string, number>();

  idOf(slug: string, name: string): number {
    let id = this.ids.get(slug);
    if (id === undefined) {
      id = this.labels.length;
      if (id > 0xffff) throw new Error("More than 65,536 distinct facet values");
      this.ids.set(slug, id);
      this.labels.push({ slug, name });
    }
    return id;
  }
}
