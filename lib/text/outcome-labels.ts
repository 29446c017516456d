import type { DecisionOutcome } from "@/lib/minutes/vocabulary";

/** Danish labels for decision outcomes, as shown on badges and in the search facet. */
export const OUTCOME_LABELS: Readonly<Record<DecisionOutcome, string>> = {
  approved: "Godkendt",
  recommended: "Anbefalet",
  noted: "Taget til efterretning",
  discussed: "Drøftet",
  postponed: "Udsat",
  rejected: "Afvist",
  none: "Ingen beslutning",
  other: "Anden beslutning",
};
