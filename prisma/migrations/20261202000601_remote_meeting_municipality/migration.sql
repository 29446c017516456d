-- AlterTable
ALTER TABLE "RemoteMeeting" ADD COLUMN "municipality" TEXT;

-- CreateIndex
CREATE INDEX "RemoteMeeting_municipality_idx" ON "RemoteMeeting"("municipality");
