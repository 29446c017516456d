import type { ParsedMeeting } from "@/lib/minutes";
import { departsFromRecommendation } from "@/lib/minutes/deviation";
import { hasDissent } from "@/lib/minutes/votes";
import { withoutCpr } from "@/lib/privacy/redact-cpr";
import { slugify } from "@/lib/text/slugify";
import type { Tx } from "./write-meeting";

type PersonRef = { slug: string; name: string };
type AttendanceRow = PersonRef & { present: boolean; party: string | null };
type AbsenceRow = PersonRef & { itemPosition: number; party: string | null };
type VoteRow = PersonRef & { itemPosition: number; kind: string; party: string | null; text: string | null; sourceLine: number };

/** Two-key advisory lock space of the persons writer: (PERSONS_LOCK, municipality id). */
const PERSONS_LOCK = 7405;

const SIDE_KIND = { for: "favour", against: "against", abstained: "abstained" } as const;

/** What an open item stores beyond its text: recommendation, deviation, votes and the two facet flags. Closed: nothing. */
export function itemDecisionFields(item: ParsedMeeting["items"][number]) {
  if (item.closed) return { recommendation: null, deviation: null, departsFromRecommendation: false, hasDissent: false, votes: null };
  return {
    recommendation: item.recommendation,
    deviation: item.deviation,
    departsFromRecommendation: departsFromRecommendation(item.deviation),
    hasDissent: hasDissent(item.votes),
    votes: item.votes,
  };
}

function personRef(name: string): PersonRef | null {
  const clean = withoutCpr(name).trim();
  const slug = slugify(clean);
  return slug === "" ? null : { slug, name: clean };
}

/**
 * The meeting's rows about people: attendance (participants present; absentees from the whole
 * meeting, printed in the header or absent from every open item), absences per open item, and
 * named persons' votes and reservations on open items. Closed items contribute nothing.
 */
function peopleRows(meeting: ParsedMeeting) {
  const partyOf = new Map(meeting.people.map((person) => [person.name, person.party]));
  const openItems = meeting.items.map((item, index) => ({ item, position: index + 1 })).filter(({ item }) => !item.closed);
  const attendance = new Map<string, AttendanceRow>();
  for (const participant of meeting.participants) {
    const ref = personRef(participant.name);
    if (ref) attendance.set(ref.slug, { ...ref, present: true, party: participant.party ?? partyOf.get(participant.name) ?? null });
  }
  const absences: AbsenceRow[] = [];
  const absentCount = new Map<string, { ref: PersonRef; count: number; party: string | null }>();
  for (const { item, position } of openItems) {
    for (const name of new Set(item.absent)) {
      const ref = personRef(name);
      if (!ref) continue;
      const party = partyOf.get(name) ?? null;
      absences.push({ ...ref, itemPosition: position, party });
      const seen = absentCount.get(ref.slug) ?? { ref, count: 0, party };
      seen.count += 1;
      absentCount.set(ref.slug, seen);
    }
  }
  // Absent from every open item: absent from the meeting (Faxe prints "Fraværende:" under each item).
  for (const { ref, count, party } of absentCount.values()) {
    if (count === openItems.length && !attendance.get(ref.slug)?.present) attendance.set(ref.slug, { ...ref, present: false, party });
  }
  const votes: VoteRow[] = [];
  for (const { item, position } of openItems) {
    for (const side of ["for", "against", "abstained"] as const) {
      for (const entry of item.votes[side]) {
        const ref = entry.name === undefined ? null : personRef(entry.name);
        if (ref) votes.push({ ...ref, itemPosition: position, kind: SIDE_KIND[side], party: entry.party ?? null, text: null, sourceLine: entry.line });
      }
    }
    for (const reservation of item.votes.reservations) {
      const ref = reservation.name === undefined ? null : personRef(reservation.name);
      if (ref) {
        votes.push({ ...ref, itemPosition: position, kind: reservation.kind, party: reservation.party ?? null, text: withoutCpr(reservation.text), sourceLine: reservation.line });
      }
    }
  }
  return { attendance: [...attendance.values()], absences, votes };
}

/**
 * Replaces the meeting's attendance, item absences and person votes (items were just rewritten,
 * so their rows are gone with them), creates the persons they name, then deletes the
 * municipality's persons no row refers to any more and sets each person's party from the newest
 * meeting that prints one: after a re-ingest or reparse nothing of the earlier version survives.
 */
