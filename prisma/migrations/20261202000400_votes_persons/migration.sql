-- Issue 15: recommendation vs. decision, votes and dissent per item, persons and attendance.
CREATE TYPE "Deviation" AS ENUM ('followed', 'amended', 'rejected', 'postponed', 'against');
CREATE TYPE "PersonVoteKind" AS ENUM ('favour', 'against', 'abstained', 'forbehold', 'protokol', 'mindretalsudtalelse');

ALTER TABLE "AgendaItem"
ADD COLUMN "recommendation" TEXT,
ADD COLUMN "deviation" "Deviation",
ADD COLUMN "departsFromRecommendation" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "hasDissent" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "votes" JSONB;

CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "party" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Person_municipalityId_slug_key" ON "Person"("municipalityId", "slug");
ALTER TABLE "Person" ADD CONSTRAINT "Person_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "MeetingAttendance" (
    "meetingId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "present" BOOLEAN NOT NULL,
    "party" TEXT,
    CONSTRAINT "MeetingAttendance_pkey" PRIMARY KEY ("meetingId", "personId")
);
CREATE INDEX "MeetingAttendance_personId_idx" ON "MeetingAttendance"("personId");
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ItemAbsence" (
    "itemId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "party" TEXT,
    CONSTRAINT "ItemAbsence_pkey" PRIMARY KEY ("itemId", "personId")
);
CREATE INDEX "ItemAbsence_personId_idx" ON "ItemAbsence"("personId");
ALTER TABLE "ItemAbsence" ADD CONSTRAINT "ItemAbsence_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ItemAbsence" ADD CONSTRAINT "ItemAbsence_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "PersonVote" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "kind" "PersonVoteKind" NOT NULL,
    "party" TEXT,
    "text" TEXT,
    "sourceLine" INTEGER NOT NULL,
    CONSTRAINT "PersonVote_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PersonVote_itemId_idx" ON "PersonVote"("itemId");
CREATE INDEX "PersonVote_personId_idx" ON "PersonVote"("personId");
ALTER TABLE "PersonVote" ADD CONSTRAINT "PersonVote_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PersonVote" ADD CONSTRAINT "PersonVote_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
