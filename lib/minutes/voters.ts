import { NAME_SHAPE } from "./participants";

/** Who cast a vote or took a reservation: a person, a party (list letter), or both; `count` when printed. */
export interface Voter {
  name?: string;
  party?: string;
  count?: number;
}

/** Danish parties by the names minutes print, to their list letters (ballot letters of 2022-2025). */
const PARTY_LETTERS: ReadonlyMap<string, string> = new Map([
  ["socialdemokratiet", "A"],
  ["radikale venstre", "B"],
  ["det radikale venstre", "B"],
  ["radikale", "B"],
  ["det konservative folkeparti", "C"],
  ["konservative folkeparti", "C"],
  ["konservative", "C"],
  ["de konservative", "C"],
  ["nye borgerlige", "D"],
  ["sf", "F"],
  ["socialistisk folkeparti", "F"],
  ["liberal alliance", "I"],
  ["kristendemokraterne", "K"],
  ["moderaterne", "M"],
  ["dansk folkeparti", "O"],
  ["venstre", "V"],
  ["danmarksdemokraterne", "Æ"],
  ["enhedslisten", "Ø"],
  ["alternativet", "Å"],
]);

// A list letter: the national ones and local lists (one or two capitals, "L", "LA"), or a
// member outside the groups. Written with Danish capitals, so "\b" is avoided around it.
const PARTY_LETTER = /^(?:[A-ZÆØÅ]{1,2}|Løsgænger|UFG)$/;
const WITH_COUNT = /^(.*?)\s*\((\d{1,3})\)$/;
const WITH_PARTY = /^(.*?)\s*\(([A-ZÆØÅ]{1,2}|Løsgænger|løsgænger|UFG)\)$/;
const SEPARATOR = /\s*,\s*(?:og\s+)?|\s+og\s+|\s*&\s*/;

/** The list letter of a printed party name ("Enhedslisten" → "Ø"), or null. */
export function partyLetterOf(name: string): string | null {
  return PARTY_LETTERS.get(name.trim().toLowerCase().replace(/^partiet\s+/, "")) ?? null;
}

/** One entry of a voter list: "Ø", "A (3)", "Anne Hansen (F)", "Enhedslisten (Ø)", "Venstre". */
function parseVoter(part: string): Voter | null {
  let text = part.trim().replace(/\.$/, "");
  let count: number | undefined;
  const counted = WITH_COUNT.exec(text);
  if (counted) {
    text = (counted[1] ?? "").trim();
    count = Number(counted[2]);
  }
  const withCount = (voter: Voter): Voter => (count === undefined ? voter : { ...voter, count });
  if (PARTY_LETTER.test(text)) return withCount({ party: text });
  const letter = partyLetterOf(text);
  if (letter) return withCount({ party: letter });
  const withParty = WITH_PARTY.exec(text);
  const name = (withParty ? withParty[1] : text)?.trim() ?? "";
  const party = withParty?.[2];
  const namedLetter = partyLetterOf(name);
  // "Enhedslisten (Ø)": a party written out, not a person.
  if (namedLetter) return withCount({ party: party ?? namedLetter });
  if (!NAME_SHAPE.test(name)) return null;
  return withCount(party ? { name, party } : { name });
}

/** A voter list and the total printed for the whole group ("A, V og C (7)" → total 7). */
export interface VoterList {
  voters: Voter[];
  total: number | null;
}

/**
 * Parse a printed list of voters: "A, V og C (7)", "A (3), V (2) og C (2)", "Anne Hansen (F) og
 * Ø", "Socialdemokratiet og Venstre". Null when any entry is neither a party nor a name, so a
 * sentence that only looks like a vote is not read as one. A count printed after the last of
 * several entries is the group's total, not that entry's.
 */
export function parseVoterList(text: string): VoterList | null {
  const trimmed = text.trim().replace(/[.:;]$/, "").trim();
  if (trimmed === "") return null;
  const parts = trimmed.split(SEPARATOR).filter((part) => part !== "");
  const voters: Voter[] = [];
  for (const part of parts) {
    const voter = parseVoter(part);
    if (!voter) return null;
    voters.push(voter);
  }
  if (voters.length === 0) return null;
  const last = voters[voters.length - 1];
  const othersCounted = voters.slice(0, -1).some((voter) => voter.count !== undefined);
  if (voters.length > 1 && last?.count !== undefined && !othersCounted) {
    const total = last.count;
    delete last.count;
    return { voters, total };
  }
  const total = voters.length === 1 ? (voters[0]?.count ?? null) : null;
  return { voters, total: total ?? sumOfCounts(voters) };
}

function sumOfCounts(voters: readonly Voter[]): number | null {
  if (!voters.every((voter) => voter.count !== undefined)) return null;
  return voters.reduce((sum, voter) => sum + (voter.count ?? 0), 0);
}
