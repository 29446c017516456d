import { splitSentences, type LocatedSentence } from "./sentences";
import type { SourceLine } from "./types";
import { parseVoterList, type Voter, type VoterList } from "./voters";

/** One voter (person, party or both) of a vote, with the source line of the sentence that names them. */
export interface VoteEntry extends Voter {
  line: number;
}

/** How a member or party set themselves apart from the decision beyond a vote. */
export type ReservationKind = "forbehold" | "protokol" | "mindretalsudtalelse";

/** A reservation ("tog forbehold"), a vote recorded in the minutes ("ført til protokol") or a minority statement. */
export interface Reservation extends Voter {
  kind: ReservationKind;
  /** The sentence or statement as printed. */
  text: string;
  line: number;
}

/** Votes and dissent recorded in an item's own decision. Empty lists when the decision records none. */
export interface ItemVotes {
  for: VoteEntry[];
  against: VoteEntry[];
  abstained: VoteEntry[];
  /** Numbers of votes printed for the whole group ("(7)", "med 7 stemmer for"), null when not printed. */
  totals: { for: number | null; against: number | null; abstained: number | null };
  reservations: Reservation[];
}

type Side = "for" | "against" | "abstained";

/** An empty record: what a closed item and a decision without votes carry. */
export function noVotes(): ItemVotes {
  return { for: [], against: [], abstained: [], totals: { for: null, against: null, abstained: null }, reservations: [] };
}

// "For stemte: A, V og C (7)", "Imod stemte 2: F og Ø", "Undlod at stemme: O (1)", "For: A, C".
const TALLY =
  /^(?:(?<side>for|imod)\s+stemte|stemmer\s+(?<side2>for|imod)|(?<side3>for|imod)(?=\s*\d*\s*:)|(?<abstain>undlod at stemme|undlader at stemme|undlod|hverken for eller imod|blanke?|stemte blankt))\s*(?:\((?<n1>\d{1,3})\)|(?<n2>\d{1,3}))?\s*:?\s+(?<list>.+)$/i;
// "7 stemte for (A, V og C)", "2 stemte imod: F og Ø", "1 undlod at stemme (O)".
const COUNTED = /^(?<n>\d{1,3})\s+(?:stemte\s+(?<side>for|imod)|(?<abstain>undlod at stemme))(?:\s*\((?<list>.+)\)|\s*:\s*(?<list2>.+))?$/i;
// "Forslaget blev vedtaget med 7 stemmer for og 2 imod (O undlod at stemme)".
const TOTALS = /(?<for>\d{1,3})\s+stemmer?\s+for\b(?:\s*(?:,|og)\s*(?<against>\d{1,3})\s+(?:stemmer?\s+)?imod\b)?(?:\s*(?:,|og)\s*(?<abstained>\d{1,3})\s+(?:undlod|blanke?|hverken))?/i;
// "Mindretalsudtalelse fra Ø: …", "Protokoltilførsel (Anne Hansen, F): …".
const STATEMENT =
  /^(?<kind>mindretalsudtalelse|protokoltilførsel|protokolbemærkning|protokollat)(?:\s+(?:fra|af)\s+(?<from>[^:]+?)|\s*\((?<paren>[^)]+)\))?\s*:\s*(?<text>.*)$/i;

// The verbs of a sentence "<subject> <verb> …"; the earliest one ends the subject.
const VERBS: ReadonlyArray<readonly [Side | "forbehold" | "protokol", RegExp]> = [
  ["against", /\s(?:stemte|stemmer|stemt)\s+(?:imod|nej)|\s(?:var|er)\s+imod|\s(?:kunne|kan)\s+ikke\s+(?:anbefale|godkende|tiltræde|støtte|stemme for)|\s(?:anbefaler|godkender|tiltræder|støtter)\s+ikke/iu],
  ["abstained", /\s(?:undlod|undlader|afstod fra)\s+at\s+stemme|\sstemte\s+(?:hverken for eller imod|blankt)/iu],
  ["for", /\s(?:stemte|stemmer)\s+(?:for|ja)(?!\s+(?:og|eller)\s+imod)|\s(?:anbefaler|anbefalede|godkender|godkendte|tiltræder|tiltrådte|støtter|støttede)(?!\s+ikke)/iu],
  ["forbehold", /\s(?:tog|tager|tages)\s+(?:et\s+)?(?:politisk\s+)?forbehold/iu],
  ["protokol", /\s(?:ønskede|ønsker|fik|får)\s+(?:[^.]{0,60}?\s)?(?:ført\s+til\s+protokol|tilført\s+protokollen|protokolleret)/iu],
];

