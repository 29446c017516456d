import { findDanishDate, findTimes } from "./danish-date";
import { isArtifactLine, type Family } from "./families";
import { countMunicipalityMentions } from "./municipalities";
import { readPartialAbsences, type PartialAbsence } from "./partial-absence";
import { parseAbsentees, parseNameList } from "./participants";
import type { ParseWarning, Participant, SourceLine } from "./types";

/** What the lines before the first item say about the meeting. */
export interface MeetingHeader {
  committee: string | null;
  kind: "referat" | "dagsorden" | null;
  date: string | null;
  startTime: string | null;
  endTime: string | null;
  location: string | null;
  participants: Participant[];
  /** Members printed as absent from the whole meeting ("Fraværende:", "Afbud:" in the header). */
  absent: Participant[];
  /** Members who took no part in some items ("Anne Hansen deltog ikke i behandlingen af punkt 5"). */
  partialAbsences: PartialAbsence[];
  /** Line of the first text in the header, for errors about the header. */
  firstLine: number | null;
  warnings: ParseWarning[];
}

type Field = "date" | "time" | "start" | "end" | "location" | "participants" | "absent" | "committee" | "kind";

// Labels that may carry their value after a space without a colon ("Mødedato Tirsdag d. 19. marts 2024").
const SPACED_LABELS: ReadonlyArray<readonly [string, Field]> = [
  ["mødedato", "date"],
  ["afholdelsesdato", "date"],
  ["mødetidspunkt", "time"],
  ["mødetid", "time"],
  ["mødestart", "time"],
  ["møde start", "time"],
  ["mødestarttidspunkt", "time"],
  ["klokkeslæt", "time"],
  ["klokken", "time"],
  ["mødested", "location"],
  ["mødelokale", "location"],
  ["mødelokation", "location"],
  ["mødeadresse", "location"],
  ["mødedeltagere", "participants"],
  ["starttidspunkt", "start"],
  ["sluttidspunkt", "end"],
  ["mødeslut", "end"],
  ["møde slut", "end"],
];
// Labels that need a colon or stand alone with the value on the next line ("STED" / "Byrådssalen").
const COLON_LABELS: ReadonlyArray<readonly [string, Field]> = [
  ["dato", "date"],
  ["afholdt", "date"],
  ["afholdt den", "date"],
  ["mødedag", "date"],
  ["tidspunkt", "time"],
  ["tid", "time"],
  ["start", "start"],
  ["starttid", "start"],
  ["slut", "end"],
  ["sluttid", "end"],
  ["sted", "location"],
  ["lokale", "location"],
  ["lokation", "location"],
  ["adresse", "location"],
  ["deltagere", "participants"],
  ["medlemmer", "participants"],
  ["til stede", "participants"],
  ["tilstede", "participants"],
  ["fremmødte", "participants"],
  ["fraværende", "absent"],
  ["afbud", "absent"],
  ["fravær", "absent"],
  ["udvalg", "committee"],
  ["mødeforum", "committee"],
  ["forum", "committee"],
  ["møde", "kind"],
  ["mødetype", "kind"],
];

