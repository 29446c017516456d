import type { PrismaClient } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { PAGE_CHANGE_KEEP_DAYS } from "@/lib/ingest/page-changes";
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
 * The search filter's view of the database (lib/search/withheld-items.ts): the change rows
 * ingest, reparse and renames write, and the items published now under a changed page.
 */
export function publishedItemsSource(prisma: PrismaClient): PublishedItemsSource {
  return {
    readChanges: (afterId, limit) =>
      prisma.pageChange.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: limit, select: { id: true, path: true } }),
    readNewestChangeId: async () => (await prisma.pageChange.aggregate({ _max: { id: true } }))._max.id ?? 0,
    readPublished: (paths) => readSearchDocuments(prisma, paths.includes("/") ? {} : { OR: paths.map(meetingsUnder) }),
    retentionMs: PAGE_CHANGE_KEEP_DAYS * 24 * 60 * 60_000,
  };
}
