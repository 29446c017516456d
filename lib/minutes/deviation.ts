import { classifyOutcome, withoutDissent } from "./outcome";

/**
 * How the committee's decision relates to the administration's recommendation (indstilling):
 * followed it, changed it, rejected it, postponed the matter, or decided against it; null when
 * the minutes do not tell (no decision, an unclassifiable one, or no recommendation to follow).
 */
export type Deviation = "followed" | "amended" | "rejected" | "postponed" | "against";

// The decision changes what was recommended: "Anbefalet med den ændring, at …", "Godkendt med
// følgende tilføjelse: …", "Godkendt, dog således at …". "med de faldne bemærkninger" is not
// here: it passes remarks from the debate on, without changing the decision recommended.
const AMENDED =
  /\bmed\s+(?:den|de|følgende|en|disse)\s+(?:følgende\s+)?(?:ændring(?:er)?|tilføjelse(?:r)?|rettelse(?:r)?|præcisering(?:er)?|justering(?:er)?)\b|\bmed\s+(?:ændring(?:er)?|tilføjelse(?:r)?)\s+(?:af|om|til)\b|\bdog\s+således\s*,?\s+at\b|\bændringsforslag(?:et)?\b[^.]*\b(?:vedtaget|godkendt|vedtoges)\b|\bsupplere[st]?\s+med\b|\bidet\s+(?:udvalget|byrådet|kommunalbestyrelsen)\s+(?:dog\s+)?(?:besluttede|beslutter|ændrede|ændrer)\b/iu;
// Explicitly against the recommendation: "Udvalget besluttede ikke at følge indstillingen".
const AGAINST =
  /\bikke\s+(?:at\s+)?følge\s+(?:forvaltningens\s+|administrationens\s+)?indstilling(?:en)?\b|\bindstillingen\s+(?:blev\s+)?ikke\s+fulgt\b|\bfulgte\s+ikke\s+indstillingen\b|\b(?:kunne|kan)\s+ikke\s+tiltræde\s+indstillingen\b|\bi\s+modsætning\s+til\s+(?:forvaltningens\s+|administrationens\s+)?indstilling(?:en)?\b|\bimod\s+(?:forvaltningens\s+|administrationens\s+)?indstilling(?:en)?\b|\bbesluttede\s+i\s+stedet\b/iu;

/**
 * Classify an item's decision relative to its recommendation, by rules in this order: no
 * decision → null; explicit "against the recommendation" → against; postponed or rejected by the
 * decision's leading verb (unless the recommendation itself was to postpone or reject: then the
 * committee followed it); an amendment → amended; any other classified decision → followed when
 * there is a recommendation, else null.
 */
export function classifyDeviation(recommendation: string | null, decision: string | null): Deviation | null {
  if (decision === null || decision.trim() === "") return null;
  // Votes and reservations of members ("Ø stemte imod indstillingen") are not the committee's decision.
  const flat = withoutDissent(decision).replace(/\s+/g, " ");
  if (AGAINST.test(flat)) return "against";
  const outcome = classifyOutcome(decision);
  const recommended = recommendation === null ? null : classifyOutcome(recommendation);
  if (outcome === "postponed") return recommended === "postponed" ? "followed" : "postponed";
  if (outcome === "rejected") return recommended === "rejected" ? "followed" : "rejected";
  if (AMENDED.test(flat)) return "amended";
  if (outcome === "none" || outcome === "other") return null;
  return recommendation === null || recommendation.trim() === "" ? null : "followed";
}

/** True when the decision departs from the recommendation: amended, rejected, postponed or against it. */
export function departsFromRecommendation(deviation: Deviation | null): boolean {
  return deviation !== null && deviation !== "followed";
}
