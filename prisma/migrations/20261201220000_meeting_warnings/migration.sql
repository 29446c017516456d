-- A meeting whose header gives no readable start time is kept, without one, and with a warning.
ALTER TABLE "Meeting" ALTER COLUMN "startTime" DROP NOT NULL,
ALTER COLUMN "startsAt" DROP NOT NULL,
ADD COLUMN "warnings" JSONB NOT NULL DEFAULT '[]';
