-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('referat', 'dagsorden');

-- CreateEnum
CREATE TYPE "SectionKind" AS ENUM ('resume', 'sagsfremstilling', 'indstilling', 'beslutning', 'fravaerende', 'bilag', 'oekonomi', 'lovgrundlag', 'hoering', 'tidligere_behandling', 'vurdering', 'other');

-- CreateEnum
CREATE TYPE "DecisionOutcome" AS ENUM ('approved', 'recommended', 'noted', 'discussed', 'postponed', 'rejected', 'none', 'other');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('ok', 'failed');

-- CreateTable
CREATE TABLE "Municipality" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Municipality_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Committee" (
    "id" SERIAL NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Committee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitteeSlugAlias" (
    "id" SERIAL NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "committeeId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommitteeSlugAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "committeeId" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "urlKey" TEXT NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "location" TEXT,
    "participants" JSONB NOT NULL DEFAULT '[]',
    "sourceDocumentId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "marker" TEXT,
    "caseNumber" TEXT,
    "kle" TEXT,
    "closed" BOOLEAN NOT NULL DEFAULT false,
    "decision" TEXT,
    "outcome" "DecisionOutcome" NOT NULL DEFAULT 'none',
    "absent" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sourceLine" INTEGER NOT NULL,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Section" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "heading" TEXT NOT NULL,
    "kind" "SectionKind" NOT NULL,
    "text" TEXT NOT NULL,
    "blocks" JSONB NOT NULL DEFAULT '[]',
    "sourceLine" INTEGER NOT NULL,

    CONSTRAINT "Section_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceDocument" (
    "id" SERIAL NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "encoding" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "parserVersion" TEXT NOT NULL,
    "status" "DocumentStatus" NOT NULL,
    "error" TEXT,
    "errorLine" INTEGER,
    "cprRedactions" INTEGER NOT NULL DEFAULT 0,
    "ingestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SourceDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_slug_key" ON "Municipality"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_name_key" ON "Municipality"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Committee_municipalityId_slug_key" ON "Committee"("municipalityId", "slug");

-- CreateIndex
CREATE INDEX "CommitteeSlugAlias_committeeId_idx" ON "CommitteeSlugAlias"("committeeId");

-- CreateIndex
CREATE UNIQUE INDEX "CommitteeSlugAlias_municipalityId_slug_key" ON "CommitteeSlugAlias"("municipalityId", "slug");

-- CreateIndex
CREATE INDEX "Meeting_date_idx" ON "Meeting"("date");

-- CreateIndex
CREATE INDEX "Meeting_sourceDocumentId_idx" ON "Meeting"("sourceDocumentId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_committeeId_date_startTime_key" ON "Meeting"("committeeId", "date", "startTime");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_committeeId_urlKey_key" ON "Meeting"("committeeId", "urlKey");

-- CreateIndex
CREATE INDEX "AgendaItem_meetingId_number_idx" ON "AgendaItem"("meetingId", "number");

-- CreateIndex
CREATE INDEX "AgendaItem_kle_idx" ON "AgendaItem"("kle");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_meetingId_position_key" ON "AgendaItem"("meetingId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Section_itemId_position_key" ON "Section"("itemId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_itemId_position_key" ON "Attachment"("itemId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "SourceDocument_sha256_key" ON "SourceDocument"("sha256");

-- CreateIndex
CREATE INDEX "SourceDocument_status_idx" ON "SourceDocument"("status");

-- AddForeignKey
ALTER TABLE "Committee" ADD CONSTRAINT "Committee_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeSlugAlias" ADD CONSTRAINT "CommitteeSlugAlias_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_sourceDocumentId_fkey" FOREIGN KEY ("sourceDocumentId") REFERENCES "SourceDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Section" ADD CONSTRAINT "Section_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
