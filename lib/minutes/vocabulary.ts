/** Normalized section kinds, in the vocabulary the whole product shares. */
export const SECTION_KINDS = [
  "resume",
  "sagsfremstilling",
  "indstilling",
  "beslutning",
  "fravaerende",
  "bilag",
  "oekonomi",
  "lovgrundlag",
  "hoering",
  "tidligere_behandling",
  "vurdering",
  "other",
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** Normalized outcomes of a committee's decision. */
export const DECISION_OUTCOMES = [
  "approved",
  "recommended",
  "noted",
  "discussed",
  "postponed",
  "rejected",
  "none",
  "other",
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
