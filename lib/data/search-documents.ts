import type { PrismaClient } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { SearchDocument } from "@/lib/search/search-document";
import { kleGroupOf } from "@/lib/text/kle-topics";
import { isoDate, itemPath } from "./paths";

const BATCH = 2_000;

/**
 * Every open agenda item as a SearchDocument (of the meetings `meetings` selects, by default
 * all), read in id-ordered batches. Closed items are never read, so nothing of them can reach
 * the index.
 */
export async function* readSearchDocuments(prisma: PrismaClient, meetings: Prisma.MeetingWhereInput = {}): AsyncGenerator<SearchDocument> {
  // Awaited inside, so the read starts at once (a PrismaPromise runs only once awaited).
  const readBatch = async (after: number) =>
    await prisma.agendaItem.findMany({
      where: { closed: false, id: { gt: after }, meeting: meetings },
      orderBy: { id: "asc" },
      take: BATCH,
      include: {
        sections: { orderBy: { position: "asc" }, select: { kind: true, heading: true, text: true } },
        meeting: { select: { date: true, urlKey: true, committee: { select: { name: true, slug: true, municipality: { select: { name: true, slug: true } } } } } },
      },
    });
  // The next batch is read while the caller works through this one (PostgreSQL runs beside us).
  let next = readBatch(0);
  try {
    for (;;) {
      const items = await next;
      const last = items[items.length - 1];
      if (last === undefined) return;
      next = items.length < BATCH ? Promise.resolve([]) : readBatch(last.id);
      for (const item of items) {
        const { committee } = item.meeting;
        yield {
          id: item.id,
          url: itemPath(committee.municipality.slug, committee.slug, item.meeting.urlKey, item.number),
          title: item.title,
          decision: item.decision,
          outcome: item.outcome,
          caseNumber: item.caseNumber,
          kleGroup: kleGroupOf(item.kle),
          departsFromRecommendation: item.departsFromRecommendation === true,
          hasDissent: item.hasDissent === true,
          number: item.number,
          date: isoDate(item.meeting.date),
          municipality: committee.municipality.name,
          municipalitySlug: committee.municipality.slug,
          committee: committee.name,
          committeeSlug: committee.slug,
          sections: item.sections,
        };
      }
    }
  } finally {
    // A caller that stops early leaves no read running (nor its failure unhandled).
    await next.catch(() => undefined);
  }
}
