-- CreateTable
CREATE TABLE "PageChange" (
    "id" SERIAL NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PageChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PageChange_createdAt_idx" ON "PageChange"("createdAt");
