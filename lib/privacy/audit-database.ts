import { isBareMarkerLine } from "@/lib/ingest/source-text";
import type { PrismaClient } from "@/lib/db/client";
import { parseMinutes, type Block, type LineRange, type ParsedItem, type ParsedMeeting } from "@/lib/minutes";
import { checkCpr, checkOpenText, count, createReport, jsonStrings, type AuditReport } from "./audit-report";
import { blockTexts, findPrivacyViolations } from "./check-parsed-meeting";
import { findMarkersInOpenItems } from "./open-item-lines";

const BATCH = 1000;

interface TextColumn {
  table: string;
  column: string;
  hasIntegerId: boolean;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Every text, JSON and text-array column of every table in the current schema, read from
 * information_schema, so a column added later is audited without touching this code.
 */
async function listTextColumns(prisma: PrismaClient): Promise<TextColumn[]> {
  return prisma.$queryRaw<TextColumn[]>`
    SELECT c.table_name AS "table", c.column_name AS "column",
           EXISTS (SELECT 1 FROM information_schema.columns k
                   WHERE k.table_schema = c.table_schema AND k.table_name = c.table_name
                     AND k.column_name = 'id' AND k.data_type IN ('integer', 'bigint')) AS "hasIntegerId"
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
           OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_json', '_jsonb')))
    ORDER BY 1, 2`;
}

/**
 * CPR-shaped numbers in every stored text: all text, JSON and text-array columns of all tables,
 * read in batches by id. JSON and arrays are checked string by string, so a line break inside a
 * JSON string is a line break to the detector.
 */
export async function scanStoredTexts(prisma: PrismaClient): Promise<AuditReport> {
  const report = createReport("tabelkolonner", "værdier");
  const columns = await listTextColumns(prisma);
  for (const { table, column, hasIntegerId } of columns) {
    count(report, "tabelkolonner");
    const col = quoteIdent(column);
    const from = quoteIdent(table);
    // Only values holding a digit can hold a CPR number; the rest need not leave the database.
    const where = `${col} IS NOT NULL AND ${col}::text ~ '[0-9]'`;
    const check = (id: string, value: unknown) => {
      count(report, "værdier");
      const location = `${table}.${column} id=${id}`;
      if (typeof value === "string") checkCpr(report, location, value);
      else for (const text of jsonStrings(value)) checkCpr(report, location, text);
    };
    if (!hasIntegerId) {
      const rows = await prisma.$queryRawUnsafe<Array<{ id: string; value: unknown }>>(`SELECT ctid::text AS id, ${col} AS value FROM ${from} WHERE ${where}`);
      for (const row of rows) check(row.id, row.value);
      continue;
    }
    for (let after = -1; ; ) {
      const rows = await prisma.$queryRawUnsafe<Array<{ id: number; value: unknown }>>(
        `SELECT id::int AS id, ${col} AS value FROM ${from} WHERE id > $1 AND ${where} ORDER BY id LIMIT ${BATCH}`,
        after,
      );
      for (const row of rows) check(String(row.id), row.value);
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]?.id ?? after;
    }
  }
  return report;
}

interface OpenItemRow {
  id: number;
  number: string;
  title: string;
  decision: string | null;
  caseNumber: string | null;
  marker: string | null;
}

/**
 * Closed markers inside open items (titles, decisions, section headings, texts and blocks,
 * attachment titles), and closed items that carry more than number and title.
 */
export async function scanAgendaItems(prisma: PrismaClient): Promise<AuditReport> {
  const report = createReport("åbne punkter", "lukkede punkter", "afsnit", "bilag");
  for (let after = 0; ; ) {
    const items = await prisma.$queryRaw<OpenItemRow[]>`
      SELECT id, number, title, decision, "caseNumber", marker FROM "AgendaItem"
      WHERE NOT closed AND id > ${after} ORDER BY id LIMIT ${BATCH}`;
    for (const item of items) {
      count(report, "åbne punkter");
      const at = `AgendaItem id=${item.id} (punkt ${item.number})`;
      checkOpenText(report, `${at} titel`, item.title);
      checkOpenText(report, `${at} markør`, item.marker ? `(${item.marker})` : "");
      checkOpenText(report, `${at} sagsnummer`, item.caseNumber ?? "");
      checkOpenText(report, `${at} beslutning`, item.decision ?? "");
    }
    if (items.length < BATCH) break;
    after = items[items.length - 1]?.id ?? after;
  }
  for (let after = 0; ; ) {
    const sections = await prisma.$queryRaw<Array<{ id: number; itemId: number; heading: string; text: string; blocks: unknown }>>`
      SELECT s.id, s."itemId", s.heading, s.text, s.blocks FROM "Section" s JOIN "AgendaItem" i ON i.id = s."itemId"
      WHERE NOT i.closed AND s.id > ${after} ORDER BY s.id LIMIT ${BATCH}`;
    for (const section of sections) {
      count(report, "afsnit");
      const at = `Section id=${section.id} (AgendaItem id=${section.itemId})`;
      checkOpenText(report, `${at} overskrift`, section.heading);
      checkOpenText(report, `${at} tekst`, section.text);
      // Blocks as printed: a table row is one line, so a "Lukket" status cell is not a marker.
      const blocks = Array.isArray(section.blocks) ? (section.blocks as Block[]) : [];
      for (const text of blockTexts(blocks)) checkOpenText(report, `${at} blocks`, text);
    }
    if (sections.length < BATCH) break;
    after = sections[sections.length - 1]?.id ?? after;
  }
  const attachments = await prisma.$queryRaw<Array<{ id: number; itemId: number; title: string }>>`
    SELECT a.id, a."itemId", a.title FROM "Attachment" a JOIN "AgendaItem" i ON i.id = a."itemId" WHERE NOT i.closed`;
  for (const attachment of attachments) {
    count(report, "bilag");
    checkOpenText(report, `Attachment id=${attachment.id} (AgendaItem id=${attachment.itemId}) titel`, attachment.title);
  }

  const closed = await prisma.$queryRaw<Array<{ id: number; number: string; sections: number; attachments: number; hasBody: boolean; hasVotes: boolean }>>`
    SELECT i.id, i.number,
           (SELECT count(*)::int FROM "Section" s WHERE s."itemId" = i.id) AS sections,
           (SELECT count(*)::int FROM "Attachment" a WHERE a."itemId" = i.id) AS attachments,
           (i.decision IS NOT NULL OR i."caseNumber" IS NOT NULL OR i.kle IS NOT NULL OR cardinality(i.absent) > 0) AS "hasBody",
           (i.recommendation IS NOT NULL OR i.deviation IS NOT NULL OR i.votes IS NOT NULL OR i."hasDissent" OR i."departsFromRecommendation"
             OR EXISTS (SELECT 1 FROM "PersonVote" v WHERE v."itemId" = i.id) OR EXISTS (SELECT 1 FROM "ItemAbsence" a WHERE a."itemId" = i.id)) AS "hasVotes"
    FROM "AgendaItem" i WHERE i.closed ORDER BY i.id`;
  for (const item of closed) {
    count(report, "lukkede punkter");
    if (item.sections + item.attachments > 0 || item.hasBody || item.hasVotes) {
      report.findings.push({
        location: `AgendaItem id=${item.id} (punkt ${item.number})`,
        problem: `lukket punkt med mere end nummer og titel: ${item.sections} afsnit, ${item.attachments} bilag${item.hasBody ? ", beslutning/sagsnummer/fravær" : ""}${item.hasVotes ? ", indstilling/afstemning/personer" : ""}`,
      });
    }
  }
  return report;
}

