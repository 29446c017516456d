import { detectFamily } from "./families";
import { parseHeader } from "./header";
import { droppedRange } from "./closed-items";
import { findHeadingCandidates } from "./item-headings";
import { mergePeople } from "./participants";
import { inferMunicipality, resolveMunicipality } from "./municipalities";
import { findBinaryLine, normalizeText } from "./normalize";
import { parseItem } from "./parse-item";
import { removeRunningHeaders } from "./running-headers";
import { segmentItems } from "./segment-items";
import { readTableOfContents } from "./table-of-contents";
import type { LineRange, ParsedItem, Participant, ParseHints, ParseResult, ParseWarning, SourceLine } from "./types";

/** The warning of a meeting kept without a start time. */
export const MISSING_START_TIME =
  'Intet mødetidspunkt fundet i mødehovedet (fx "kl. 14:00", "Tidspunkt:" eller "Mødetidspunkt:"); mødet er gemt uden klokkeslæt.';

function fail(reason: string, line: number | null): ParseResult {
  return { ok: false, error: { reason, line } };
}

function joinText(lines: readonly SourceLine[]): string {
  return lines.map((line) => line.text).join("\n");
}

function isInRanges(lineNo: number, ranges: readonly LineRange[]): boolean {
  return ranges.some((range) => range.from <= lineNo && lineNo <= range.to);
}

/**
 * The pipeline, in its declared order: reject empty and binary input → normalise lines → remove
 * running page headers and footers → detect the template family → find item heading candidates →
 * read the header (before the first item) and its table of contents → split the items and decide
 * which are closed (failing closed) → parse items, dropping closed ones → resolve the municipality →
 * assemble. May throw on a bug; `parseMinutes` turns that into a ParseError.
 */
export function runPipeline(text: string, hints: ParseHints): ParseResult {
  if (text.trim() === "") return fail("Dokumentet er tomt.", null);
  const binaryLine = findBinaryLine(text);
  if (binaryLine !== null) return fail("Dokumentet ligner binære data, ikke tekst (fx en PDF- eller Word-fil).", binaryLine);

  const { lines, isMarkdown, pageBreaks } = normalizeText(text);
  const runningHeaders = removeRunningHeaders(lines, pageBreaks);
  const family = detectFamily(lines, isMarkdown);
  const candidates = findHeadingCandidates(lines);
  const headerLines = lines.slice(0, candidates[0]?.index ?? lines.length);
  const segments = segmentItems(lines, candidates, readTableOfContents(headerLines));
  const header = parseHeader(headerLines, family);
  const firstTextLine = lines.find((line) => line.text.trim() !== "")?.no ?? 1;

  if (header.date === null) {
    return fail('Ingen mødedato fundet i mødehovedet (fx "Mødedato", "Dato:" eller "REFERAT … d. 19-03-2024").', header.firstLine ?? firstTextLine);
  }
  if (segments.length === 0) {
    return fail('Ingen dagsordenspunkter fundet (fx "Punkt 1: …", "1 (Åben) …" eller "1. …" efterfulgt af et afsnit).', lines.length);
  }
  if (header.committee === null) {
    return fail('Udvalget kunne ikke findes i mødehovedet (fx "REFERAT <udvalg> d. …" eller "Udvalg:").', header.firstLine ?? firstTextLine);
  }
  const warnings: ParseWarning[] = [...header.warnings];
  // Committee and date place the meeting; an unreadable time must not lose the document.
  if (header.startTime === null) warnings.push({ line: header.firstLine ?? firstTextLine, message: MISSING_START_TIME, text: "" });
  const items: ParsedItem[] = [];
  const itemPeople: Participant[] = [];
  const droppedLineRanges: LineRange[] = [];
  const publicLines: SourceLine[] = [...headerLines];
  for (const segment of segments) {
    const { heading } = segment;
    const headingLine = lines[heading.index];
    if (!headingLine) continue;
    const body = lines.slice(heading.index + 1, segment.isClosed ? segment.bodyEnd : segment.publicEnd);
    const context = { meetingDate: header.date, committee: header.committee, family };
    const parsed = parseItem(heading, headingLine, body, context, { isClosed: segment.isClosed, title: segment.title });
    items.push(parsed.item);
    itemPeople.push(...parsed.people);
    for (const warning of [...segment.warnings, ...parsed.warnings]) warnings.push(warning);
    if (parsed.dropped) droppedLineRanges.push(parsed.dropped);
    // An open item cut by a "Lukket dagsorden" line: the line and everything after it are closed.
    const closedTail = droppedRange(lines.slice(segment.publicEnd, segment.bodyEnd));
    if (!segment.isClosed && closedTail) droppedLineRanges.push(closedTail);
    publicLines.push(headingLine);
    // A loop, not push(...body): spreading a million-line body into one call overflows the stack.
    if (!parsed.item.closed) for (const line of body) publicLines.push(line);
  }

  let municipality: string;
  if (hints.municipality !== undefined && hints.municipality.trim() !== "") {
    const resolved = resolveMunicipality(hints.municipality);
    if (!resolved) return fail(`Ukendt kommune: "${hints.municipality}". Angiv en af Danmarks 98 kommuner, fx "Vejen".`, null);
    municipality = resolved.name;
  } else {
    // Closed items are excluded: even a municipality name must not come from their text. Running
    // headers removed from the open text still name the municipality ("Faxe Kommune  Side 3 af 12").
    const openRunningHeaders = runningHeaders.filter((line) => !isInRanges(line.no, droppedLineRanges));
    const inferred = inferMunicipality(joinText(headerLines), joinText([...publicLines, ...openRunningHeaders]));
    if (!inferred) {
      return fail('Kommunen kunne ikke udledes af dokumentet; angiv den med --municipality "<navn>" (hints.municipality).', null);
    }
    municipality = inferred.name;
  }

  const absentFromMeeting = header.absent.map((absentee) => absentee.name);
  const participants = header.participants.filter((participant) => !absentFromMeeting.includes(participant.name));
  for (const item of items) {
    if (item.closed) continue;
    // "Anne Hansen deltog ikke i behandlingen af punkt 5" in the header: absent from item 5 only.
    const partial = header.partialAbsences.filter((absence) => absence.items.includes(item.number)).map((absence) => absence.name);
    if (absentFromMeeting.length === 0 && partial.length === 0) continue;
    item.absent = [...new Set([...absentFromMeeting, ...item.absent, ...partial])];
  }
  const people = mergePeople([...header.participants, ...header.absent, ...header.partialAbsences.map(({ name, party }) => ({ name, party })), ...itemPeople]);
  const kind = header.kind ?? (items.some((item) => item.decision !== null) ? "referat" : "dagsorden");

  return {
    ok: true,
    meeting: {
      municipality,
      committee: header.committee,
      kind,
      date: header.date,
      startTime: header.startTime,
      endTime: header.endTime,
      location: header.location,
      participants,
      people,
      items,
      warnings: warnings.sort((a, b) => a.line - b.line),
    },
    droppedLineRanges,
  };
}
