import { createHash } from "node:crypto";
import os from "node:os";
import { Worker } from "node:worker_threads";
import pg from "pg";
import { caseKeysOfItems } from "@/lib/cases/item-case-keys";
import { generateCorpus } from "@/lib/corpus/generate-corpus";
import { storedItemRow } from "@/lib/ingest/write-meeting";
import { PARSER_VERSION, type ParsedMeeting } from "@/lib/minutes";
import { extractKle } from "@/lib/minutes/case-number";
import { copenhagenToUtc } from "@/lib/text/format-danish-date";
import { slugifyCommittee } from "@/lib/data/paths";
import { slugifyMunicipality } from "@/lib/text/slugify";
import type { ParsedDocument, ParseRequest } from "./bench-parse-document";
import { insertJsonRows, setSequencesToMax, type JsonColumn } from "./bulk-insert";

/** What {@link fillGeneratedCorpus} stored. */
export interface FillSummary {
  meetings: number;
  items: number;
  openItems: number;
  /** Generated documents the parser or the privacy check refused (the ingest would record them as failed). */
  refused: number;
}

const MEETINGS_PER_BATCH = 250;

const MEETING_COLUMNS: JsonColumn[] = [
  ["id", "int"],
  ["committeeId", "int"],
  ["date", "date"],
  ["startTime", "text"],
  ["endTime", "text"],
  ["startsAt", "timestamptz"],
  ["urlKey", "text"],
  ["kind", "text", `"MeetingKind"`],
  ["location", "text"],
  ["participants", "jsonb"],
  ["warnings", "jsonb"],
  ["sourceDocumentId", "int"],
  ["updatedAt", "timestamptz"],
];
const ITEM_COLUMNS: JsonColumn[] = [
  ["id", "int"],
  ["meetingId", "int"],
  ["number", "text"],
  ["position", "int"],
  ["title", "text"],
  ["marker", "text"],
  ["caseNumber", "text"],
  ["kle", "text"],
  ["closed", "boolean"],
  ["decision", "text"],
  ["outcome", "text", `"DecisionOutcome"`],
  ["absent", "text[]"],
  ["recommendation", "text"],
  ["deviation", "text", `"Deviation"`],
  ["departsFromRecommendation", "boolean"],
  ["hasDissent", "boolean"],
  ["votes", "jsonb"],
  ["sourceLine", "int"],
  ["caseId", "int"],
];
const SECTION_COLUMNS: JsonColumn[] = [
  ["itemId", "int"],
  ["position", "int"],
  ["heading", "text"],
  ["kind", "text", `"SectionKind"`],
  ["text", "text"],
  ["blocks", "jsonb"],
  ["sourceLine", "int"],
];
const ATTACHMENT_COLUMNS: JsonColumn[] = [
  ["itemId", "int"],
  ["position", "int"],
  ["title", "text"],
];
const DOCUMENT_COLUMNS: JsonColumn[] = [
  ["id", "int"],
  ["fileName", "text"],
  ["sha256", "text"],
  ["size", "int"],
  ["encoding", "text"],
  ["text", "text"],
  ["parserVersion", "text"],
  ["status", "text", `"DocumentStatus"`],
  ["cprRedactions", "int"],
];
const CASE_COLUMNS: JsonColumn[] = [
  ["id", "int"],
  ["municipalityId", "int"],
  ["number", "text"],
  ["slug", "text"],
  ["kle", "text"],
];

type Row = Record<string, unknown>;

/** The rows of one batch of meetings, table by table. */
interface Batch {
  documents: Row[];
  meetings: Row[];
  items: Row[];
  sections: Row[];
  attachments: Row[];
  cases: Row[];
}

const emptyBatch = (): Batch => ({ documents: [], meetings: [], items: [], sections: [], attachments: [], cases: [] });

/**
 * Loads a generated corpus (lib/corpus, the documents `npm run bench:search` used to ingest) into
 * the database at `url` straight in SQL, many meetings a statement: each document is redacted,
 * parsed and privacy-checked as the ingest does (lib/ingest/ingest-document.ts), and stored in
 * the rows writeMeeting writes for it: municipality, committee, source document, meeting, items
 * (a closed item as number and title only), sections, attachments and cases (the same case keys,
 * lib/cases). Left out, since the search never reads them: the source text (stored empty),
 * persons, attendance and votes per person, and page changes. Ids are given here and the
 * sequences moved past them afterwards, so a later ingest (the samples) goes on from there.
 * For a database only this process writes to.
 */
