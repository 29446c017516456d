/**
 * The parser's public vocabulary: what `parseMinutes` returns.
 * Names follow the domain glossary (Meeting, AgendaItem → item, Section, Decision, Attachment).
 */

import type { Deviation } from "./deviation";
import type { DecisionOutcome, SectionKind } from "./vocabulary";
import type { ItemVotes } from "./votes";

export type { SectionKind };

/** Outcome normalised from an item's own decision text (see vocabulary.ts). */
export type Outcome = DecisionOutcome;

/** A structural piece of section text: paragraph, bullet/numbered/lettered list, or tab-separated table. */
export type Block =
  | { type: "paragraph"; text: string }
  | {
      type: "list";
      ordered: boolean;
      items: string[];
      /** Ordinal of the first item when an ordered list does not start at 1 ("4. …" → 4, "c) …" → 3). */
      start?: number;
      /** "lower-alpha" for a lettered list ("a) …", "b) …"); absent for numbers and bullets. */
      numbering?: "lower-alpha";
    }
  | { type: "table"; rows: string[][] };

/** One section of an item, e.g. "Sagsfremstilling" or "Beslutning Udvalget for … den 19-03-2024". */
export interface ParsedSection {
  /** The heading as printed (Markdown markers and a trailing colon removed). */
  heading: string;
  kind: SectionKind;
  /** Plain text: paragraphs separated by a blank line, list items as "- x" / "1. x" / "a) x", table rows tab-separated. */
  text: string;
  blocks: Block[];
  /** First source line (1-based) of the heading. */
  line: number;
}

/** One agenda item (punkt). A closed item carries only number, title, marker and `closed: true`. */
export interface ParsedItem {
  /** The number as printed ("83" stays "83"). */
  number: string;
  /** The title without "Punkt N:", "Lukket:" or a trailing marker like "(B)". */
  title: string;
  /** Template marker printed after the title, e.g. "B" for "(B)"; null if none. */
  marker: string | null;
  /** Case/journal number as printed (24/3579, EMN-2022-81268, 15.00.00-A00-28-23). */
  caseNumber: string | null;
  /** The KLE prefix ("15.00.00") when the case number carries one. */
  kle: string | null;
  closed: boolean;
  sections: ParsedSection[];
  /** The deciding committee's own decision text; never an earlier body's decision quoted in the case. */
  decision: string | null;
  outcome: Outcome;
  /** The administration's recommendation (the "Indstilling" sections), kept apart from the decision. */
  recommendation: string | null;
  /** How the decision relates to the recommendation (see deviation.ts); null when the minutes do not tell. */
  deviation: Deviation | null;
  /** Attachment titles. */
  attachments: string[];
  /** Names of members recorded as absent for this item. */
  absent: string[];
  /** Votes, dissent and reservations recorded in the item's own decision. */
  votes: ItemVotes;
  /** First source line (1-based) of the item heading. */
  line: number;
}

/** A meeting participant; `party` is the printed party letter, e.g. "V". */
export interface Participant {
  name: string;
  party: string | null;
}

/** Text the parser could not place, with the line it came from. Never contains closed-item text. */
export interface ParseWarning {
  line: number;
  message: string;
  text: string;
}

/** One parsed minutes document. */
export interface ParsedMeeting {
  /** Official name, e.g. "Vejen Kommune", "Københavns Kommune", "Bornholms Regionskommune". */
  municipality: string;
  /** Committee as printed, without election period ("2022-2025") or separators. */
  committee: string;
  kind: "referat" | "dagsorden";
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, or null when the header names committee and date but no start time the parser can read (with a warning). */
  startTime: string | null;
  /** HH:MM, or null when not printed. */
  endTime: string | null;
  location: string | null;
  participants: Participant[];
  /**
   * Every person the open part of the minutes names as participant, absentee or voter, once,
   * with the party letter when it is printed anywhere. Never anyone named only in a closed item.
   */
  people: Participant[];
  items: ParsedItem[];
  warnings: ParseWarning[];
}

/** Why a document is not minutes, or what stopped the parser; `line` is 1-based or null. */
export interface ParseError {
  reason: string;
  line: number | null;
}

/** 1-based inclusive range of input lines. */
export interface LineRange {
  from: number;
  to: number;
}

/**
 * Result of `parseMinutes`. On success, `droppedLineRanges` lists the input lines of closed items
 * that were dropped so the caller can strip them from the stored source text too.
 */
export type ParseResult =
  | { ok: true; meeting: ParsedMeeting; droppedLineRanges: LineRange[] }
  | { ok: false; error: ParseError };

/** Optional hints; `municipality` accepts "Vejen" or "Vejen Kommune". */
export interface ParseHints {
  municipality?: string;
}

/** A normalised input line; the unit every rule works on. */
export interface SourceLine {
  /** 1-based line number in the input text. */
  no: number;
  /** Normalised text: trailing whitespace and Markdown markers removed, tabs kept. */
  text: string;
  /** True when the source marked the whole line as a heading (Markdown "#" or whole-line bold). */
  isMarked: boolean;
}
