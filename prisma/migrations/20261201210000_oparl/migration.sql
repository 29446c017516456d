-- OParl 1.1 needs `modified` on every object and "tombstones" for deleted ones, so clients asking
-- for changes since a moment (modified_since) also learn what disappeared. Both are kept by
-- triggers, so every writer (ingest, reparse, renames, manual SQL) records them alike.
-- Timestamps are UTC wall-clock values, as Prisma writes them into TIMESTAMP(3) columns.

-- A committee's last rename.
ALTER TABLE "Committee" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "Committee" SET "updatedAt" = "createdAt";

CREATE FUNCTION "oparl_committee_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."updatedAt" := now() AT TIME ZONE 'UTC';
  RETURN NEW;
END $$;

-- Ingest's find-or-create writes the same name again; only a real change counts.
CREATE TRIGGER "Committee_renamed" BEFORE UPDATE ON "Committee" FOR EACH ROW
  WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."slug" IS DISTINCT FROM NEW."slug")
  EXECUTE FUNCTION "oparl_committee_renamed"();

-- CreateTable
CREATE TABLE "OparlTombstone" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "committeeId" INTEGER NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OparlTombstone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OparlTombstone_kind_objectKey_key" ON "OparlTombstone"("kind", "objectKey");

-- CreateIndex
CREATE INDEX "OparlTombstone_municipalityId_deletedAt_idx" ON "OparlTombstone"("municipalityId", "deletedAt");

-- A deleted meeting. BEFORE DELETE: it runs before the cascade removes the meeting's items, whose
-- own trigger then finds the meeting's committee here.
CREATE FUNCTION "oparl_meeting_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OparlTombstone" ("kind", "objectKey", "meetingId", "committeeId", "municipalityId", "createdAt", "deletedAt")
  SELECT 'Meeting', OLD."id"::text, OLD."id", OLD."committeeId", c."municipalityId", OLD."createdAt", now() AT TIME ZONE 'UTC'
  FROM "Committee" c WHERE c."id" = OLD."committeeId"
  ON CONFLICT ("kind", "objectKey") DO UPDATE SET "deletedAt" = EXCLUDED."deletedAt";
  RETURN OLD;
END $$;

CREATE TRIGGER "Meeting_tombstone" BEFORE DELETE ON "Meeting" FOR EACH ROW EXECUTE FUNCTION "oparl_meeting_deleted"();

-- Deleted agenda items, keyed like their OParl URL: meeting id and printed number. A correction
-- deletes and re-inserts a meeting's items; the insert trigger below drops the tombstones of the
-- items that came back, so only items the correction removed stay deleted.
CREATE FUNCTION "oparl_items_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OparlTombstone" ("kind", "objectKey", "meetingId", "committeeId", "municipalityId", "createdAt", "deletedAt")
  SELECT DISTINCT ON (o."meetingId", o."number")
         'AgendaItem', o."meetingId"::text || '/' || o."number", o."meetingId",
         COALESCE(m."committeeId", t."committeeId"), COALESCE(c."municipalityId", t."municipalityId"),
         COALESCE(m."createdAt", t."createdAt"), now() AT TIME ZONE 'UTC'
  FROM old_items o
  LEFT JOIN "Meeting" m ON m."id" = o."meetingId"
  LEFT JOIN "Committee" c ON c."id" = m."committeeId"
  LEFT JOIN "OparlTombstone" t ON t."kind" = 'Meeting' AND t."objectKey" = o."meetingId"::text
  -- Never fail the delete: an item whose meeting left no trace cannot be placed in a list.
  WHERE COALESCE(c."municipalityId", t."municipalityId") IS NOT NULL
  ON CONFLICT ("kind", "objectKey") DO UPDATE SET "deletedAt" = EXCLUDED."deletedAt";
  RETURN NULL;
END $$;

CREATE TRIGGER "AgendaItem_tombstone" AFTER DELETE ON "AgendaItem" REFERENCING OLD TABLE AS old_items
  FOR EACH STATEMENT EXECUTE FUNCTION "oparl_items_deleted"();

CREATE FUNCTION "oparl_items_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "OparlTombstone" t USING new_items n
  WHERE t."kind" = 'AgendaItem' AND t."objectKey" = n."meetingId"::text || '/' || n."number";
  RETURN NULL;
END $$;

CREATE TRIGGER "AgendaItem_untombstone" AFTER INSERT ON "AgendaItem" REFERENCING NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION "oparl_items_inserted"();
