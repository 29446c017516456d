-- Cases (sager): agenda items grouped by municipality and normalised case number (issue 15).
-- Existing items are linked by the next ingest or `npm run reparse -- --all`.
CREATE TABLE "Case" (
    "id" SERIAL NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "kle" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Case_municipalityId_slug_key" ON "Case"("municipalityId", "slug");
ALTER TABLE "Case" ADD CONSTRAINT "Case_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "AgendaItem" ADD COLUMN "caseId" INTEGER;
CREATE INDEX "AgendaItem_caseId_idx" ON "AgendaItem"("caseId");
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;
