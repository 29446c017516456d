import type { CalendarFeed } from "@/lib/data/calendar";
import { buildCalendar } from "./build-calendar";

/**
 * The HTTP answer of a calendar feed: text/calendar, meeting URLs made absolute, and no
 * `s-maxage`, so shared caches (the page cache, Varnish) never keep a feed the page-change
 * feed cannot reach; calendar clients poll it hourly anyway.
 */
export function calendarResponse(feed: CalendarFeed, siteUrl: string, fileName: string): Response {
  const body = buildCalendar({
    name: feed.name,
    description: `Dagsordener og referater: ${siteUrl}${feed.url}`,
    siteUrl,
    meetings: feed.meetings.map((m) => ({ ...m, url: `${siteUrl}${m.url}` })),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${fileName}"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}

/** The plain 404 of an unknown municipality or committee. */
export function calendarNotFound(): Response {
  return new Response("Kalenderen findes ikke.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
