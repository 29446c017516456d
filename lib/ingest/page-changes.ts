import type { PrismaClient } from "@/lib/db/client";
import type { Tx } from "./write-meeting";

/** How long change rows are kept; a server only reads the rows written while it runs. */
const KEEP_DAYS = 7;

/**
 * Records that the pages at `path` (and every page above and below it) changed, inside the
 * transaction that changed the data, so a running server forgets its cached copies exactly
 * when the change becomes visible (see lib/page-cache/change-feed.ts).
 */
export async function recordPageChange(tx: Tx, path: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO "PageChange" ("path") VALUES (${path})`;
}

/** Deletes change rows older than a week; no server needs them any more. */
export async function prunePageChanges(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "PageChange" WHERE "createdAt" < now() - make_interval(days => ${KEEP_DAYS})`;
}
