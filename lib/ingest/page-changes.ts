import type { PrismaClient } from "@/lib/db/client";
import type { Tx } from "./write-meeting";

/** How long change rows are kept; a server only reads the rows written while it runs. */
const KEEP_DAYS = 7;

/** Advisory lock (two-key space, apart from the ingest's one-key locks) that orders change rows. */
const PAGE_CHANGE_LOCK = [7404, 1] as const;

/**
 * Records that the pages at `path` (and every page above and below it) changed, inside the
 * transaction that changed the data, so a running server forgets its cached copies exactly
 * when the change becomes visible (see lib/page-cache/change-feed.ts). Call it last in the
 * transaction: from here to the commit no other transaction can write a change row, so rows
 * become visible in id order and a reader that has seen id N can never later find a smaller
 * one (concurrent ingests would otherwise commit out of order and a change would be missed).
 */
export async function recordPageChange(tx: Tx, path: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PAGE_CHANGE_LOCK[0]}::int, ${PAGE_CHANGE_LOCK[1]}::int)`;
  await tx.$executeRaw`INSERT INTO "PageChange" ("path") VALUES (${path})`;
}

/** Deletes change rows older than a week; no server needs them any more. */
export async function prunePageChanges(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "PageChange" WHERE "createdAt" < now() - make_interval(days => ${KEEP_DAYS})`;
}
