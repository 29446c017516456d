import type { PrismaClient } from "@/lib/db/client";

/** Advisory lock (two-key space, apart from the ingest's one-key locks) held while an index manifest is replaced. */
const INDEX_WRITE_LOCK = [7404, 13] as const;

/** Longest an index write may hold the lock: a delta of a whole municipality, or a full export. */
const HOLD_MS = 30 * 60_000;

/**
 * Runs `write` while holding the search index's write lock: every process that appends a delta
 * or swaps in a full build takes it, so none computes a delta from a manifest another replaces
 * meanwhile. A PostgreSQL advisory lock, so it also holds across machines sharing the database.
 */
export async function withIndexWriteLock<T>(prisma: PrismaClient, write: () => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INDEX_WRITE_LOCK[0]}::int, ${INDEX_WRITE_LOCK[1]}::int)`;
      return write();
    },
    { timeout: HOLD_MS, maxWait: HOLD_MS },
  );
}
