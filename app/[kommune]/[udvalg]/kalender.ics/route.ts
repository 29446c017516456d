import { calendarNotFound, calendarResponse } from "@/lib/calendar/calendar-response";
import { getSiteUrl } from "@/lib/config/site";
import { getCommitteeCalendar } from "@/lib/data/calendar";
import { calendarPath } from "@/lib/data/paths";

export const dynamic = "force-dynamic";

/** Every meeting of a committee as an iCalendar feed; a former slug redirects (308). */
export async function GET(_request: Request, { params }: { params: Promise<{ kommune: string; udvalg: string }> }) {
  const { kommune, udvalg } = await params;
  const feed = await getCommitteeCalendar(kommune, udvalg);
  if (feed.kind === "renamed") return new Response(null, { status: 308, headers: { Location: calendarPath(kommune, feed.slug) } });
  return feed.kind === "found" ? calendarResponse(feed.value, getSiteUrl(), `${kommune}-${udvalg}.ics`) : calendarNotFound();
}
