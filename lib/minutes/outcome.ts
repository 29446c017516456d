import type { Outcome } from "./types";

/**
 * Outcome rules in the order they are tried; the first that matches wins. Negations and
 * postponements come before approval, and "recommended" before "approved" because a
 * recommendation usually names approval ("Indstilles godkendt", "anbefaler … at godkende").
 */
const RULES: ReadonlyArray<readonly [Outcome, RegExp]> = [
  ["none", /^(?:intet|ingen|ingen bemærkninger|intet at bemærke)\.?$/i],
  ["rejected", /\b(?:ikke godkendt|ikke godkendes|ikke godkender|afvist|afvises|afviste|afslået|afslås|afslog|gives afslag|meddeles afslag|forkastet|anbefales ikke|kan ikke anbefale|ikke anbefalet)\b/i],
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

// A sentence that records a member's or a minority's vote or reservation, not the committee's
// decision: "Et mindretal (Ø) stemte imod." must not make "Anbefales." a rejection.
const DISSENT_SENTENCE =
  /^(?:et\s+mindretal|mindretallet|for\s+stemte|imod\s+stemte|undlod\s+at\s+stemme|mindretalsudtalelse|protokoltilførsel)\b|\b(?:stemte|stemmer)\s+imod\b|\b(?:undlod|undlader)\s+at\s+stemme\b|\b(?:tog|tager)\s+(?:et\s+)?(?:politisk\s+)?forbehold\b|\bført\s+til\s+protokol\b/iu;
// The content of an amendment describes the change, not the outcome: "Anbefalet med den
// ændring, at X udsættes" is recommended (with an amendment), not postponed.
const AMENDMENT_CLAUSE =
  /\s*,?\s*(?:med\s+(?:den|de|følgende|en|disse)\s+(?:følgende\s+)?(?:ændring(?:er)?|tilføjelse(?:r)?|rettelse(?:r)?|præcisering(?:er)?|justering(?:er)?)|med\s+(?:ændring(?:er)?|tilføjelse(?:r)?)\s+(?:af|om|til)|dog\s+således\s*,?\s+at)\b[^]*$/iu;

/** The decision without sentences that record votes or reservations of members (paragraphs kept). */
export function withoutDissent(decision: string): string {
  return decision
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .replace(/\s+/g, " ")
        .split(/(?<=[.!?])\s+(?=\p{Lu})/u)
        .filter((sentence) => !DISSENT_SENTENCE.test(sentence.trim()))
        .join(" "),
    )
    .filter((paragraph) => paragraph.trim() !== "")
    .join("\n\n");
}

/** A paragraph up to its first amendment clause: the part whose verb decides the outcome. */
function beforeAmendment(paragraph: string): string {
  const cut = paragraph.replace(AMENDMENT_CLAUSE, "").trim();
  return cut === "" ? paragraph : cut;
}

/**
 * Normalise a decision text to an outcome. The first paragraph decides when it can
 * ("Til efterretning." followed by notes); otherwise the whole text; `none` when there is no decision.
 * The leading verb decides: an amendment's content and sentences recording dissent are not read.
 */
export function classifyOutcome(decision: string | null): Outcome {
  if (decision === null || decision.trim() === "") return "none";
  const decisive = withoutDissent(decision);
  if (decisive.trim() === "") return firstMatch(decision) ?? "other";
  const firstParagraph = decisive.split(/\n\s*\n/)[0] ?? decisive;
  return firstMatch(beforeAmendment(firstParagraph.trim())) ?? firstMatch(beforeAmendment(decisive)) ?? "other";
}
