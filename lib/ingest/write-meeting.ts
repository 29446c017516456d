import type { ParsedMeeting } from "@/lib/minutes";
import type { PrismaClient } from "@/lib/db/client";
import { meetingPath } from "@/lib/data/paths";
import { copenhagenToUtc } from "@/lib/text/format-danish-date";
import { slugify, slugifyMunicipality } from "@/lib/text/slugify";

/** The transaction client Prisma hands to interactive transactions. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Global key for ingest writes: one document is written at a time across all processes. */
const INGEST_LOCK = 7_404_2024;

/** Runs `fn` in a transaction holding the ingest lock, so concurrent ingests never race. */
export function withIngestLock<T>(prisma: PrismaClient, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK}::bigint)`;
      return fn(tx);
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}

async function findOrCreateCommittee(tx: Tx, municipalityId: number, name: string): Promise<{ id: number; slug: string }> {
  const slug = slugify(name);
  // A renamed committee keeps answering to its old slug.
  const alias = await tx.committeeSlugAlias.findUnique({
    where: { municipalityId_slug: { municipalityId, slug } },
    include: { committee: true },
  });
  if (alias) return alias.committee;
  return tx.committee.upsert({
    where: { municipalityId_slug: { municipalityId, slug } },
    create: { municipalityId, slug, name },
    update: {},
  });
}

/** "2024-03-19", or "2024-03-19-2" when the committee already met that day. */
async function nextUrlKey(tx: Tx, committeeId: number, date: string): Promise<string> {
  const taken = new Set(
    (await tx.meeting.findMany({ where: { committeeId, urlKey: { startsWith: date } }, select: { urlKey: true } })).map((m) => m.urlKey),
  );
  if (!taken.has(date)) return date;
  let n = 2;
  while (taken.has(`${date}-${n}`)) n += 1;
  return `${date}-${n}`;
}

/**
 * Upserts the meeting's municipality, committee and meeting (natural key: committee, date,
 * start time) and replaces its items, sections and attachments. Closed items are written as
 * number and title only, whatever the parsed item holds. Returns whether the meeting existed.
 */
export async function writeMeeting(
  tx: Tx,
  meeting: ParsedMeeting,
  sourceDocumentId: number,
): Promise<{ meetingId: number; url: string; isUpdate: boolean }> {
  const municipality = await tx.municipality.upsert({
    where: { name: meeting.municipality },
    create: { name: meeting.municipality, slug: slugifyMunicipality(meeting.municipality) },
    update: {},
  });
  const committee = await findOrCreateCommittee(tx, municipality.id, meeting.committee);
  const date = new Date(`${meeting.date}T00:00:00Z`);
  const fields = {
    endTime: meeting.endTime,
    startsAt: copenhagenToUtc(meeting.date, meeting.startTime),
    kind: meeting.kind,
    location: meeting.location,
    participants: meeting.participants.map((p) => ({ name: p.name, party: p.party })),
    sourceDocumentId,
  };
  const existing = await tx.meeting.findUnique({
    where: { committeeId_date_startTime: { committeeId: committee.id, date, startTime: meeting.startTime } },
  });
  let meetingId: number;
  let urlKey: string;
  if (existing) {
    await tx.meeting.update({ where: { id: existing.id }, data: fields });
    await tx.agendaItem.deleteMany({ where: { meetingId: existing.id } });
    meetingId = existing.id;
    urlKey = existing.urlKey;
  } else {
    urlKey = await nextUrlKey(tx, committee.id, meeting.date);
    const created = await tx.meeting.create({
      data: { ...fields, committeeId: committee.id, date, startTime: meeting.startTime, urlKey },
    });
    meetingId = created.id;
  }

  const items = await tx.agendaItem.createManyAndReturn({
    select: { id: true, position: true },
    data: meeting.items.map((item, index) =>
      item.closed
        ? { meetingId, number: item.number, position: index + 1, title: item.title, closed: true, sourceLine: item.line }
        : {
            meetingId,
            number: item.number,
            position: index + 1,
            title: item.title,
            marker: item.marker,
            caseNumber: item.caseNumber,
            kle: item.kle,
            closed: false,
            decision: item.decision,
            outcome: item.outcome,
            absent: item.absent,
            sourceLine: item.line,
          },
    ),
  });
  const idByPosition = new Map(items.map((row) => [row.position, row.id]));
  const sections = meeting.items.flatMap((item, index) =>
    item.closed
      ? []
      : item.sections.map((section, position) => ({
          itemId: idByPosition.get(index + 1) ?? 0,
          position: position + 1,
          heading: section.heading,
          kind: section.kind,
          text: section.text,
          blocks: section.blocks,
          sourceLine: section.line,
        })),
  );
  const attachments = meeting.items.flatMap((item, index) =>
    item.closed
      ? []
      : item.attachments.map((title, position) => ({ itemId: idByPosition.get(index + 1) ?? 0, position: position + 1, title })),
  );
  if (sections.length) await tx.section.createMany({ data: sections });
  if (attachments.length) await tx.attachment.createMany({ data: attachments });
  return { meetingId, url: meetingPath(municipality.slug, committee.slug, urlKey), isUpdate: existing !== null };
}
