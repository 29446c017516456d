-- The remote meeting an imported item was read from: an item merged from a supplementary agenda
-- (tillægsdagsorden) is on that agenda's page, so its "Kilde" link names that agenda's id with
-- the item's.
ALTER TABLE "AgendaItem" ADD COLUMN "sourceMeetingId" TEXT;

-- Meetings merged with a supplementary agenda (their released key names it) are fetched again by
-- the next import, which fills the column for their items.
UPDATE "RemoteMeeting" SET "releasedDate" = NULL WHERE "releasedDate" LIKE '% + tillæg %';
