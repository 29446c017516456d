import type { PrismaClient } from "@/lib/db/client";
import type { Tx } from "./write-meeting";

/**
 * How long change rows are kept; a server only reads the rows written while it runs, and the
 * search filter those written since its index was built (older: it checks everything).
 */
export const PAGE_CHANGE_KEEP_DAYS = 7;

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

/**
 * The PageChange watermark of an index build about to read the database: the id up to which
 * every change row has committed or rolled back. Taken under the lock change rows are written
 * under (recordPageChange), so no row at or below it can commit later; read it
 * before the items, and every change the build might have missed has a larger id.
 */
export async function readChangeWatermark(prisma: PrismaClient): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PAGE_CHANGE_LOCK[0]}::int, ${PAGE_CHANGE_LOCK[1]}::int)`;
    const [row] = await tx.$queryRaw<Array<{ id: number }>>`
      SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::int AS id FROM "PageChange_id_seq"`;
    return row?.id ?? 0;
  }, { maxWait: WATERMARK_MAX_WAIT_MS });
}

/**
 * How long reading the watermark may wait for a connection. Index builds read it while their
 * lock's transaction holds one connection, so it opens a second; on a loaded machine that took
 * longer than Prisma's default 2 s and failed the whole build or delta.
 */
const WATERMARK_MAX_WAIT_MS = 60_000;

/** Deletes change rows older than a week (PAGE_CHANGE_KEEP_DAYS). */
export async function prunePageChanges(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "PageChange" WHERE "createdAt" < now() - make_interval(days => ${PAGE_CHANGE_KEEP_DAYS})`;
}
