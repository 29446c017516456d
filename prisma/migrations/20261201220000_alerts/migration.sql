-- CreateEnum
CREATE TYPE "AlertFrequency" AS ENUM ('immediate', 'daily', 'weekly');

-- CreateTable
CREATE TABLE "AlertSubscription" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "frequency" "AlertFrequency" NOT NULL DEFAULT 'daily',
    "confirmTokenHash" TEXT,
    "confirmExpiresAt" TIMESTAMPTZ(3),
    "confirmedAt" TIMESTAMPTZ(3),
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "lastMailedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertManageToken" (
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertManageToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "AlertRequest" (
    "id" SERIAL NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSigningKey" (
    "id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "AlertSigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingArrival" (
    "meetingId" INTEGER NOT NULL,
    "seq" SERIAL NOT NULL,
    "arrivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingArrival_pkey" PRIMARY KEY ("meetingId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertSubscription_confirmTokenHash_key" ON "AlertSubscription"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "AlertSubscription_confirmedAt_cursor_idx" ON "AlertSubscription"("confirmedAt", "cursor");

-- CreateIndex
CREATE UNIQUE INDEX "AlertSubscription_email_query_key" ON "AlertSubscription"("email", "query");

-- CreateIndex
CREATE INDEX "AlertManageToken_email_idx" ON "AlertManageToken"("email");

-- CreateIndex
CREATE INDEX "AlertRequest_keyHash_createdAt_idx" ON "AlertRequest"("keyHash", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingArrival_seq_key" ON "MeetingArrival"("seq");
