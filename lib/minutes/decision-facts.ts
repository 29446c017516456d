import { classifyDeviation, type Deviation } from "./deviation";
import type { ParsedSection } from "./types";
import { parseVotes, type ItemVotes } from "./votes";

/** What an item's sections and decision text say beyond the outcome: recommendation, deviation, votes. */
export interface DecisionFacts {
  recommendation: string | null;
  deviation: Deviation | null;
  votes: ItemVotes;
}

/**
 * Recommendation, deviation and votes of an item read from already structured sections and its
 * own decision text (a site's import, not a minutes document): the vote lines are numbered from 1
 * within the decision text.
 */
export function readDecisionFacts(sections: readonly ParsedSection[], decision: string | null): DecisionFacts {
  const texts = sections.filter((section) => section.kind === "indstilling" && section.text !== "").map((section) => section.text);
  const recommendation = texts.length > 0 ? texts.join("\n\n") : null;
  const lines = (decision ?? "").split("\n").map((text, index) => ({ no: index + 1, text, isMarked: false }));
  return { recommendation, deviation: classifyDeviation(recommendation, decision), votes: parseVotes(lines) };
}