// "Et mindretal (Ø)", "Et mindretal bestående af F og Ø", "Mindretallet, F og Ø,", "Et flertal på 7 (A, V og C)".
const GROUP = /^(?<group>et\s+(?:mindretal|flertal)|mindretallet|flertallet)(?:\s+i\s+udvalget)?(?:\s+på\s+\d{1,3}(?:\s+medlemmer)?)?(?:\s+bestående\s+af\s+(?<list>.+)|\s*\((?<paren>.+)\)|\s*,\s*(?<comma>.+?),?)?$/iu;
// A clause of a sentence: "…, mens F og Ø stemte imod", "…; O undlod at stemme".
const CLAUSE_BREAK = /\s*(?:,\s*(?:mens|medens|hvorimod|og)\s+|;\s*)/iu;
// "Ved afstemningen stemte A, V og C for" – the verb before its subject.
const INVERTED = /^(?:ved\s+(?:afstemning(?:en)?|afstemningen\s+om\s+\S+)\s+)?stemte\s+(?<list>.+?)\s+(?<side>for|imod)(?:\s.*)?$/iu;

/** The voters a sentence's subject names, or null when the subject is no voter list ("Udvalget"). */
function parseSubject(subject: string): VoterList | null {
  const text = subject.trim().replace(/^(?:og|men|mens|dog)\s+/i, "");
  const group = GROUP.exec(text);
  if (group?.groups) {
    const list = group.groups.list ?? group.groups.paren ?? group.groups.comma;
    return list ? parseVoterList(list) : null;
  }
  return parseVoterList(text);
}

/** Collects what the rules find, keeping each voter once per side. */
class VoteCollector {
  readonly votes = noVotes();

  add(side: Side, list: VoterList, line: number): void {
    for (const voter of list.voters) {
      const entries = this.votes[side];
      if (!entries.some((entry) => entry.name === voter.name && entry.party === voter.party)) entries.push({ ...voter, line });
    }
    if (list.total !== null) this.setTotal(side, list.total);
  }

  setTotal(side: Side, total: number): void {
    this.votes.totals[side] ??= total;
  }

  reserve(kind: ReservationKind, voters: readonly Voter[], text: string, line: number): void {
    if (voters.length === 0) this.votes.reservations.push({ kind, text, line });
    for (const voter of voters) this.votes.reservations.push({ ...voter, kind, text, line });
  }
}

function sideOf(word: string | undefined): Side {
  return word?.toLowerCase() === "imod" ? "against" : "for";
}

/** Rule 1: a minority statement or protocol entry; it takes the rest of its paragraph (or the next paragraph). */
function readStatement(sentences: readonly LocatedSentence[], index: number, collector: VoteCollector): number {
  const sentence = sentences[index];
  const match = sentence ? STATEMENT.exec(sentence.text) : null;
  if (!sentence || !match?.groups) return 0;
  const kind: ReservationKind = /^mindretal/i.test(match.groups.kind ?? "") ? "mindretalsudtalelse" : "protokol";
  let paragraph = sentence.paragraph;
  const parts = [match.groups.text ?? ""].filter((part) => part.trim() !== "");
  let consumed = 1;
  if (parts.length === 0) paragraph += 1;
  for (let i = index + 1; i < sentences.length && sentences[i]?.paragraph === paragraph; i += 1) {
    parts.push(sentences[i]?.text ?? "");
    consumed += 1;
  }
  const text = parts.join(" ").trim();
  const from = match.groups.from ?? match.groups.paren;
  let voters = from ? (parseVoterList(from.replace(/,\s*([A-ZÆØÅ]{1,2})$/, " ($1)"))?.voters ?? []) : [];
  // "Mindretalsudtalelse: Enhedslisten (Ø) kan ikke støtte …" names its authors in the statement.
  if (voters.length === 0) voters = readSubjectVoters(text) ?? [];
  collector.reserve(kind, voters, text, sentence.line);
  return consumed;
}

function readSubjectVoters(text: string): Voter[] | null {
  const first = firstVerb(` ${text}`);
  if (!first) return null;
  return parseSubject(text.slice(0, Math.max(0, first.index - 1)))?.voters ?? null;
}

