import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listMigrations } from "@/lib/db/migrate";
import { createTestDatabase, migrateBefore, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { SAMPLES_DIR } from "@/lib/ingest/test-fixtures";

const MIGRATION = "20261203000200_oparl_membership_tombstones";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase({ migrate: false });
});
afterEach(() => db.drop());

interface Pair {
  personId: number;
  committeeId: number;
}

describe(`migration ${MIGRATION}`, () => {
  it("keeps the memberships published before it, so a deletion after it leaves their tombstones", async () => {
    const { rest } = await migrateBefore(db.url, MIGRATION);
    // The ingest writes no table this migration adds: the samples go in as before it.
    await ingestFiles(db.prisma, [SAMPLES_DIR]);
    const named = await db.prisma.$queryRaw<Pair[]>`
      SELECT DISTINCT a."personId", m."committeeId" FROM "MeetingAttendance" a JOIN "Meeting" m ON m.id = a."meetingId"
      UNION SELECT DISTINCT v."personId", m."committeeId" FROM "PersonVote" v JOIN "AgendaItem" i ON i.id = v."itemId" AND NOT i.closed JOIN "Meeting" m ON m.id = i."meetingId"
      UNION SELECT DISTINCT a."personId", m."committeeId" FROM "ItemAbsence" a JOIN "AgendaItem" i ON i.id = a."itemId" AND NOT i.closed JOIN "Meeting" m ON m.id = i."meetingId"
      ORDER BY 1, 2`;
    expect(named.length).toBeGreaterThan(10);

    expect(await rest()).toEqual(listMigrations().map((m) => m.name).filter((n) => n >= MIGRATION));
    const kept = await db.prisma.oparlMembership.findMany({ orderBy: [{ personId: "asc" }, { committeeId: "asc" }] });
    expect(kept.map(({ personId, committeeId }) => ({ personId, committeeId }))).toEqual(named);
    // Added when first published: the migration invents no change.
    for (const membership of kept) expect(membership.addedAt).toEqual(membership.createdAt);

    // One committee's meetings deleted by hand: its members' memberships end, with tombstones.
    const committeeId = named[0]?.committeeId ?? 0;
    await db.prisma.meeting.deleteMany({ where: { committeeId } });
    const tombstones = await db.prisma.oparlTombstone.findMany({ where: { kind: "Membership" }, orderBy: { objectKey: "asc" }, select: { objectKey: true, committeeId: true } });
    const ended = named.filter((pair) => pair.committeeId === committeeId);
    expect(ended.length).toBeGreaterThan(0);
    expect(tombstones).toEqual(ended.map((pair) => ({ objectKey: `${pair.personId}/${committeeId}`, committeeId })).sort((a, b) => a.objectKey.localeCompare(b.objectKey)));
    expect(await db.prisma.oparlMembership.count()).toBe(named.length - ended.length);
  });
});
