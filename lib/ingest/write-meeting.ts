import type { ParsedMeeting } from "@/lib/minutes";
import type { PrismaClient } from "@/lib/db/client";
import { meetingPath, personsPath } from "@/lib/data/paths";
import { copenhagenToUtc } from "@/lib/text/format-danish-date";
import { slugifyCommittee } from "@/lib/data/paths";
import { slugifyMunicipality } from "@/lib/text/slugify";
import { linkMeetingCases } from "./link-cases";
import { recordPageChange } from "./page-changes";
import { itemDecisionFields, writePeople } from "./write-people";

/** The transaction client Prisma hands to interactive transactions. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** What is stored of a document's bytes; `shown` when a meeting is built from it. */
export interface StoredDocument {
  status: string;
  parserVersion: string;
  shown: boolean;
}

/**
 * Runs `fn` in a transaction holding advisory locks on this document (its sha256) and on its
 * meeting (`meetingKey`: municipality, committee and date), so concurrent ingests, in one
 * process or several, never write the same document or the same meeting at once, while
 * unrelated documents go in side by side. `fn` receives what is stored for `sha256` as seen
 * after the locks were granted.
 */
export function withIngestLock<T>(
  prisma: PrismaClient,
  sha256: string,
  meetingKey: string | null,
  fn: (tx: Tx, stored: StoredDocument | null) => Promise<T>,
): Promise<T> {
  const keys = [`doc:${sha256}`, ...(meetingKey ? [`meeting:${meetingKey}`] : [])];
  return prisma.$transaction(
    async (tx) => {
      // Locks are taken in key order so two transactions can never wait on each other.
      // synchronous_commit off: a crash may lose the last few commits but never corrupts, and
      // re-running the ingest restores them (unchanged files are recognised by hash).
      await tx.$queryRaw`
        SELECT count(pg_advisory_xact_lock(k))::int AS locks, set_config('synchronous_commit', 'off', true)
        FROM (SELECT hashtextextended(key, 7404) AS k FROM unnest(${keys}::text[]) AS key ORDER BY 1) AS sorted`;
      // A separate statement: in READ COMMITTED it gets a snapshot taken after the locks were
      // granted, so it sees what a concurrent ingest committed while this one waited.
      const [row] = await tx.$queryRaw<Array<{ status: string | null; parserVersion: string | null; shown: boolean }>>`
        SELECT d.status::text AS status, d."parserVersion",
               EXISTS (SELECT 1 FROM "Meeting" m WHERE m."sourceDocumentId" = d.id) AS shown
        FROM "SourceDocument" d WHERE d.sha256 = ${sha256}`;
      const stored = row?.status && row.parserVersion ? { status: row.status, parserVersion: row.parserVersion, shown: row.shown } : null;
      return fn(tx, stored);
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}

/** The lock key of a parsed meeting: meetings of one committee on one date share URL keys. */
export function meetingLockKey(meeting: ParsedMeeting): string {
  return `${meeting.municipality}|${slugifyCommittee(meeting.committee)}|${meeting.date}`;
}

/**
 * Ids of municipalities and committees already written, per ingest run; filled only after a
 * transaction committed (see `remember`), so a rollback never leaves a dangling id.
 */
export interface IdCache {
  municipalities: Map<string, { id: number; slug: string }>;
  committees: Map<string, StoredCommittee>;
}

/** A fresh, empty id cache (one per ingest run). */
export function createIdCache(): IdCache {
  return { municipalities: new Map(), committees: new Map() };
}

async function findOrCreateMunicipality(tx: Tx, name: string): Promise<{ id: number; slug: string }> {
  const [row] = await tx.$queryRaw<Array<{ id: number; slug: string }>>`
    INSERT INTO "Municipality" ("slug", "name") VALUES (${slugifyMunicipality(name)}, ${name})
    ON CONFLICT ("name") DO UPDATE SET "name" = EXCLUDED."name"
    RETURNING "id", "slug"`;
  if (!row) throw new Error(`could not create the municipality ${name}`);
  return row;
}

/** A committee as stored; `name` is the name it was first stored with (or renamed to). */
interface StoredCommittee {
  id: number;
  slug: string;
  name: string;
  /** True when found through a former slug: a renamed committee, not a spelling to warn about. */
  isAlias: boolean;
}

async function findOrCreateCommittee(tx: Tx, municipalityId: number, name: string): Promise<StoredCommittee> {
  const slug = slugifyCommittee(name);
  // A renamed committee keeps answering to its old slug.
  const alias = await tx.committeeSlugAlias.findUnique({
    where: { municipalityId_slug: { municipalityId, slug } },
    select: { committee: { select: { id: true, slug: true, name: true } } },
  });
  if (alias) return { ...alias.committee, isAlias: true };
  // ON CONFLICT instead of Prisma's upsert: two ingests may create the same committee at once.
  const [row] = await tx.$queryRaw<Array<{ id: number; slug: string; name: string }>>`
    INSERT INTO "Committee" ("municipalityId", "slug", "name") VALUES (${municipalityId}, ${slug}, ${name})
    ON CONFLICT ("municipalityId", "slug") DO UPDATE SET "slug" = EXCLUDED."slug"
    RETURNING "id", "slug", "name"`;
  if (!row) throw new Error(`could not create the committee ${name}`);
  return { ...row, isAlias: false };
}

/** A file's name without its folders ("data/2024/vejen.pdf" → "vejen.pdf"). */
function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/**
 * The meeting this document describes, if stored, and the URL key a new one would get. The
 * natural key is committee, date and start time; when no meeting has the start time, the
 * committee's meeting that day from a file of the same name is the same meeting with its start
 * time corrected (two meetings of one committee on one day come from two files).
 */
async function findMeeting(
  tx: Tx,
  committeeId: number,
  date: string,
  startTime: string | null,
  sourceDocumentId: number,
): Promise<{ existing: { id: number; urlKey: string; sourceDocumentId: number } | null; freeUrlKey: string }> {
  const rows = await tx.$queryRaw<Array<{ id: number; urlKey: string; sourceDocumentId: number; startTime: string | null; fileName: string; newFileName: string }>>`
    SELECT m.id, m."urlKey", m."sourceDocumentId", m."startTime", d."fileName",
           (SELECT "fileName" FROM "SourceDocument" WHERE id = ${sourceDocumentId}) AS "newFileName"
    FROM "Meeting" m JOIN "SourceDocument" d ON d.id = m."sourceDocumentId"
    WHERE m."committeeId" = ${committeeId} AND m."date" = ${date}::date`;
  // A former URL key of a moved meeting keeps redirecting there: it is never given to another meeting.
  const aliases = await tx.$queryRaw<Array<{ urlKey: string }>>`
    SELECT "urlKey" FROM "MeetingUrlAlias" WHERE "committeeId" = ${committeeId} AND ("urlKey" = ${date} OR "urlKey" LIKE ${`${date}-%`})`;
  const sameFile = rows.filter((row) => baseName(row.fileName) === baseName(row.newFileName));
  const existing = rows.find((row) => row.startTime === startTime) ?? (sameFile.length === 1 ? sameFile[0] : undefined);
  const taken = new Set([...rows, ...aliases].map((row) => row.urlKey));
  let freeUrlKey = date;
  for (let n = 2; taken.has(freeUrlKey); n += 1) freeUrlKey = `${date}-${n}`;
  return { existing: existing ? { id: existing.id, urlKey: existing.urlKey, sourceDocumentId: existing.sourceDocumentId } : null, freeUrlKey };
}

/** An item's row as stored: a closed item keeps number and title only, whatever the parser held. */
export function storedItemRow(item: ParsedMeeting["items"][number], position: number) {
  return item.closed
    ? { number: item.number, position, title: item.title, closed: true, outcome: "none", absent: [], sourceLine: item.line, ...itemDecisionFields(item) }
    : {
        number: item.number,
        position,
        title: item.title,
        marker: item.marker,
        caseNumber: item.caseNumber,
        kle: item.kle,
        closed: false,
        decision: item.decision,
        outcome: item.outcome,
        absent: item.absent,
        sourceLine: item.line,
        ...itemDecisionFields(item),
      };
}

function itemRows(meeting: ParsedMeeting) {
  return meeting.items.map((item, index) => storedItemRow(item, index + 1));
}

// A type, not an interface: Prisma's JSON input accepts object types without an index signature only so.
/** A warning stored with a meeting (Meeting.warnings) for the data-quality page; `line` when known. */
export type MeetingWarning = {
  line: number | null;
  message: string;
  text: string;
};

const MAX_STORED_WARNINGS = 50;
const MAX_WARNING_TEXT = 200;

/**
 * The parser's warnings (the first 50, texts cut at 200 characters), and one when the committee
 * is already stored under a name that differs only in punctuation, case or accents (the same
 * slug: "Økonomi-udvalget" / "Økonomiudvalget"): the meeting joins it and the first name stays,
 * but not silently.
 */
function meetingWarnings(meeting: ParsedMeeting, committee: StoredCommittee): MeetingWarning[] {
  // Bounded: a document of a million unplaced lines must not become a million warnings on a page.
  const warnings: MeetingWarning[] = meeting.warnings.slice(0, MAX_STORED_WARNINGS).map(({ line, message, text }) => ({
    line,
    message,
    text: text.length > MAX_WARNING_TEXT ? `${text.slice(0, MAX_WARNING_TEXT - 1)}…` : text,
  }));
  if (meeting.warnings.length > MAX_STORED_WARNINGS) {
    warnings.push({ line: null, message: `… og ${meeting.warnings.length - MAX_STORED_WARNINGS} advarsler mere`, text: "" });
  }
  if (!committee.isAlias && committee.name !== meeting.committee) {
    warnings.push({
      line: null,
      message: `Udvalget hedder "${meeting.committee}" i dokumentet, men findes allerede som "${committee.name}" (forskel kun i tegnsætning eller store og små bogstaver). Mødet er lagt under "${committee.name}".`,
      text: meeting.committee,
    });
  }
  return warnings;
}

/**
 * Empties the stored text of a version a correction just replaced, in the correction's
 * transaction, keeping its hash and metadata. A correction may close an item the earlier
 * version published, and that version's text still holds the body; redacting only the newly
 * closed items would mean mapping item numbers onto an older text through the parser, which
 * renumbered items or a parser change would get wrong. Nothing needs the text: reparse reads
 * only the versions meetings show, and a withdrawn correction's earlier bytes, when they come
 * in again, are parsed from the file (see isCurrent in ingest-document.ts).
 */
async function dropSupersededText(tx: Tx, sourceDocumentId: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE "SourceDocument" d SET "text" = ''
    WHERE d.id = ${sourceDocumentId} AND NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m."sourceDocumentId" = d.id)`;
}

/**
 * Upserts the meeting's municipality, committee and meeting (natural key: committee, date,
 * start time; see findMeeting) and replaces its items, sections and attachments, linking each item to
 * its case (link-cases.ts). Closed items are written as number and title only; the text of the version this one replaces is emptied (dropSupersededText).
 * `remember` adds the ids to the cache; call it after the commit. The meeting's warnings (see
 * meetingWarnings) are stored with it and returned.
 */
export async function writeMeeting(
  tx: Tx,
  meeting: ParsedMeeting,
  sourceDocumentId: number,
  cache: IdCache = createIdCache(),
): Promise<{ meetingId: number; url: string; isUpdate: boolean; warnings: MeetingWarning[]; remember: () => void }> {
  const municipality = cache.municipalities.get(meeting.municipality) ?? (await findOrCreateMunicipality(tx, meeting.municipality));
  const committeeKey = `${municipality.id}\u0000${meeting.committee}`;
  const committee = cache.committees.get(committeeKey) ?? (await findOrCreateCommittee(tx, municipality.id, meeting.committee));
  const remember = () => {
    cache.municipalities.set(meeting.municipality, municipality);
    cache.committees.set(committeeKey, committee);
  };

  const fields = {
    endTime: meeting.endTime,
    startsAt: meeting.startTime === null ? null : copenhagenToUtc(meeting.date, meeting.startTime),
    kind: meeting.kind,
    location: meeting.location,
    participants: meeting.participants.map((p) => ({ name: p.name, party: p.party })),
    warnings: meetingWarnings(meeting, committee),
    sourceDocumentId,
  };
  const { existing, freeUrlKey } = await findMeeting(tx, committee.id, meeting.date, meeting.startTime, sourceDocumentId);
  let meetingId: number;
  let urlKey: string;
  let previousCaseIds: number[] = [];
  if (existing) {
    previousCaseIds = (await tx.agendaItem.findMany({ where: { meetingId: existing.id, caseId: { not: null } }, distinct: ["caseId"], select: { caseId: true } }))
      .flatMap((item) => (item.caseId === null ? [] : [item.caseId]));
    await tx.meeting.update({ where: { id: existing.id }, data: { ...fields, startTime: meeting.startTime }, select: { id: true } });
    await tx.agendaItem.deleteMany({ where: { meetingId: existing.id } });
    if (existing.sourceDocumentId !== sourceDocumentId) await dropSupersededText(tx, existing.sourceDocumentId);
    meetingId = existing.id;
    urlKey = existing.urlKey;
  } else {
    urlKey = freeUrlKey;
    const created = await tx.meeting.create({
      data: { ...fields, committeeId: committee.id, date: new Date(`${meeting.date}T00:00:00Z`), startTime: meeting.startTime, urlKey },
      select: { id: true },
    });
    meetingId = created.id;
  }

  const sections = meeting.items.flatMap((item, index) =>
    item.closed
      ? []
      : item.sections.map((section, position) => ({
          itemPosition: index + 1,
          position: position + 1,
          heading: section.heading,
          kind: section.kind,
          text: section.text,
          blocks: section.blocks,
          sourceLine: section.line,
        })),
  );
  const attachments = meeting.items.flatMap((item, index) =>
    item.closed ? [] : item.attachments.map((title, position) => ({ itemPosition: index + 1, position: position + 1, title })),
  );
  // Items, sections and attachments in one statement, rows passed as JSON: Prisma's createMany
  // compiled and bound every row, which made these inserts most of an ingest's time.
  await tx.$executeRaw`
    WITH items AS (
      INSERT INTO "AgendaItem" ("meetingId", "number", "position", "title", "marker", "caseNumber", "kle", "closed", "decision", "outcome", "absent", "sourceLine",
        "recommendation", "deviation", "departsFromRecommendation", "hasDissent", "votes")
      SELECT ${meetingId}, x."number", x."position", x."title", x."marker", x."caseNumber", x."kle", x."closed", x."decision", x."outcome"::"DecisionOutcome", x."absent", x."sourceLine",
        x."recommendation", x."deviation"::"Deviation", COALESCE(x."departsFromRecommendation", false), COALESCE(x."hasDissent", false), x."votes"
      FROM jsonb_to_recordset(${JSON.stringify(itemRows(meeting))}::jsonb)
        AS x("number" text, "position" int, "title" text, "marker" text, "caseNumber" text, "kle" text, "closed" boolean, "decision" text, "outcome" text, "absent" text[], "sourceLine" int,
          "recommendation" text, "deviation" text, "departsFromRecommendation" boolean, "hasDissent" boolean, "votes" jsonb)
      RETURNING "id", "position"
    ), sections AS (
      INSERT INTO "Section" ("itemId", "position", "heading", "kind", "text", "blocks", "sourceLine")
      SELECT items."id", x."position", x."heading", x."kind"::"SectionKind", x."text", x."blocks", x."sourceLine"
      FROM jsonb_to_recordset(${JSON.stringify(sections)}::jsonb)
        AS x("itemPosition" int, "position" int, "heading" text, "kind" text, "text" text, "blocks" jsonb, "sourceLine" int)
      JOIN items ON items."position" = x."itemPosition"
    )
    INSERT INTO "Attachment" ("itemId", "position", "title")
    SELECT items."id", x."position", x."title"
    FROM jsonb_to_recordset(${JSON.stringify(attachments)}::jsonb) AS x("itemPosition" int, "position" int, "title" text)
    JOIN items ON items."position" = x."itemPosition"`;
  await writePeople(tx, municipality.id, meetingId, meeting);
  const cases = await linkMeetingCases(tx, municipality, meetingId, previousCaseIds);
  const url = meetingPath(municipality.slug, committee.slug, urlKey);
  for (const path of [url, ...cases.paths]) await recordPageChange(tx, path);
  // Person pages are not above or below the meeting: forget them all (a person may have gone).
  await recordPageChange(tx, personsPath(municipality.slug));
  return { meetingId, url, isUpdate: existing !== null, warnings: fields.warnings, remember };
}
