-- OParl Membership tombstones. A membership (a person named in a committee's minutes) has no row
-- of its own: it is derived from attendance, item absence and vote rows. When a correction,
-- withdrawal or deletion takes the last such row of a person in a committee, the membership is
-- gone, and clients asking what changed (modified_since) must learn it like any deletion.
-- "OparlMembership" keeps the memberships published now, so a delete can tell which of them it
-- ended: the committee of a row deleted by a cascade (its meeting or item already gone) can no
-- longer be looked up, but the person can, and their kept memberships say the rest. No foreign
-- keys: a person's or committee's deletion cascades to the rows below, whose trigger turns the
-- kept memberships into tombstones.

-- CreateTable
CREATE TABLE "OparlMembership" (
    "personId" INTEGER NOT NULL,
    "committeeId" INTEGER NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OparlMembership_pkey" PRIMARY KEY ("personId","committeeId")
);

-- Whether the minutes still name the person in the committee: the rule of lib/oparl/person-queries.ts
-- (attendance at a meeting, or an absence or vote on an open item).
CREATE FUNCTION "oparl_membership_is_live"(person INTEGER, committee INTEGER) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
           SELECT 1 FROM "MeetingAttendance" a JOIN "Meeting" m ON m."id" = a."meetingId"
           WHERE a."personId" = person AND m."committeeId" = committee)
      OR EXISTS (
           SELECT 1 FROM "ItemAbsence" a JOIN "AgendaItem" i ON i."id" = a."itemId" AND NOT i."closed" JOIN "Meeting" m ON m."id" = i."meetingId"
           WHERE a."personId" = person AND m."committeeId" = committee)
      OR EXISTS (
           SELECT 1 FROM "PersonVote" v JOIN "AgendaItem" i ON i."id" = v."itemId" AND NOT i."closed" JOIN "Meeting" m ON m."id" = i."meetingId"
           WHERE v."personId" = person AND m."committeeId" = committee)
$$;

-- After a row naming a person is deleted (directly or by a cascade), at the end of the
-- transaction: each kept membership of the person that no row supports any more becomes a
-- tombstone, keyed like its URL: "<person>/<committee>". Deferred to the commit because a
-- correction deletes a meeting's rows and writes them again: a membership that comes back in the
-- same transaction was never gone, and keeps the moment it was added.
CREATE FUNCTION "oparl_memberships_lost"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH lost AS (
    DELETE FROM "OparlMembership" s
    WHERE s."personId" = OLD."personId" AND NOT "oparl_membership_is_live"(s."personId", s."committeeId")
    RETURNING s."personId", s."committeeId", s."municipalityId", s."createdAt"
  )
  INSERT INTO "OparlTombstone" ("kind", "objectKey", "committeeId", "municipalityId", "createdAt", "deletedAt")
  SELECT 'Membership', l."personId"::text || '/' || l."committeeId", l."committeeId", l."municipalityId", l."createdAt", now() AT TIME ZONE 'UTC'
  FROM lost l
  ON CONFLICT ("kind", "objectKey") DO UPDATE SET "deletedAt" = EXCLUDED."deletedAt";
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "MeetingAttendance_memberships_lost" AFTER DELETE ON "MeetingAttendance"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "oparl_memberships_lost"();
CREATE CONSTRAINT TRIGGER "ItemAbsence_memberships_lost" AFTER DELETE ON "ItemAbsence"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "oparl_memberships_lost"();
CREATE CONSTRAINT TRIGGER "PersonVote_memberships_lost" AFTER DELETE ON "PersonVote"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "oparl_memberships_lost"();

-- After rows naming persons are inserted: their memberships are kept (created when the first
-- meeting naming them there was published, as the Membership's `created`; added now, which moves
-- the committee's Organization `modified`), and the tombstone of a membership that came back is
-- dropped. `persons` and `meetings` pair up: the person named, the meeting naming them.
CREATE FUNCTION "oparl_keep_memberships"(persons INTEGER[], meetings INTEGER[]) RETURNS void LANGUAGE sql AS $$
  WITH found AS (
    SELECT n."personId", m."committeeId", min(c."municipalityId") AS "municipalityId", min(m."createdAt") AS "createdAt"
    FROM unnest(persons, meetings) AS n("personId", "meetingId")
    JOIN "Meeting" m ON m."id" = n."meetingId" JOIN "Committee" c ON c."id" = m."committeeId"
    GROUP BY n."personId", m."committeeId"
  ), kept AS (
    INSERT INTO "OparlMembership" ("personId", "committeeId", "municipalityId", "createdAt", "addedAt")
    SELECT "personId", "committeeId", "municipalityId", "createdAt", now() AT TIME ZONE 'UTC' FROM found
    ON CONFLICT ("personId", "committeeId") DO UPDATE SET "createdAt" = EXCLUDED."createdAt"
      WHERE EXCLUDED."createdAt" < "OparlMembership"."createdAt"
  )
  DELETE FROM "OparlTombstone" t USING found f
  WHERE t."kind" = 'Membership' AND t."objectKey" = f."personId"::text || '/' || f."committeeId";
$$;

-- Attendance names a meeting; absences and votes name an item, which counts while it is open.
CREATE FUNCTION "oparl_attendance_found"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "oparl_keep_memberships"(array_agg(n."personId"), array_agg(n."meetingId")) FROM new_rows n;
  RETURN NULL;
END $$;

CREATE FUNCTION "oparl_item_rows_found"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "oparl_keep_memberships"(array_agg(n."personId"), array_agg(i."meetingId"))
  FROM new_rows n JOIN "AgendaItem" i ON i."id" = n."itemId" AND NOT i."closed";
  RETURN NULL;
END $$;

CREATE TRIGGER "MeetingAttendance_memberships_found" AFTER INSERT ON "MeetingAttendance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "oparl_attendance_found"();
CREATE TRIGGER "ItemAbsence_memberships_found" AFTER INSERT ON "ItemAbsence" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "oparl_item_rows_found"();
CREATE TRIGGER "PersonVote_memberships_found" AFTER INSERT ON "PersonVote" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "oparl_item_rows_found"();

-- The memberships published today, added when they were first published.
INSERT INTO "OparlMembership" ("personId", "committeeId", "municipalityId", "createdAt", "addedAt")
SELECT r."personId", m."committeeId", min(c."municipalityId"), min(m."createdAt"), min(m."createdAt")
FROM (
  SELECT a."personId", a."meetingId" FROM "MeetingAttendance" a
  UNION ALL
  SELECT a."personId", i."meetingId" FROM "ItemAbsence" a JOIN "AgendaItem" i ON i."id" = a."itemId" AND NOT i."closed"
  UNION ALL
  SELECT v."personId", i."meetingId" FROM "PersonVote" v JOIN "AgendaItem" i ON i."id" = v."itemId" AND NOT i."closed"
) r
JOIN "Meeting" m ON m."id" = r."meetingId" JOIN "Committee" c ON c."id" = m."committeeId"
GROUP BY r."personId", m."committeeId";
