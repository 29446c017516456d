import type { PrismaClient } from "@/lib/db/client";
import { itemPath } from "@/lib/data/paths";
import type { SearchHit } from "@/lib/search/query";
import { searchFromQuery } from "@/lib/search/search-service";
import { MAX_PAGE } from "@/lib/search/search-params";
import { publishedItemsSource } from "@/lib/data/published-items";

/** What a digest needs of its subscription. */
export interface DigestSubscription {
  query: string;
  cursor: number;
  confirmedAt: Date;
}

/** New matches, or why the search could not run (the stored search is no longer valid, or the index is missing). */
export type NewMatches = { ok: true; hits: SearchHit[] } | { ok: false; status: 400 | 503; message: string };

/** Hits fetched per search page while intersecting. */
const PAGE_SIZE = 500;

interface Candidate {
  url: string;
  municipalitySlug: string;
  committeeSlug: string;
  year: string;
}

/**
 * The items of meetings that arrived after the subscription's cursor (up to `upTo`) and that
 * its search finds now, newest meeting first. The search is the portal's one entry point
 * (searchFromQuery, as /soeg and the API use), narrowed to each new meeting's municipality,
 * committee and year so only those candidates are ranked. Closed items are never candidates,
 * and the index holds none. Meetings stored before the subscription was confirmed (found by
 * the sender only later) do not count as new.
 */
export async function findNewMatches(prisma: PrismaClient, indexDir: string, subscription: DigestSubscription, upTo: number): Promise<NewMatches> {
  const rows = await prisma.$queryRaw<Array<{ municipalitySlug: string; committeeSlug: string; urlKey: string; date: Date; number: string }>>`
    SELECT mu.slug AS "municipalitySlug", c.slug AS "committeeSlug", m."urlKey", m.date, i.number
    FROM "MeetingArrival" a
    JOIN "Meeting" m ON m.id = a."meetingId"
    JOIN "Committee" c ON c.id = m."committeeId"
    JOIN "Municipality" mu ON mu.id = c."municipalityId"
    JOIN "AgendaItem" i ON i."meetingId" = m.id AND NOT i.closed
    WHERE a.seq > ${subscription.cursor} AND a.seq <= ${upTo}
      AND m."createdAt"::timestamptz >= ${subscription.confirmedAt}::timestamptz`;
  const candidates: Candidate[] = rows.map((row) => ({
    url: itemPath(row.municipalitySlug, row.committeeSlug, row.urlKey, row.number),
    municipalitySlug: row.municipalitySlug,
    committeeSlug: row.committeeSlug,
    year: row.date.toISOString().slice(0, 4),
  }));
  const byGroup = new Map<string, { kommune: string; udvalg: string; aar: string; urls: Set<string> }>();
  for (const c of candidates) {
    const udvalg = `${c.municipalitySlug}/${c.committeeSlug}`;
    const key = `${udvalg}|${c.year}`;
    let group = byGroup.get(key);
    if (!group) byGroup.set(key, (group = { kommune: c.municipalitySlug, udvalg, aar: c.year, urls: new Set() }));
    group.urls.add(c.url);
  }

  const stored = new URLSearchParams(subscription.query);
  const hits: SearchHit[] = [];
  for (const group of byGroup.values()) {
    if (!allows(stored, "kommune", group.kommune) || !allows(stored, "udvalg", group.udvalg) || !allows(stored, "aar", group.aar)) continue;
    for (let side = 1; side <= MAX_PAGE; side++) {
      const outcome = await searchFromQuery(stored, { indexDir, published: publishedItemsSource(prisma) }, {
        pageSize: PAGE_SIZE,
        adjust: (params) => ({ ...params, kommune: [group.kommune], udvalg: [group.udvalg], aar: [group.aar], sort: "nyeste", side }),
      });
      if (!outcome.ok) return { ok: false, status: outcome.status, message: outcome.messageEn };
      hits.push(...outcome.result.hits.filter((hit) => group.urls.has(hit.url)));
      if (side * PAGE_SIZE >= outcome.result.total) break;
    }
  }
  hits.sort((a, b) => (a.date === b.date ? a.url.localeCompare(b.url, "da") : b.date.localeCompare(a.date)));
  return { ok: true, hits };
}

/** True when the stored search leaves `value` of facet `key` in (no selection, or selected). */
function allows(stored: URLSearchParams, key: string, value: string): boolean {
  const selected = stored.getAll(key);
  return selected.length === 0 || selected.includes(value);
}
