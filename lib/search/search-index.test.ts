import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { fieldsForRestriction } from "./index-config";
import { someSearchedText, searchedTexts } from "./search-index";
import { testDocument } from "./test-documents";

// Resumé and indstilling go to "lead", sagsfremstilling and bilag to "body"; the beslutning
// section repeating the committee's decision is indexed once, as `decision`.
const document = testDocument(1, {
  title: "Titel",
  decision: "Udvalget godkender",
  caseNumber: "00.01.02",
  sections: [
    { kind: "resume", heading: "Resumé", text: "Kort resumé" },
    { kind: "sagsfremstilling", heading: "Sagsfremstilling", text: "Lang sagsfremstilling" },
    { kind: "indstilling", heading: "Indstilling", text: "Forvaltningen indstiller" },
    { kind: "beslutning", heading: "Beslutning", text: "Udvalget godkender" },
    { kind: "beslutning", heading: "Beslutning (tidligere)", text: "Økonomiudvalget anbefalede" },
    { kind: "bilag", heading: "Bilag", text: "Bilag 1" },
  ],
});

describe("searchedTexts", () => {
  it("gives each restriction's texts field by field, the committee's decision once", () => {
    const index = buildSearchIndex([document]);
    expect(searchedTexts(index, 0, fieldsForRestriction(null))).toEqual([
      "Titel",
      "Udvalget godkender",
      "Kort resumé",
      "Forvaltningen indstiller",
      "Økonomiudvalget anbefalede",
      "Lang sagsfremstilling",
      "Bilag 1",
      "00.01.02",
      "Byrådet",
      "Vejen Kommune",
    ]);
    expect(searchedTexts(index, 0, fieldsForRestriction("beslutning"))).toEqual(["Udvalget godkender", "Økonomiudvalget anbefalede"]);
    expect(searchedTexts(index, 0, fieldsForRestriction("sagsfremstilling"))).toEqual(["Lang sagsfremstilling"]);
    expect(searchedTexts(index, 0, fieldsForRestriction("titel"))).toEqual(["Titel"]);
  });

  it("decompresses an item's sections once when both lead and body are searched", () => {
    const index = buildSearchIndex([document]);
    const sections = index.items.sections;
    let reads = 0;
    const counting = Object.create(sections) as typeof sections;
    counting.at = (ordinal: number) => {
      reads++;
      return sections.at(ordinal);
    };
    const counted = { ...index, items: { ...index.items, sections: counting } };
    expect(someSearchedText(counted, 0, fieldsForRestriction(null), (text) => text === "Bilag 1")).toBe(true);
    expect(reads).toBe(1);
    expect(searchedTexts(counted, 0, fieldsForRestriction(null))).toHaveLength(10);
    expect(reads).toBe(2);
  });
});