export async function writePeople(tx: Tx, municipalityId: number, meetingId: number, meeting: ParsedMeeting): Promise<void> {
  // One writer of a municipality's persons at a time: the ingest locks meetings, not
  // municipalities, and two meetings' orphan sweeps must not delete a person the other just
  // referred to. Taken after the meeting locks and before the page-change lock, so no cycle.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PERSONS_LOCK}::int, ${municipalityId}::int)`;
  const rows = peopleRows(meeting);
  await tx.$executeRaw`DELETE FROM "MeetingAttendance" WHERE "meetingId" = ${meetingId}`;
  const refs = new Map<string, string>();
  for (const row of [...rows.attendance, ...rows.absences, ...rows.votes]) if (!refs.has(row.slug)) refs.set(row.slug, row.name);
  if (refs.size > 0) {
    await tx.$executeRaw`
      INSERT INTO "Person" ("municipalityId", "slug", "name")
      SELECT ${municipalityId}, x."slug", x."name" FROM jsonb_to_recordset(${JSON.stringify([...refs].map(([slug, name]) => ({ slug, name })))}::jsonb) AS x("slug" text, "name" text)
      ON CONFLICT ("municipalityId", "slug") DO UPDATE SET "name" = EXCLUDED."name"`;
    await tx.$executeRaw`
      WITH people AS (SELECT "id", "slug" FROM "Person" WHERE "municipalityId" = ${municipalityId}),
      items AS (SELECT "id", "position" FROM "AgendaItem" WHERE "meetingId" = ${meetingId} AND NOT "closed"),
      attendance AS (
        INSERT INTO "MeetingAttendance" ("meetingId", "personId", "present", "party")
        SELECT ${meetingId}, people."id", x."present", x."party"
        FROM jsonb_to_recordset(${JSON.stringify(rows.attendance)}::jsonb) AS x("slug" text, "present" boolean, "party" text)
        JOIN people ON people."slug" = x."slug"
        ON CONFLICT DO NOTHING
      ), absences AS (
        INSERT INTO "ItemAbsence" ("itemId", "personId", "party")
        SELECT items."id", people."id", x."party"
        FROM jsonb_to_recordset(${JSON.stringify(rows.absences)}::jsonb) AS x("slug" text, "itemPosition" int, "party" text)
        JOIN people ON people."slug" = x."slug" JOIN items ON items."position" = x."itemPosition"
        ON CONFLICT DO NOTHING
      )
      INSERT INTO "PersonVote" ("itemId", "personId", "kind", "party", "text", "sourceLine")
      SELECT items."id", people."id", x."kind"::"PersonVoteKind", x."party", x."text", x."sourceLine"
      FROM jsonb_to_recordset(${JSON.stringify(rows.votes)}::jsonb) AS x("slug" text, "itemPosition" int, "kind" text, "party" text, "text" text, "sourceLine" int)
      JOIN people ON people."slug" = x."slug" JOIN items ON items."position" = x."itemPosition"`;
  }
  await tx.$executeRaw`
    DELETE FROM "Person" p WHERE p."municipalityId" = ${municipalityId}
      AND NOT EXISTS (SELECT 1 FROM "MeetingAttendance" a WHERE a."personId" = p.id)
      AND NOT EXISTS (SELECT 1 FROM "ItemAbsence" a WHERE a."personId" = p.id)
      AND NOT EXISTS (SELECT 1 FROM "PersonVote" v WHERE v."personId" = p.id)`;
  await tx.$executeRaw`
    UPDATE "Person" p SET "party" = latest."party"
    FROM (
      SELECT p2.id, (
        SELECT r."party" FROM (
          SELECT a."party", m."date", m.id AS "meetingId" FROM "MeetingAttendance" a JOIN "Meeting" m ON m.id = a."meetingId" WHERE a."personId" = p2.id
          UNION ALL
          SELECT a."party", m."date", m.id FROM "ItemAbsence" a JOIN "AgendaItem" i ON i.id = a."itemId" JOIN "Meeting" m ON m.id = i."meetingId" WHERE a."personId" = p2.id
          UNION ALL
          SELECT v."party", m."date", m.id FROM "PersonVote" v JOIN "AgendaItem" i ON i.id = v."itemId" JOIN "Meeting" m ON m.id = i."meetingId" WHERE v."personId" = p2.id
        ) r WHERE r."party" IS NOT NULL ORDER BY r."date" DESC, r."meetingId" DESC LIMIT 1
      ) AS "party"
      FROM "Person" p2 WHERE p2."municipalityId" = ${municipalityId} AND p2."slug" = ANY(${[...refs.keys()]}::text[])
    ) latest
    WHERE p.id = latest.id AND p."party" IS DISTINCT FROM latest."party"`;
}
