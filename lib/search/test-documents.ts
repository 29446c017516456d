import type { SearchDocument } from "./search-document";

/**
 * Test support: an open agenda item of Vejen's Byrådet on 2024-03-19 numbered `id`, with
 * `fields` overriding any of its values (title "Punkt <id>", no decision, no sections).
 */
export function testDocument(id: number, fields: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id,
    url: `/vejen/byraadet/2024-03-19/punkt-${id}`,
    title: `Punkt ${id}`,
    decision: null,
    outcome: "none",
    caseNumber: null,
    kleGroup: null,
    departsFromRecommendation: false,
    hasDissent: false,
    number: String(id),
    date: "2024-03-19",
    municipality: "Vejen Kommune",
    municipalitySlug: "vejen",
    committee: "Byrådet",
    committeeSlug: "byraadet",
    sections: [],
    ...fields,
  };
}
