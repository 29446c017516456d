import type { DecisionOutcome } from "@/lib/minutes/vocabulary";

/** Danish labels for decision outcomes, as shown on badges and search facets. */
export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  approved: "Godkendt",
  recommended: "Anbefalet",
  noted: "Taget til efterretning",
  discussed: "Drøftet",
  postponed: "Udsat",
  rejected: "Afvist",
  none: "Ingen beslutning",
  other: "Anden beslutning",
};