function firstVerb(text: string): { index: number } | null {
  let best: number | null = null;
  for (const [, pattern] of VERBS) {
    const match = pattern.exec(text);
    if (match && (best === null || match.index < best)) best = match.index;
  }
  return best === null ? null : { index: best };
}

/** Rule 2: a tally ("For stemte: A, V og C (7)"); a sentence may hold several, split at "," before the next. */
function readTallies(sentence: LocatedSentence, collector: VoteCollector): boolean {
  const parts = sentence.text.split(/[,;]\s+(?=(?:for|imod)\s+stemte|undlod|hverken)/i);
  let found = false;
  for (const part of parts) {
    const text = part.trim().replace(/\.$/, "");
    const tally = TALLY.exec(text)?.groups;
    if (tally) {
      const list = parseVoterList(tally.list ?? "");
      if (!list) continue;
      const side: Side = tally.abstain ? "abstained" : sideOf(tally.side ?? tally.side2 ?? tally.side3);
      collector.add(side, list, sentence.line);
      const printed = tally.n1 ?? tally.n2;
      if (printed) collector.setTotal(side, Number(printed));
      found = true;
      continue;
    }
    const counted = COUNTED.exec(text)?.groups;
    if (counted) {
      const side: Side = counted.abstain ? "abstained" : sideOf(counted.side);
      const printed = counted.list ?? counted.list2;
      const list = printed ? parseVoterList(printed) : null;
      if (list) collector.add(side, list, sentence.line);
      collector.setTotal(side, Number(counted.n));
      found = true;
    }
  }
  return found;
}

/** Rule 3: "<voters> <verb>" clauses: "Et mindretal (Ø) stemte imod", "Anne Hansen (F) tog forbehold". */
function readClauses(sentence: LocatedSentence, collector: VoteCollector): boolean {
  let found = false;
  for (const clause of sentence.text.split(CLAUSE_BREAK)) {
    const text = ` ${clause.trim()}`;
    const inverted = INVERTED.exec(clause.trim())?.groups;
    if (inverted) {
      const list = parseVoterList(inverted.list ?? "");
      if (list) {
        collector.add(sideOf(inverted.side), list, sentence.line);
        found = true;
        continue;
      }
    }
    const first = firstVerb(text);
    if (!first) continue;
    const list = parseSubject(text.slice(0, first.index));
    if (!list) continue;
    for (const [kind, pattern] of VERBS) {
      if (!pattern.test(text)) continue;
      found = true;
      if (kind === "forbehold" || kind === "protokol") collector.reserve(kind, list.voters, sentence.text, sentence.line);
      else collector.add(kind, list, sentence.line);
    }
  }
  return found;
}

/** Rule 4: totals without voters ("vedtaget med 7 stemmer for og 2 imod"). */
function readTotals(sentence: LocatedSentence, collector: VoteCollector): void {
  const totals = TOTALS.exec(sentence.text)?.groups;
  if (!totals) return;
  if (totals.for) collector.setTotal("for", Number(totals.for));
  if (totals.against) collector.setTotal("against", Number(totals.against));
  if (totals.abstained) collector.setTotal("abstained", Number(totals.abstained));
}

/**
 * Votes, dissent and reservations in the lines of an item's own decision, by rules tried per
 * sentence in this order: minority statement or protocol entry (takes its paragraph) → tallies
 * ("For stemte: …") → "<voters> <verb>" clauses → bare totals. Each entry keeps the source line
 * of its sentence. Subjects that are not voter lists ("Udvalget godkender … med forbehold") give
 * nothing, so ordinary decision prose never becomes a vote.
 */
export function parseVotes(lines: readonly SourceLine[]): ItemVotes {
  const collector = new VoteCollector();
  const sentences = splitSentences(lines);
  for (let i = 0; i < sentences.length; i += 1) {
    const sentence = sentences[i];
    if (!sentence) continue;
    const consumed = readStatement(sentences, i, collector);
    if (consumed > 0) {
      i += consumed - 1;
      continue;
    }
    if (readTallies(sentence, collector)) continue;
    if (readClauses(sentence, collector)) continue;
    readTotals(sentence, collector);
  }
  return collector.votes;
}

/** True when the votes record at least one vote against or a reservation: the item has dissent. */
export function hasDissent(votes: ItemVotes): boolean {
  return votes.against.length > 0 || (votes.totals.against ?? 0) > 0 || votes.reservations.length > 0;
}
