import type { PrismaClient } from "@/lib/db/client";

/** Advisory lock (two-key space, apart from the ingest's one-key locks) held while an index manifest is replaced. */
const INDEX_WRITE_LOCK = [7404, 13] as const;

/** Advisory lock held for the whole of a full build (read, build, export). */
const INDEX_BUILD_LOCK = [7404, 14] as const;

/** Longest an index write may hold the lock: a delta of a whole municipality, or a full export. */
const HOLD_MS = 30 * 60_000;

/** Longest a full build may hold its lock: well past the 10 minutes a build of a million items may take. */
const BUILD_HOLD_MS = 3 * 60 * 60_000;

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

/**
 * Runs `build` while holding the full-build lock, so full builds (`npm run index`, the purge
 * after a closing correction, the background merge) run one at a time, across processes and
 * machines: a build that starts later reads a later database state and makes a newer version,
 * so a build that read an item before a correction closed it can never replace the purge that
 * followed the correction. It also keeps two builds' memory from adding up. Takes the lock
 * before the write lock, never while holding it. With `ifFree`, returns null at once when
 * another build holds the lock instead of waiting for it.
 */
export async function withIndexBuildLock<T>(prisma: PrismaClient, build: () => Promise<T>, options: { ifFree: true }): Promise<T | null>;
export async function withIndexBuildLock<T>(prisma: PrismaClient, build: () => Promise<T>, options?: { ifFree?: false }): Promise<T>;
export async function withIndexBuildLock<T>(prisma: PrismaClient, build: () => Promise<T>, options: { ifFree?: boolean } = {}): Promise<T | null> {
  return prisma.$transaction(
    async (tx) => {
      if (options.ifFree) {
        const [row] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${INDEX_BUILD_LOCK[0]}::int, ${INDEX_BUILD_LOCK[1]}::int) AS locked`;
        if (row?.locked !== true) return null;
      } else {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INDEX_BUILD_LOCK[0]}::int, ${INDEX_BUILD_LOCK[1]}::int)`;
      }
      return build();
    },
    { timeout: BUILD_HOLD_MS, maxWait: BUILD_HOLD_MS },
  );
}
