import type { Participant } from "./types";

const PARTY = /^(.*?)\s*\(([A-ZÆØÅ]{1,2}|Løsgænger|løsgænger|UFG)\)\s*$/;
const ROLE = /\s*\((?:formand|næstformand|fmd\.?|nfmd\.?|afbud|suppleant)\)/gi;
export const NAME_SHAPE = /^\p{Lu}[\p{L}.'’-]*(?:\s+(?:(?:van|von|de|da|la|af|le)\s+)?\p{Lu}[\p{L}.'’-]*){1,5}$/u;
const NOT_A_NAME = /^(?:ingen|intet|alle|ingen fraværende|alle til stede)\.?$/i;
// Faxe: "Nellie Bradsted (V). Som stedfortræder deltog Henrik Rützou Aakast (V)." – the substitute
// attended, so sentences about substitutes and arrivals are not absences.
const NOT_ABSENCE_SENTENCE = /^(?:som\s+)?(?:stedfortræder|suppleant|deltog|mødte|ankom|forlod|afløst)/i;

/**
 * Split a printed list of people ("Morten Thorøe, Knud Peter Wad og Hans Hansen (V)") into
 * names with the party letter when printed. Roles in parentheses ("(formand)") are dropped.
 */
export function parseNameList(text: string): Participant[] {
  return text
    .split(/\s*[,;\n]\s*|\s+og\s+/)
    .map((part) => part.replace(ROLE, "").trim().replace(/\.$/, "").trim())
    .filter((part) => part !== "" && part !== "." && !NOT_A_NAME.test(part))
    .map((part) => {
      const party = PARTY.exec(part);
      return party ? { name: (party[1] ?? "").trim(), party: party[2] ?? null } : { name: part, party: null };
    })
    .filter((participant) => participant.name !== "");
}

/**
 * Absent members in a "Fraværende" text, with the party letter when printed. Only name-shaped
 * entries count, so notes like "Sarah er ca. 1 time forsinket" (Varde) stay in the section text
 * but not in the list.
 */
export function parseAbsentees(text: string): Participant[] {
  const sentences = text.split(/(?<=[.)])\s+(?=\p{Lu})|\n+/u);
  const absentees: Participant[] = [];
  for (const sentence of sentences) {
    if (NOT_ABSENCE_SENTENCE.test(sentence.trim())) continue;
    for (const participant of parseNameList(sentence)) {
      if (NAME_SHAPE.test(participant.name) && !absentees.some((a) => a.name === participant.name)) absentees.push(participant);
    }
  }
  return absentees;
}

/** Names of absent members in an item's "Fraværende" text (see parseAbsentees). */
export function parseAbsentNames(text: string): string[] {
  return parseAbsentees(text).map((absentee) => absentee.name);
}

/** People merged by name, in first-seen order; a party printed in any mention is kept. */
export function mergePeople(people: readonly Participant[]): Participant[] {
  const byName = new Map<string, Participant>();
  for (const person of people) {
    const known = byName.get(person.name);
    if (!known) byName.set(person.name, { name: person.name, party: person.party });
    else known.party ??= person.party;
  }
  return [...byName.values()];
}