/** A stored text read again: its items and closed ranges, trying each known municipality as a hint. */
function readAgain(text: string, hints: readonly (string | undefined)[]): { items: ParsedItem[]; ranges: LineRange[] } | null {
  for (const municipality of hints) {
    const parsed = parseMinutes(text, municipality ? { municipality } : undefined);
    if (parsed.ok) return { items: parsed.meeting.items, ranges: parsed.droppedLineRanges };
  }
  return null;
}

/**
 * Stored source texts keep nothing of closed items: each is read again by the current parser;
 * every line of a closed item's body must be blank, and no line of an open item may carry a
 * closed marker. A text that no longer parses cannot be checked, and is reported.
 */
export async function scanSourceDocuments(prisma: PrismaClient): Promise<AuditReport> {
  const report = createReport("kildedokumenter");
  const municipalities = (await prisma.municipality.findMany({ select: { name: true } })).map((m) => m.name);
  const documents = await prisma.$queryRaw<Array<{ id: number; municipality: string | null; isImported: boolean }>>`
    SELECT d.id, (SELECT mu.name FROM "Meeting" m JOIN "Committee" c ON c.id = m."committeeId"
                  JOIN "Municipality" mu ON mu.id = c."municipalityId" WHERE m."sourceDocumentId" = d.id LIMIT 1) AS municipality,
           EXISTS (SELECT 1 FROM "RemoteMeeting" r WHERE r."sourceDocumentId" = d.id) AS "isImported"
    FROM "SourceDocument" d WHERE d.text <> '' ORDER BY d.id`;
  for (const { id, municipality, isImported } of documents) {
    count(report, "kildedokumenter");
    const { text } = await prisma.sourceDocument.findUniqueOrThrow({ where: { id }, select: { text: true } });
    if (isImported) {
      // An imported meeting is stored as the structured meeting it was mapped to (JSON), not as
      // minutes text: it is checked as the import checked it before writing.
      for (const problem of checkImportedText(text)) report.findings.push({ location: `SourceDocument id=${id} (importeret)`, problem });
      continue;
    }
    const parsed = readAgain(text, municipality ? [municipality] : [undefined, ...municipalities]);
    if (parsed === null) {
      report.findings.push({ location: `SourceDocument id=${id}`, problem: "teksten kan ikke læses igen, så lukkede punkters linjer kan ikke kontrolleres" });
      continue;
    }
    for (const found of findMarkersInOpenItems(text, parsed.items)) {
      report.findings.push({ location: `SourceDocument id=${id} linje ${found.line}`, problem: `lukket-markering ("${found.marker}") i det åbne punkt ${found.itemNumber}` });
    }
    const lines = text.split(/\r\n|\n|\r/u);
    for (const { from, to } of parsed.ranges) {
      // Blank, but for bare marker lines ("Lukket sag"), which the ingest keeps for a reparse.
      const kept = lines.slice(from - 1, to).findIndex((line) => line.trim() !== "" && !isBareMarkerLine(line));
      if (kept >= 0) {
        report.findings.push({ location: `SourceDocument id=${id} linje ${from + kept}`, problem: `et lukket punkts tekst er gemt (linje ${from}-${to} skulle være tomme, på nær rene lukket-markeringer)` });
      }
    }
  }
  return report;
}

/** Problems of an imported meeting's stored JSON: what findPrivacyViolations finds, or unreadable JSON. */
function checkImportedText(text: string): string[] {
  let meeting: ParsedMeeting;
  try {
    meeting = JSON.parse(text) as ParsedMeeting;
  } catch {
    return ["den gemte mødetekst er ikke gyldig JSON og kan ikke kontrolleres"];
  }
  if (!Array.isArray(meeting.items)) return ["den gemte mødetekst har ingen punkter og kan ikke kontrolleres"];
  return findPrivacyViolations(meeting, "", "").map((violation) => violation.reason.replace(/^tilbageholdt: /u, ""));
}
