import { detectFamily } from "./families";
import { parseHeader } from "./header";
import { droppedRange } from "./closed-items";
import { findHeadingCandidates } from "./item-headings";
import { inferMunicipality, resolveMunicipality } from "./municipalities";
import { findBinaryLine, normalizeText } from "./normalize";
import { parseItem } from "./parse-item";
import { removeRunningHeaders } from "./running-headers";
import { segmentItems } from "./segment-items";
import { readTableOfContents } from "./table-of-contents";
import type { LineRange, ParsedItem, ParseHints, ParseResult, ParseWarning, SourceLine } from "./types";

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
  if (header.startTime === null) {
    return fail('Intet mødetidspunkt fundet i mødehovedet (fx "kl. 14:00", "Tidspunkt:" eller "Mødetidspunkt:").', header.firstLine ?? firstTextLine);
  }

  const warnings: ParseWarning[] = [...header.warnings];
  const items: ParsedItem[] = [];
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
    warnings.push(...segment.warnings, ...parsed.warnings);
    if (parsed.dropped) droppedLineRanges.push(parsed.dropped);
    // An open item cut by a "Lukket dagsorden" line: the line and everything after it are closed.
    const closedTail = droppedRange(lines.slice(segment.publicEnd, segment.bodyEnd));
    if (!segment.isClosed && closedTail) droppedLineRanges.push(closedTail);
    publicLines.push(headingLine);
    if (!parsed.item.closed) publicLines.push(...body);
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

  const absentFromMeeting = header.absent;
  const participants = header.participants.filter((participant) => !absentFromMeeting.includes(participant.name));
  for (const item of items) {
    if (item.closed || absentFromMeeting.length === 0) continue;
    item.absent = [...new Set([...absentFromMeeting, ...item.absent])];
  }
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
      items,
      warnings: warnings.sort((a, b) => a.line - b.line),
    },
    droppedLineRanges,
  };
}
