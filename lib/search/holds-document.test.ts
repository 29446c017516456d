import { describe, expect, it } from "vitest";
import { buildSearchIndex, holdsDocument } from "./build-index";
import type { SearchDocument } from "./search-document";
import { generateSearchDocuments } from "./synthetic-documents";

/** One edit per field a hit, snippet or facet shows: each must make the indexed copy stale. */
const EDITS: Array<[string, (doc: SearchDocument) => SearchDocument]> = [
  ["url", (doc) => ({ ...doc, url: `${doc.url}-x` })],
  ["title", (doc) => ({ ...doc, title: `${doc.title} (rettet)` })],
  ["number", (doc) => ({ ...doc, number: `${doc.number}a` })],
  ["date", (doc) => ({ ...doc, date: doc.date === "2020-01-01" ? "2020-01-02" : "2020-01-01" })],
  ["outcome", (doc) => ({ ...doc, outcome: doc.outcome === "approved" ? "rejected" : "approved" })],
  ["caseNumber", (doc) => ({ ...doc, caseNumber: doc.caseNumber === null ? "00.00.00-A00-1-24" : null })],
  ["decision", (doc) => ({ ...doc, decision: doc.decision === null ? "Godkendt." : `${doc.decision} Rettet.` })],
  ["a section's text", (doc) => ({ ...doc, sections: doc.sections.map((s, i) => (i === 0 ? { ...s, text: `${s.text} Fortroligt.` } : s)) })],
  ["a section's heading", (doc) => ({ ...doc, sections: doc.sections.map((s, i) => (i === 0 ? { ...s, heading: `${s.heading}!` } : s)) })],
  ["the sections' count", (doc) => ({ ...doc, sections: doc.sections.slice(1) })],
  ["municipality", (doc) => ({ ...doc, municipality: `${doc.municipality} Syd` })],
  ["committee name", (doc) => ({ ...doc, committee: `${doc.committee} II` })],
  ["committee slug", (doc) => ({ ...doc, committeeSlug: `${doc.committeeSlug}-2` })],
  ["KLE group", (doc) => ({ ...doc, kleGroup: doc.kleGroup === "15" ? "27" : "15" })],
];

describe("holdsDocument", () => {
  const docs = generateSearchDocuments(120, 5);
  const index = buildSearchIndex(docs);

  it("holds every document it was built from, whatever its id now", () => {
    expect(docs.length).toBe(120);
    for (const [ordinal, doc] of docs.entries()) expect(holdsDocument(index, ordinal, { ...doc, id: doc.id + 1_000_000 })).toBe(true);
  });

  it("does not hold a document once any shown field changed", () => {
    const withSections = docs.filter((doc) => doc.sections.length > 0);
    expect(withSections.length).toBeGreaterThan(50);
    for (const [field, edit] of EDITS) {
      for (const doc of withSections) {
        expect({ field, id: doc.id, holds: holdsDocument(index, docs.indexOf(doc), edit(doc)) }).toEqual({ field, id: doc.id, holds: false });
      }
    }
  });
});
