import kleMainGroups from "@/data/kle-hovedgrupper.json";
import type { DecisionOutcome } from "@/lib/minutes/vocabulary";

/** Danish display names of decision outcomes, for the `udfald` facet. */
export const OUTCOME_LABELS_DA: Readonly<Record<DecisionOutcome, string>> = {
  approved: "Godkendt",
  recommended: "Anbefalet",
  noted: "Taget til efterretning",
  discussed: "Drøftet",
  postponed: "Udsat",
  rejected: "Afvist",
  none: "Ingen beslutning",
  other: "Anden beslutning",
};

/** KLE main group code ("15") → Danish name, from data/kle-hovedgrupper.json. */
export const KLE_GROUP_NAMES: ReadonlyMap<string, string> = new Map(
  kleMainGroups.groups.map((group) => [group.code, group.name]),
);