export async function fillGeneratedCorpus(url: string, meetings: number, seed: number, log: (message: string) => void): Promise<FillSummary> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    const next = await startIds(client);
    const municipalities = new Map<string, number>();
    const committees = new Map<string, number>();
    const urlKeys = new Map<string, number>();
    const cases = new Map<string, number>();
    const summary: FillSummary = { meetings: 0, items: 0, openItems: 0, refused: 0 };
    const started = performance.now();
    let batch = emptyBatch();
    let pending: Promise<void> = Promise.resolve();
    let index = 0;

    const idOf = async (map: Map<string, number>, key: string, create: () => Promise<number>) => {
      const known = map.get(key);
      if (known !== undefined) return known;
      const id = await create();
      map.set(key, id);
      return id;
    };

    for await (const document of parsedCorpus(meetings, seed)) {
      index++;
      const { meeting, cprRedactions } = document.parsed;
      if (meeting === null) {
        summary.refused++;
        continue;
      }
      // Municipality and committee rows are few: written at once, as the ingest does.
      const municipalityId = await idOf(municipalities, meeting.municipality, () => upsertMunicipality(client, meeting.municipality));
      const committeeId = await idOf(committees, `${municipalityId}\u0000${meeting.committee}`, () => upsertCommittee(client, municipalityId, meeting.committee));
      const documentId = next.document++;
      batch.documents.push({
        id: documentId,
        fileName: document.fileName,
        sha256: document.sha256,
        size: document.size,
        encoding: "utf-8",
        text: "",
        parserVersion: PARSER_VERSION,
        status: "ok",
        cprRedactions,
      });
      const dayKey = `${committeeId}|${meeting.date}`;
      const sameDay = (urlKeys.get(dayKey) ?? 0) + 1;
      urlKeys.set(dayKey, sameDay);
      const meetingId = next.meeting++;
      batch.meetings.push(meetingRow(meeting, meetingId, committeeId, documentId, sameDay === 1 ? meeting.date : `${meeting.date}-${sameDay}`));
      const keys = caseKeysOfItems(meeting.items);
      meeting.items.forEach((item, i) => {
        const itemId = next.item++;
        const key = keys[i] ?? null;
        let caseId: number | null = null;
        if (key !== null) {
          const caseKey = `${municipalityId}|${key.slug}`;
          caseId = cases.get(caseKey) ?? null;
          if (caseId === null) {
            caseId = next.case++;
            cases.set(caseKey, caseId);
            batch.cases.push({ id: caseId, municipalityId, number: key.number, slug: key.slug, kle: extractKle(key.number) });
          }
        }
        // The ingest's own row: a closed item keeps number and title only.
        batch.items.push({ id: itemId, meetingId, ...storedItemRow(item, i + 1), ...(item.closed ? {} : { caseId }) });
        summary.items++;
        if (item.closed) return;
        summary.openItems++;
        item.sections.forEach((section, position) =>
          batch.sections.push({ itemId, position: position + 1, heading: section.heading, kind: section.kind, text: section.text, blocks: section.blocks, sourceLine: section.line }),
        );
        item.attachments.forEach((title, position) => batch.attachments.push({ itemId, position: position + 1, title }));
      });
      summary.meetings++;
      if (summary.meetings % MEETINGS_PER_BATCH === 0) {
        const full = batch;
        batch = emptyBatch();
        // Written while the next batch is generated and parsed.
        await pending;
        pending = writeBatch(client, full);
        if (summary.meetings % (MEETINGS_PER_BATCH * 40) === 0) {
          const elapsed = (performance.now() - started) / 1000;
          log(`  fyldt ${summary.meetings}/${meetings} møder (${summary.items} punkter), ${(summary.meetings / elapsed).toFixed(0)} møder/s`);
        }
      }
    }
    await pending;
    await writeBatch(client, batch);
    await setSequencesToMax(client, ["SourceDocument", "Meeting", "AgendaItem", "Case", "Section", "Attachment", "Municipality", "Committee"]);
    await client.query(`ANALYZE`);
    if (index !== meetings) throw new Error(`The generator gave ${index} documents, expected ${meetings}`);
    return summary;
  } finally {
    await client.end();
  }
}

const DOCUMENTS_PER_MESSAGE = 25;

/**
 * The generated corpus in order, each document parsed ({@link parseDocument}) on worker threads
 * (one per core): parsing is most of a fill's time. The text itself is not kept.
 */
