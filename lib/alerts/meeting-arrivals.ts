import type { PrismaClient } from "@/lib/db/client";
import { itemPath } from "@/lib/data/paths";
import type { SearchIndex } from "@/lib/search/search-index";
import { heldUrls } from "@/lib/search/url-order";

/** Advisory lock (two-key space) under which arrivals are numbered. */
const ARRIVAL_LOCK = [7404, 17] as const;

/**
 * Numbers the meetings whose items the search index now holds and that have no arrival yet,
 * in meeting id order, and returns how many. A meeting waits until every one of its open items
 * is in the index, so a digest never misses an item because the index lagged behind the
 * database. Numbers are handed out under an advisory lock and committed before it is released,
 * so a reader that saw arrival N never later finds a smaller one.
 */
export async function registerArrivals(prisma: PrismaClient, index: SearchIndex): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ARRIVAL_LOCK[0]}::int, ${ARRIVAL_LOCK[1]}::int)`;
      const rows = await tx.$queryRaw<Array<{ meetingId: number; municipalitySlug: string; committeeSlug: string; urlKey: string; number: string | null }>>`
        SELECT m.id AS "meetingId", mu.slug AS "municipalitySlug", c.slug AS "committeeSlug", m."urlKey", i.number
        FROM "Meeting" m
        JOIN "Committee" c ON c.id = m."committeeId"
        JOIN "Municipality" mu ON mu.id = c."municipalityId"
        LEFT JOIN "AgendaItem" i ON i."meetingId" = m.id AND NOT i.closed
        WHERE NOT EXISTS (SELECT 1 FROM "MeetingArrival" a WHERE a."meetingId" = m.id)
        ORDER BY m.id`;
      const isHeld = heldUrls(index, rows.length);
      const waiting = new Set<number>();
      const seen = new Set<number>();
      for (const row of rows) {
        seen.add(row.meetingId);
        if (row.number !== null && !isHeld(itemPath(row.municipalitySlug, row.committeeSlug, row.urlKey, row.number))) waiting.add(row.meetingId);
      }
      const arrived = [...seen].filter((id) => !waiting.has(id));
      if (arrived.length > 0) {
        await tx.$executeRaw`INSERT INTO "MeetingArrival" ("meetingId") SELECT unnest(${arrived}::int[]) ORDER BY 1`;
      }
      return arrived.length;
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}
