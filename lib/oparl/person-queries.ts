import { Prisma } from "@/lib/db/generated/client";
import { getPrisma } from "@/lib/db/client";
import type { PersonRow } from "./person-objects";

/**
 * The database reads behind Person and Membership: what the person pages show (lib/data/persons.ts)
 * and no more. A person is named in a committee's minutes as present or absent at a meeting,
 * absent from an open item, or voting on one; each committee so named is a membership. Closed
 * items never have such rows (the ingest writes none), and the item joins below say so again.
 */

interface PersonCommitteeRow {
  id: number;
  slug: string;
  name: string;
  party: string | null;
  createdAt: Date;
  committeeId: number;
  firstCreated: Date;
  updated: Date;
}

/**
 * Each person of a municipality (or one person, or one committee's members) with each committee
 * the minutes name them in: when that first and last changed. In person and committee order.
 */
async function readPersonCommittees(municipalityId: number, only: { personId?: number; committeeId?: number }): Promise<PersonCommitteeRow[]> {
  const person = only.personId === undefined ? Prisma.empty : Prisma.sql`AND p."id" = ${only.personId}`;
  const committee = only.committeeId === undefined ? Prisma.empty : Prisma.sql`AND r."committeeId" = ${only.committeeId}`;
  return getPrisma().$queryRaw<PersonCommitteeRow[]>`
    SELECT p."id", p."slug", p."name", p."party", p."createdAt", r."committeeId",
           min(r."createdAt") AS "firstCreated", max(r."updatedAt") AS "updated"
    FROM "Person" p
    JOIN (
      SELECT a."personId", m."committeeId", m."createdAt", m."updatedAt"
      FROM "MeetingAttendance" a JOIN "Meeting" m ON m."id" = a."meetingId"
      UNION ALL
      SELECT a."personId", m."committeeId", m."createdAt", m."updatedAt"
      FROM "ItemAbsence" a JOIN "AgendaItem" i ON i."id" = a."itemId" AND NOT i."closed" JOIN "Meeting" m ON m."id" = i."meetingId"
      UNION ALL
      SELECT v."personId", m."committeeId", m."createdAt", m."updatedAt"
      FROM "PersonVote" v JOIN "AgendaItem" i ON i."id" = v."itemId" AND NOT i."closed" JOIN "Meeting" m ON m."id" = i."meetingId"
    ) r ON r."personId" = p."id"
    WHERE p."municipalityId" = ${municipalityId} ${person} ${committee}
    GROUP BY p."id", r."committeeId"
    ORDER BY p."id", r."committeeId"`;
}

/** Rows grouped into persons, each with its memberships. */
function groupPersons(rows: readonly PersonCommitteeRow[], municipalitySlug: string): PersonRow[] {
  const persons = new Map<number, PersonRow>();
  for (const row of rows) {
    const person = persons.get(row.id) ?? {
      id: row.id,
      slug: row.slug,
      name: row.name,
      party: row.party,
      createdAt: row.createdAt,
      modified: row.createdAt,
      municipality: { slug: municipalitySlug },
      memberships: [],
    };
    person.memberships.push({ committeeId: row.committeeId, created: row.firstCreated, modified: row.updated });
    if (row.updated > person.modified) person.modified = row.updated;
    persons.set(row.id, person);
  }
  return [...persons.values()];
}

/** The persons of a municipality the minutes name, in id order, with their memberships. */
export async function listPersonRows(municipality: { id: number; slug: string }): Promise<PersonRow[]> {
  return groupPersons(await readPersonCommittees(municipality.id, {}), municipality.slug);
}

/** A person by id with their memberships, or null (unknown, or named by no minutes any more). */
export async function findPersonRow(id: number): Promise<PersonRow | null> {
  const person = await getPrisma().person.findUnique({ where: { id }, select: { municipality: { select: { id: true, slug: true } } } });
  if (!person) return null;
  return groupPersons(await readPersonCommittees(person.municipality.id, { personId: id }), person.municipality.slug)[0] ?? null;
}

/** The ids of the persons the minutes name in a committee. */
export async function listCommitteeMemberIds(municipalityId: number, committeeId: number): Promise<number[]> {
  return (await readPersonCommittees(municipalityId, { committeeId })).map((row) => row.id);
}

/** The persons listed as present at each of the meetings (Meeting `participant`), in id order. */
export async function listMeetingParticipantIds(meetingIds: readonly number[]): Promise<Map<number, number[]>> {
  const rows = await getPrisma().meetingAttendance.findMany({
    where: { meetingId: { in: [...meetingIds] }, present: true },
    orderBy: [{ meetingId: "asc" }, { personId: "asc" }],
    select: { meetingId: true, personId: true },
  });
  const byMeeting = new Map<number, number[]>(meetingIds.map((id) => [id, []]));
  for (const row of rows) byMeeting.get(row.meetingId)?.push(row.personId);
  return byMeeting;
}
