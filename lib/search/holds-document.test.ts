import { describe, expect, it } from "vitest";
import { buildSearchIndex, holdsDocument } from "./build-index";
import type { SearchDocument } from "./search-document";
import { itemDate } from "./search-index";
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

describe("an item's date, read from its day facet", () => {
  it("comes back exactly as stored, before 1970 and on a leap day too, and a date that does not exist is refused", () => {
    const dates = ["1969-12-31", "1970-01-01", "2024-02-29", "2099-12-31", "1900-03-01"];
    const docs = generateSearchDocuments(dates.length, 3).map((doc, i) => ({ ...doc, date: dates[i]! }));
    const index = buildSearchIndex(docs);
    expect(dates.map((_, ordinal) => itemDate(index, ordinal))).toEqual(dates);
    expect(dates.map((_, ordinal) => index.facets.year[ordinal])).toEqual([1969, 1970, 2024, 2099, 1900]);
    // Date.parse would read it as 2023-03-01.
    expect(() => buildSearchIndex([{ ...docs[0]!, date: "2023-02-29" }])).toThrow(/Not a YYYY-MM-DD date: 2023-02-29/);
  });
});
