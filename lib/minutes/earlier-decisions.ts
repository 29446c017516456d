import { findDanishDate } from "./danish-date";
import { BODY_WORD, genitiveDecisionHeading } from "./decision-headings";
import { classifyOutcome } from "./outcome";
import type { Outcome, SectionKind } from "./types";

/** A decision of an earlier meeting that an item quotes or lists: a step in its case's history. */
export interface EarlierDecision {
  /** The body as printed: "Økonomiudvalget", "Udvalget for skoler og børn", "Direktionen". */
  body: string;
  /** YYYY-MM-DD */
  date: string;
  /** The item number at that meeting, when printed ("punkt 8"). */
  itemNumber: string | null;
  /** The quoted decision, when the item quotes it. */
  text: string | null;
  outcome: Outcome;
}

/** What is read of a section: stored sections and parsed ones both have these. */
export interface SectionLike {
  heading: string;
  kind: SectionKind;
  text: string;
}

const DECISION_HEADING = /^beslutning(?:\s+(?:i|på|fra|af|truffet af))?\s+(.{3,140})$/i;
const ITEM_REFERENCE = /,?\s*\b(?:punkt|pkt\.?|dagsordenspunkt)\s*(\d{1,4}[a-z]?)\b\.?/i;
// A date as findDanishDate reads it, with what introduces it ("den", "d.", "mødet den").
const DATE_TEXT = /,?\s*(?:(?:på|fra|i)\s+mødet\s+)?(?:den\s+|d\.\s*)?(?:\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+[a-zæøå]+\.?\s+\d{4})(?:\s+kl\.?\s*\d{1,2}[.:]\d{2})?,?/i;
// Words of a sentence, not of a body's name: "Sagen blev behandlet i Økonomiudvalget den …".
const PROSE_WORD = /\b(?:blev|er|var|har|havde|skal|vil|kan|hvor|som|at|der|det|sagen|behandlet|besluttede|godkendte)\b/i;
const MAX_BODY_WORDS = 8;

/**
 * The earlier decisions an item quotes, oldest first, from its sections: a quoted decision under
 * its own heading ("Beslutning i Økonomiudvalget den 16-03-2026", "Økonomiudvalgets beslutning
 * den 16. marts 2026": body, date and text) and the entries of a "Tidligere behandling" /
 * "Tidligere beslutninger" section ("16.01.2024 Udvalget for skoler og børn", "Social- og
 * Sundhedsudvalget den 7. august 2024 punkt 8.", optionally followed by the decision). Only
 * dates before `meetingDate` count; this meeting's own decision (kind "beslutning") is never read.
 */
export function readEarlierDecisions(sections: readonly SectionLike[], meetingDate: string): EarlierDecision[] {
  const found: EarlierDecision[] = [];
  for (const section of sections) {
    if (section.kind === "beslutning") continue;
    const quoted = readDecisionHeading(section.heading);
    if (quoted) {
      const text = section.text.trim() === "" ? null : section.text.trim();
      found.push({ ...quoted, itemNumber: null, text, outcome: classifyOutcome(text) });
    } else if (section.kind === "tidligere_behandling") {
      found.push(...readHistoryEntries(section.text));
    }
  }
  const seen = new Set<string>();
  return found
    .filter((entry) => entry.date < meetingDate)
    .filter((entry) => {
      const key = `${entry.date}|${entry.body.toLowerCase()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Body and date of "Beslutning <body> den <date>" or "<Body>s beslutning den <date>"; null without a date. */
function readDecisionHeading(heading: string): { body: string; date: string } | null {
  const plain = DECISION_HEADING.test(heading) ? heading : genitiveDecisionHeading(heading);
  const rest = plain === null ? undefined : DECISION_HEADING.exec(plain)?.[1];
  const date = rest === undefined ? null : findDanishDate(rest);
  if (rest === undefined || date === null) return null;
  const body = cleanBody(rest.replace(DATE_TEXT, " "));
  return body === null ? null : { body, date };
}

/**
 * Entries of a history section, one per line that names a body and a date; the lines under an
 * entry, or the text after its colon, are the decision it quotes.
 */
function readHistoryEntries(text: string): EarlierDecision[] {
  const entries: Array<Omit<EarlierDecision, "outcome">> = [];
  for (const rawLine of text.split("\n")) {
    const line = rawLine.trim().replace(/^(?:[-•*]|\d{1,2}[.)]|[a-z]\))\s+/, "");
    if (line === "") continue;
    const colon = line.indexOf(":");
    const head = colon === -1 ? line : line.slice(0, colon);
    const entry = readEntry(head);
    const last = entries[entries.length - 1];
    if (entry) {
      const quoted = colon === -1 ? "" : line.slice(colon + 1).trim();
      entries.push({ ...entry, text: quoted === "" ? null : quoted });
    } else if (last) {
      last.text = last.text === null ? line : `${last.text}\n\n${line}`;
    }
  }
  return entries.map((entry) => ({ ...entry, outcome: classifyOutcome(entry.text) }));
}

function readEntry(line: string): { body: string; date: string; itemNumber: string | null } | null {
  const date = findDanishDate(line);
  if (date === null || !DATE_TEXT.test(line)) return null;
  const itemNumber = ITEM_REFERENCE.exec(line)?.[1] ?? null;
  const body = cleanBody(line.replace(DATE_TEXT, " ").replace(ITEM_REFERENCE, " "));
  return body === null ? null : { body, date, itemNumber };
}

/** The body's name left when date and item reference are removed, or null when it is not one. */
function cleanBody(rest: string): string | null {
  const body = rest.replace(/\s+/g, " ").replace(/^[\s,.;:–-]+|[\s,.;:–]+$/g, "").trim();
  if (body === "" || !/^\p{Lu}/u.test(body) || !BODY_WORD.test(body) || PROSE_WORD.test(body)) return null;
  return body.split(" ").length <= MAX_BODY_WORDS ? body : null;
}
