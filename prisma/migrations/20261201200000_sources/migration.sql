-- CreateEnum
CREATE TYPE "RemoteStatus" AS ENUM ('ok', 'failed');

-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN "sourceItemId" TEXT;

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN "url" TEXT;

-- CreateTable
CREATE TABLE "RemoteMeeting" (
    "id" SERIAL NOT NULL,
    "site" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "documentName" TEXT,
    "releasedDate" TEXT,
    "contentHash" TEXT,
    "status" "RemoteStatus" NOT NULL,
    "error" TEXT,
    "fetchedAt" TIMESTAMPTZ(3),
    "attemptedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "meetingId" INTEGER,
    "sourceDocumentId" INTEGER,

    CONSTRAINT "RemoteMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RemoteMeeting_sourceDocumentId_key" ON "RemoteMeeting"("sourceDocumentId");

-- CreateIndex
CREATE INDEX "RemoteMeeting_meetingId_idx" ON "RemoteMeeting"("meetingId");

-- CreateIndex
CREATE INDEX "RemoteMeeting_status_idx" ON "RemoteMeeting"("status");

-- CreateIndex
CREATE UNIQUE INDEX "RemoteMeeting_site_remoteId_key" ON "RemoteMeeting"("site", "remoteId");

-- AddForeignKey
ALTER TABLE "RemoteMeeting" ADD CONSTRAINT "RemoteMeeting_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemoteMeeting" ADD CONSTRAINT "RemoteMeeting_sourceDocumentId_fkey" FOREIGN KEY ("sourceDocumentId") REFERENCES "SourceDocument"("id") ON DELETE SET NULL ON UPDATE CASCADE;
