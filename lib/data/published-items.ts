import type { PrismaClient } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { PAGE_CHANGE_KEEP_DAYS } from "@/lib/ingest/page-changes";
import type { SearchDocument } from "@/lib/search/search-document";
import type { PublishedItemsSource } from "@/lib/search/withheld-items";
import { readSearchDocuments } from "./search-documents";

/** The meetings below a page path: "/", "/vejen", "/vejen/byraadet" or "/vejen/byraadet/2024-03-19[/…]". */
export function meetingsUnder(path: string): Prisma.MeetingWhereInput {
  const [municipality, committee, urlKey] = path.split("/").filter((segment) => segment !== "").map(decodeURIComponent);
  if (municipality === undefined) return {};
  return {
    ...(urlKey === undefined ? {} : { urlKey }),
    committee: { ...(committee === undefined ? {} : { slug: committee }), municipality: { slug: municipality } },
  };
}

/**
 * The ids of the meetings below `paths`, ascending; null for every meeting ("/" among them). One
 * indexed lookup per path: a single query OR-ing the paths' relation filters made PostgreSQL
 * scan every meeting, 5–10 s at a million items for a delta of one meeting with its case and
 * person pages (14–54 ms this way).
 */
export async function meetingIdsUnder(prisma: PrismaClient, paths: readonly string[]): Promise<number[] | null> {
  if (paths.includes("/")) return null;
  const ids = new Set<number>();
  for (const path of paths) {
    for (const meeting of await prisma.meeting.findMany({ where: meetingsUnder(path), select: { id: true } })) ids.add(meeting.id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** The open items of the meetings below `paths`, as search documents. */
async function* publishedUnder(prisma: PrismaClient, paths: readonly string[]): AsyncGenerator<SearchDocument> {
  const ids = await meetingIdsUnder(prisma, paths);
  if (ids !== null && ids.length === 0) return;
  yield* readSearchDocuments(prisma, ids === null ? {} : { id: { in: ids } });
}

/**
 * The search filter's view of the database (lib/search/withheld-items.ts): the change rows
 * ingest, reparse and renames write, and the items published now under a changed page.
 */
export function publishedItemsSource(prisma: PrismaClient): PublishedItemsSource {
  return {
    readChanges: (afterId, limit) =>
      prisma.pageChange.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: limit, select: { id: true, path: true } }),
    readNewestChangeId: async () => (await prisma.pageChange.aggregate({ _max: { id: true } }))._max.id ?? 0,
    readPublished: (paths) => publishedUnder(prisma, paths),
    retentionMs: PAGE_CHANGE_KEEP_DAYS * 24 * 60 * 60_000,
  };
}
