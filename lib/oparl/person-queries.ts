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

/**
 * When each person's and each committee's set of memberships last changed: a membership added
 * (or come back) or ended, as the triggers of the 20261203000200_oparl_membership_tombstones
 * migration record them ("OparlMembership" and the "Membership" tombstones).
 */
interface MembershipChanges {
  byPerson: Map<number, Date>;
  byCommittee: Map<number, Date>;
}

async function readMembershipChanges(municipalityId: number): Promise<MembershipChanges> {
  const rows = await getPrisma().$queryRaw<Array<{ personId: number; committeeId: number; changed: Date }>>`
    SELECT split_part(t."objectKey", '/', 1)::int AS "personId", t."committeeId", t."deletedAt" AS "changed"
    FROM "OparlTombstone" t WHERE t."kind" = 'Membership' AND t."municipalityId" = ${municipalityId} AND t."committeeId" IS NOT NULL
    UNION ALL
    SELECT k."personId", k."committeeId", k."addedAt" FROM "OparlMembership" k WHERE k."municipalityId" = ${municipalityId}`;
  const changes: MembershipChanges = { byPerson: new Map(), byCommittee: new Map() };
  const later = (map: Map<number, Date>, key: number, changed: Date) => {
    const known = map.get(key);
    if (!known || changed > known) map.set(key, changed);
  };
  for (const row of rows) {
    later(changes.byCommittee, row.committeeId, row.changed);
    later(changes.byPerson, row.personId, row.changed);
  }
  return changes;
}

/** Rows grouped into persons, each with its memberships; `modified` also moves with `changes`. */
function groupPersons(rows: readonly PersonCommitteeRow[], municipalitySlug: string, changes: MembershipChanges): PersonRow[] {
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
  for (const person of persons.values()) {
    const changed = changes.byPerson.get(person.id);
    if (changed && changed > person.modified) person.modified = changed;
  }
  return [...persons.values()];
}

/** The persons of a municipality the minutes name, in id order, with their memberships. */
export async function listPersonRows(municipality: { id: number; slug: string }): Promise<PersonRow[]> {
  const [rows, changes] = await Promise.all([readPersonCommittees(municipality.id, {}), readMembershipChanges(municipality.id)]);
  return groupPersons(rows, municipality.slug, changes);
}

/** A person by id with their memberships, or null (unknown, or named by no minutes any more). */
export async function findPersonRow(id: number): Promise<PersonRow | null> {
  const person = await getPrisma().person.findUnique({ where: { id }, select: { municipality: { select: { id: true, slug: true } } } });
  if (!person) return null;
  const [rows, changes] = await Promise.all([readPersonCommittees(person.municipality.id, { personId: id }), readMembershipChanges(person.municipality.id)]);
  return groupPersons(rows, person.municipality.slug, changes)[0] ?? null;
}

/** A committee's members as its Organization lists them. */
export interface CommitteeMembers {
  ids: number[];
  /** The latest membership added or ended; null when none is recorded. */
  changed: Date | null;
}

/** The persons the minutes name in a committee, and when that set last changed. */
export async function findCommitteeMembers(municipalityId: number, committeeId: number): Promise<CommitteeMembers> {
  const [rows, changes] = await Promise.all([readPersonCommittees(municipalityId, { committeeId }), readMembershipChanges(municipalityId)]);
  return { ids: rows.map((row) => row.id), changed: changes.byCommittee.get(committeeId) ?? null };
}

/** Each committee's members from the persons of its municipality (listPersonRows) and their changes. */
export async function listCommitteeMembers(municipalityId: number, persons: readonly PersonRow[]): Promise<(committeeId: number) => CommitteeMembers> {
  const changes = await readMembershipChanges(municipalityId);
  return (committeeId) => ({
    ids: persons.filter((person) => person.memberships.some((m) => m.committeeId === committeeId)).map((person) => person.id),
    changed: changes.byCommittee.get(committeeId) ?? null,
  });
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
