-- AlterTable
ALTER TABLE "RemoteMeeting" ADD COLUMN "withAttachments" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "MeetingUrlAlias" (
    "id" SERIAL NOT NULL,
    "committeeId" INTEGER NOT NULL,
    "urlKey" TEXT NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingUrlAlias_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingUrlAlias_committeeId_urlKey_key" ON "MeetingUrlAlias"("committeeId", "urlKey");

-- CreateIndex
CREATE INDEX "MeetingUrlAlias_meetingId_idx" ON "MeetingUrlAlias"("meetingId");

-- AddForeignKey
ALTER TABLE "MeetingUrlAlias" ADD CONSTRAINT "MeetingUrlAlias_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingUrlAlias" ADD CONSTRAINT "MeetingUrlAlias_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
