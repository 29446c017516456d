import type { Participant } from "./types";
import { parseVoterList } from "./voters";

/** A member who took no part in some items: "Anne Hansen (F) deltog ikke i behandlingen af punkt 5 og 6". */
export interface PartialAbsence extends Participant {
  /** Printed item numbers; empty for "punktet" (the item the sentence stands in). */
  items: string[];
  line: number;
}

// "<names> deltog ikke i (behandlingen af) punkt 5", "… i punkterne 3-5", "… i behandlingen af
// punktet", "<name> erklærede sig inhabil (og deltog ikke …)", "<name> forlod mødet under punkt 7"
// is not here: it says nothing about the items after.
const ABSENT_FROM =
  /^(?<who>.+?)\s+(?:deltog|deltager)\s+ikke\s+i\s+(?:(?:sagens\s+)?behandlingen\s+af\s+|drøftelsen\s+af\s+|beslutningen\s+(?:om|af)\s+)?(?:(?<this>punktet|sagen|dette\s+punkt)|punkt(?:erne)?\s+(?<numbers>[\d\s,.og-]+?))\s*(?:på\s+grund\s+af\s+inhabilitet|grundet\s+inhabilitet|pga\.\s+inhabilitet)?\.?$/iu;
const INHABILE = /^(?<who>.+?)\s+(?:erklærede|erklærer)\s+sig\s+inhabil(?:\s+i\s+(?:punkt(?:erne)?\s+(?<numbers>[\d\s,.og-]+?)|punktet|sagen))?(?:\s+og\s+.*)?\.?$/iu;

/** "5", "3-5", "5 og 6", "2, 4 og 7" → the printed numbers ("3-5" → 3, 4, 5; at most 50). */
export function expandItemNumbers(text: string): string[] {
  const numbers: string[] = [];
  for (const part of text.split(/\s*,\s*|\s+og\s+/)) {
    const range = /^(\d{1,4})\s*-\s*(\d{1,4})$/.exec(part.trim());
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to >= from && to - from < 50) for (let n = from; n <= to; n += 1) numbers.push(String(n));
      continue;
    }
    const single = /^(\d{1,4})\.?$/.exec(part.trim());
    if (single?.[1]) numbers.push(single[1]);
  }
  return numbers;
}

/** The partial absences a sentence states, or an empty list. Names must be name-shaped. */
export function readPartialAbsences(sentence: string, line: number): PartialAbsence[] {
  const text = sentence.trim();
  const match = ABSENT_FROM.exec(text) ?? INHABILE.exec(text);
  if (!match?.groups) return [];
  const list = parseVoterList(match.groups.who ?? "");
  if (!list) return [];
  const items = match.groups.numbers ? expandItemNumbers(match.groups.numbers) : [];
  if (match.groups.numbers && items.length === 0) return [];
  return list.voters
    .filter((voter): voter is typeof voter & { name: string } => voter.name !== undefined)
    .map((voter) => ({ name: voter.name, party: voter.party ?? null, items, line }));
}