const TITLE = /^(referat|dagsorden|beslutningsprotokol|protokol)(?![\p{L}])\s*(?:fra|for|[-–:])?\s*(.*)$/iu;
const TITLE_AT_END = /^(.+?)\s*[-–:]\s*(referat|dagsorden)$/i;
const BODY_WORD = /(udvalg|byråd|kommunalbestyrelse|råd(?:et)?(?!\p{L})|nævn|bestyrelse|direktion|forum)/iu;
const TOC_HEADING = /^(?:indholdsfortegnelse|indhold|punkter|dagsordenpunkter|oversigt over punkter)$/i;
const TOC_LINE = /\.{4,}|…{2,}|\t\s*\d+\s*$/;
const ELECTION_PERIOD = /\s*[-–]?\s*\(?(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\)?\s*$/;
const TRAILING_DATE = /\s+(?:d\.|den|[-–])\s*\d{1,2}[-./]\d{1,2}[-./]\d{4}.*$|\s+(?:d\.|den)\s+\d{1,2}\.\s*\p{L}+\s+\d{4}.*$/u;

function labelPattern(labels: ReadonlyArray<readonly [string, Field]>, separator: string): RegExp {
  const names = labels.map(([label]) => label).sort((a, b) => b.length - a.length);
  return new RegExp(`^(${names.join("|")})(?![\\p{L}])${separator}(.*)$`, "iu");
}
const SPACED_FIELD = labelPattern(SPACED_LABELS, "\\s*:?\\s*");
const COLON_FIELD = labelPattern([...COLON_LABELS, ...SPACED_LABELS], "\\s*(?::\\s*|$)");
const FIELD_BY_LABEL: ReadonlyMap<string, Field> = new Map([...SPACED_LABELS, ...COLON_LABELS]);

/** Remove the election period and separators from a committee name ("Arbejdsmarkedsudvalget - 2022-2025"). */
export function cleanCommitteeName(raw: string): string {
  return raw
    .replace(TRAILING_DATE, "")
    .replace(ELECTION_PERIOD, "")
    .replace(/^[\s\-–:,]+|[\s\-–:,]+$/g, "")
    .trim();
}

function readField(text: string): { field: Field; value: string } | null {
  const match = SPACED_FIELD.exec(text) ?? COLON_FIELD.exec(text);
  const field = match ? FIELD_BY_LABEL.get((match[1] ?? "").toLowerCase()) : undefined;
  if (!match || field === undefined) return null;
  return { field, value: (match[2] ?? "").trim() };
}

function kindOf(text: string): "referat" | "dagsorden" | null {
  if (/^(?:referat|beslutningsprotokol|protokol)$/i.test(text.trim())) return "referat";
  if (/^dagsorden$/i.test(text.trim())) return "dagsorden";
  return null;
}

/**
 * Read the meeting header: the title line ("REFERAT <udvalg> d. 19-03-2024"), labelled fields in the
 * forms the families print them (Mødedato, Dato:, Mødetidspunkt, Tidspunkt:, Mødested, Lokale:,
 * Sted:, STARTTIDSPUNKT / value on the next line …), participants, and the table of contents,
 * which is skipped. Lines that fit none of these become warnings.
 */
export function parseHeader(lines: readonly SourceLine[], family: Family): MeetingHeader {
  const header: MeetingHeader = {
    committee: null,
    kind: null,
    date: null,
    startTime: null,
    endTime: null,
    location: null,
    participants: [],
    absent: [],
    partialAbsences: [],
    firstLine: null,
    warnings: [],
  };
  const nonBlank = lines.filter((line) => line.text.trim() !== "");
  header.firstLine = nonBlank[0]?.no ?? null;
  let isInToc = false;
  let committeeFromTitle: string | null = null;
  let dateFromTitle: string | null = null;
  for (let i = 0; i < nonBlank.length; i += 1) {
    const line = nonBlank[i];
    if (!line) continue;
    const text = line.text.trim();
    if (isArtifactLine(family, text)) continue;
    if (TOC_HEADING.test(text)) {
      isInToc = true;
      continue;
    }
    const field = readField(text);
    if (field) {
      let value = field.value;
      if (value === "") {
        const next = nonBlank[i + 1];
        if (next && readField(next.text.trim()) === null && !TOC_HEADING.test(next.text.trim())) {
          value = next.text.trim();
          i += 1;
          // A participant list printed one name per line continues until the next label.
          if (field.field === "participants" || field.field === "absent") {
            while (nonBlank[i + 1] && isContinuation(nonBlank[i + 1]?.text ?? "", nonBlank[i]?.no ?? 0, nonBlank[i + 1]?.no ?? 0)) {
              value = `${value}\n${nonBlank[i + 1]?.text.trim() ?? ""}`;
              i += 1;
            }
          }
        }
      }
      if (applyField(header, field.field, value, line.no)) continue;
      header.warnings.push({ line: line.no, message: "Feltet i mødehovedet kunne ikke læses", text });
      continue;
    }
    if (isInToc || TOC_LINE.test(text)) continue;
    const title = TITLE.exec(text);
    if (title && header.kind === null) {
      header.kind = /^dagsorden$/i.test(title[1] ?? "") ? "dagsorden" : "referat";
      const rest = title[2] ?? "";
      dateFromTitle = findDanishDate(rest);
      const committee = cleanCommitteeName(rest);
      if (committee !== "") committeeFromTitle = committee;
      continue;
    }
    const titleAtEnd = TITLE_AT_END.exec(text);
    if (titleAtEnd && header.kind === null) {
      header.kind = /^dagsorden$/i.test(titleAtEnd[2] ?? "") ? "dagsorden" : "referat";
      committeeFromTitle = cleanCommitteeName(titleAtEnd[1] ?? "");
      continue;
    }
    if (header.kind === null && kindOf(text) !== null) {
      header.kind = kindOf(text);
      continue;
    }
    if (committeeFromTitle === null && header.committee === null && BODY_WORD.test(text) && text.length <= 120 && !/[.!?]$/.test(text)) {
      committeeFromTitle = cleanCommitteeName(text);
      continue;
    }
    if (isMunicipalityLine(text)) continue;
    const partial = readPartialAbsences(text, line.no);
    if (partial.length > 0) {
      header.partialAbsences.push(...partial);
      continue;
    }
    header.warnings.push({ line: line.no, message: "Linjen i mødehovedet blev ikke genkendt", text });
  }
  header.committee ??= committeeFromTitle;
  header.date ??= dateFromTitle;
  return header;
}

function isContinuation(text: string, previousNo: number, nextNo: number): boolean {
  const trimmed = text.trim();
  return nextNo === previousNo + 1 && readField(trimmed) === null && !TOC_HEADING.test(trimmed) && !TOC_LINE.test(trimmed);
}

function isMunicipalityLine(text: string): boolean {
  if (text.length > 60) return false;
  return countMunicipalityMentions(text).size === 1 && !/[.!?]$/.test(text);
}

/**
 * Times in the value of a time label: there a bare "14.00" is a time ("Klokken 14.00"), which
 * elsewhere needs "kl." before it so amounts and dates are not read as times.
 */
function findLabelledTimes(value: string): string[] {
  const times = findTimes(value);
  return times.length > 0 ? times : findTimes(`kl. ${value}`);
}

function applyField(header: MeetingHeader, field: Field, value: string, line: number): boolean {
  if (value === "") return true;
  switch (field) {
    case "date":
    case "start": {
      const date = findDanishDate(value);
      const times = findTimes(value);
      if (date === null && times.length === 0) return false;
      header.date ??= date;
      if (times[0]) header.startTime ??= times[0];
      if (times[1]) header.endTime ??= times[1];
      return true;
    }
    case "time": {
      const times = findLabelledTimes(value);
      if (times.length === 0) return false;
      header.startTime ??= times[0] ?? null;
      header.endTime ??= times[1] ?? null;
      return true;
    }
    case "end": {
      const times = findLabelledTimes(value);
      if (times.length === 0) return false;
      header.endTime ??= times[times.length - 1] ?? null;
      return true;
    }
    case "location":
      readLocation(header, value);
      return true;
    case "participants":
      for (const participant of parseNameList(value)) header.participants.push(participant);
      return true;
    case "absent":
      // "Afbud: Hans Hansen (V). Anne Hansen (F) deltog ikke i behandlingen af punkt 5."
      for (const sentence of value.split(/(?<=[.)])\s+(?=\p{Lu})|\n+/u)) {
        const partial = readPartialAbsences(sentence, line);
        if (partial.length > 0) header.partialAbsences.push(...partial);
        else header.absent.push(...parseAbsentees(sentence));
      }
      return true;
    case "committee":
      header.committee = cleanCommitteeName(value);
      return true;
    case "kind":
      header.kind = kindOf(value) ?? header.kind;
      return kindOf(value) !== null;
  }
}

// Faxe: "Mødested Udvalgslokale 2 - kl. 19.00-22.00" – the place and the meeting's time span.
function readLocation(header: MeetingHeader, value: string): void {
  const timePart = /\s*[-–,]?\s*kl\.?\s*\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?\s*$/i.exec(value);
  let place = value;
  if (timePart) {
    const times = findTimes(timePart[0]);
    header.startTime ??= times[0] ?? null;
    if (times[1]) header.endTime ??= times[1];
    place = value.slice(0, timePart.index).trim();
  }
  if (place === "") return;
  header.location = header.location === null ? place : `${header.location}, ${place}`;
}