async function* parsedCorpus(meetings: number, seed: number): AsyncGenerator<{ fileName: string; sha256: string; size: number; parsed: ParsedDocument }> {
  const workers = Array.from({ length: Math.max(1, os.availableParallelism()) }, () => new Worker(new URL("./bench-parse-worker.mjs", import.meta.url)));
  const waiting = new Map<number, { resolve: (results: ParsedDocument[]) => void; reject: (error: unknown) => void }>();
  for (const worker of workers) {
    worker.on("message", (message: { batch: number; results: ParsedDocument[] }) => {
      waiting.get(message.batch)?.resolve(message.results);
      waiting.delete(message.batch);
    });
    worker.on("error", (error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
  }
  const inFlight: Array<{ docs: Array<{ fileName: string; sha256: string; size: number }>; results: Promise<ParsedDocument[]> }> = [];
  let batch = 0;
  let requests: ParseRequest[] = [];
  let metas: Array<{ fileName: string; sha256: string; size: number }> = [];
  const send = () => {
    const id = batch++;
    const results = new Promise<ParsedDocument[]>((resolve, reject) => waiting.set(id, { resolve, reject }));
    workers[id % workers.length]?.postMessage({ batch: id, docs: requests });
    inFlight.push({ docs: metas, results });
    requests = [];
    metas = [];
  };
  try {
    for (const document of generateCorpus({ meetings, seed })) {
      requests.push({ fileName: document.fileName, text: document.text });
      metas.push({ fileName: document.fileName, sha256: createHash("sha256").update(document.text).digest("hex"), size: Buffer.byteLength(document.text) });
      if (requests.length < DOCUMENTS_PER_MESSAGE) continue;
      send();
      while (inFlight.length > workers.length * 4) yield* settle(inFlight.shift());
    }
    if (requests.length > 0) send();
    while (inFlight.length > 0) yield* settle(inFlight.shift());
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

async function* settle(
  entry: { docs: Array<{ fileName: string; sha256: string; size: number }>; results: Promise<ParsedDocument[]> } | undefined,
): AsyncGenerator<{ fileName: string; sha256: string; size: number; parsed: ParsedDocument }> {
  if (entry === undefined) return;
  const results = await entry.results;
  for (const [i, doc] of entry.docs.entries()) {
    const parsed = results[i];
    if (parsed === undefined) throw new Error(`The parse worker answered ${results.length} of ${entry.docs.length} documents`);
    yield { ...doc, parsed };
  }
}

async function writeBatch(client: pg.Client, batch: Batch): Promise<void> {
  await insertJsonRows(client, "SourceDocument", DOCUMENT_COLUMNS, batch.documents);
  await insertJsonRows(client, "Meeting", MEETING_COLUMNS, batch.meetings);
  await insertJsonRows(client, "Case", CASE_COLUMNS, batch.cases);
  await insertJsonRows(client, "AgendaItem", ITEM_COLUMNS, batch.items);
  await insertJsonRows(client, "Section", SECTION_COLUMNS, batch.sections);
  await insertJsonRows(client, "Attachment", ATTACHMENT_COLUMNS, batch.attachments);
}

function meetingRow(meeting: ParsedMeeting, id: number, committeeId: number, sourceDocumentId: number, urlKey: string): Row {
  return {
    id,
    committeeId,
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    startsAt: meeting.startTime === null ? null : copenhagenToUtc(meeting.date, meeting.startTime).toISOString(),
    urlKey,
    kind: meeting.kind,
    location: meeting.location,
    participants: meeting.participants.map((p) => ({ name: p.name, party: p.party })),
    warnings: meeting.warnings.slice(0, 50).map(({ line, message, text }) => ({ line, message, text: text.slice(0, 200) })),
    sourceDocumentId,
    updatedAt: new Date().toISOString(),
  };
}

/** The next free id of each table the fill gives ids in. */
async function startIds(client: pg.Client): Promise<{ document: number; meeting: number; item: number; case: number }> {
  const { rows } = await client.query<{ d: number; m: number; i: number; c: number }>(`
    SELECT (SELECT coalesce(max(id), 0) FROM "SourceDocument")::int AS d, (SELECT coalesce(max(id), 0) FROM "Meeting")::int AS m,
           (SELECT coalesce(max(id), 0) FROM "AgendaItem")::int AS i, (SELECT coalesce(max(id), 0) FROM "Case")::int AS c`);
  const row = rows[0];
  if (!row) throw new Error("no max ids");
  return { document: row.d + 1, meeting: row.m + 1, item: row.i + 1, case: row.c + 1 };
}

async function upsertMunicipality(client: pg.Client, name: string): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO "Municipality" ("slug", "name") VALUES ($1, $2) ON CONFLICT ("name") DO UPDATE SET "name" = EXCLUDED."name" RETURNING "id"`,
    [slugifyMunicipality(name), name],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`could not create the municipality ${name}`);
  return id;
}

async function upsertCommittee(client: pg.Client, municipalityId: number, name: string): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO "Committee" ("municipalityId", "slug", "name") VALUES ($1, $2, $3)
     ON CONFLICT ("municipalityId", "slug") DO UPDATE SET "slug" = EXCLUDED."slug" RETURNING "id"`,
    [municipalityId, slugifyCommittee(name), name],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`could not create the committee ${name}`);
  return id;
}
