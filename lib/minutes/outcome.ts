import type { Outcome } from "./types";

/**
 * Outcome rules in the order they are tried; the first that matches wins. Negations and
 * postponements come before approval, and "recommended" before "approved" because a
 * recommendation usually names approval ("Indstilles godkendt", "anbefaler … at godkende").
 */
const RULES: ReadonlyArray<readonly [Outcome, RegExp]> = [
  ["none", /^(?:intet|ingen|ingen bemærkninger|intet at bemærke)\.?$/i],
  ["rejected", /\b(?:ikke godkendt|ikke godkendes|ikke godkender|afvist|afvises|afviste|afslået|forkastet|anbefales ikke|kan ikke anbefale|ikke anbefalet)\b/i],
  ["postponed", /\b(?:udsat|udsættes|udsætte|udsatte|udskudt|udskydes|sagen genoptages|trukket fra dagsordenen|taget af dagsordenen)\b/i],
  [
    "recommended",
    /\b(?:anbefales|anbefaler|anbefalede|anbefalet|indstilles godkendt|indstilles til godkendelse|indstiller til godkendelse|oversendes med anbefaling|indstilles)\b/i,
  ],
  [
    "approved",
    /\b(?:godkendt|godkendes|godkender|godkendte|bevilget|bevilges|bevilger|bevilgede|vedtaget|vedtages|vedtog|tiltrådt|tiltrådte|tiltræder|indstillingen følges|indstillingen blev fulgt|besluttet)\b/i,
  ],
  ["noted", /\b(?:til efterretning|til orientering|orienteringen taget|taget til orientering)\b/i],
  ["discussed", /\b(?:drøftet|drøftede|drøftes|blev drøftet|debatteret)\b/i],
];

// "\b" is ASCII-only in JavaScript; it is safe here because every keyword starts and ends with an
// ASCII letter (the Danish letters sit inside: "drøftet", "tiltrådt").
function firstMatch(text: string): Outcome | null {
  for (const [outcome, pattern] of RULES) if (pattern.test(text)) return outcome;
  return null;
}

/**
 * Normalise a decision text to an outcome. The first paragraph decides when it can
 * ("Til efterretning." followed by notes); otherwise the whole text; `none` when there is no decision.
 */
export function classifyOutcome(decision: string | null): Outcome {
  if (decision === null || decision.trim() === "") return "none";
  const firstParagraph = decision.split(/\n\s*\n/)[0] ?? decision;
  return firstMatch(firstParagraph.trim()) ?? firstMatch(decision) ?? "other";
}
