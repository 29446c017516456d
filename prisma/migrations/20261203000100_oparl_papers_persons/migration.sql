-- OParl Paper (a case) and Person objects can be deleted too: a case left without items and a
-- person no minutes name any more are deleted by the ingest. Their tombstones belong to a body,
-- not to a meeting or committee, so those two columns become optional. Ids of cases and persons
-- are never reused, so no trigger removes these tombstones again.
ALTER TABLE "OparlTombstone" ALTER COLUMN "meetingId" DROP NOT NULL;
ALTER TABLE "OparlTombstone" ALTER COLUMN "committeeId" DROP NOT NULL;

-- A case's `created` is TIMESTAMPTZ; tombstones keep UTC wall-clock values like the others.
CREATE FUNCTION "oparl_case_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OparlTombstone" ("kind", "objectKey", "municipalityId", "createdAt", "deletedAt")
  VALUES ('Paper', OLD."id"::text, OLD."municipalityId", OLD."createdAt" AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
  ON CONFLICT ("kind", "objectKey") DO UPDATE SET "deletedAt" = EXCLUDED."deletedAt";
  RETURN OLD;
END $$;

CREATE TRIGGER "Case_tombstone" BEFORE DELETE ON "Case" FOR EACH ROW EXECUTE FUNCTION "oparl_case_deleted"();

CREATE FUNCTION "oparl_person_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OparlTombstone" ("kind", "objectKey", "municipalityId", "createdAt", "deletedAt")
  VALUES ('Person', OLD."id"::text, OLD."municipalityId", OLD."createdAt", now() AT TIME ZONE 'UTC')
  ON CONFLICT ("kind", "objectKey") DO UPDATE SET "deletedAt" = EXCLUDED."deletedAt";
  RETURN OLD;
END $$;

CREATE TRIGGER "Person_tombstone" BEFORE DELETE ON "Person" FOR EACH ROW EXECUTE FUNCTION "oparl_person_deleted"();
