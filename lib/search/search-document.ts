import type { DecisionOutcome, SectionKind } from "@/lib/minutes/vocabulary";

/**
 * One open agenda item as the search index sees it. Built from the database by the index
 * build; closed items never become SearchDocuments.
 */
export interface SearchDocument {
  /** AgendaItem.id */
  id: number;
  url: string;
  title: string;
  decision: string | null;
  outcome: DecisionOutcome;
  caseNumber: string | null;
  /** KLE main group code ("15") when the case number carries a KLE code. */
  kleGroup: string | null;
  /** The decision departs from the administration's recommendation (facet `afvigelse`). */
  departsFromRecommendation: boolean;
  /** Someone voted against or recorded dissent (facet `dissens`). */
  hasDissent: boolean;
  number: string;
  /** YYYY-MM-DD */
  date: string;
  municipality: string;
  municipalitySlug: string;
  committee: string;
  committeeSlug: string;
  sections: Array<{ kind: SectionKind; heading: string; text: string }>;
}
