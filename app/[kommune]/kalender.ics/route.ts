import { calendarNotFound, calendarResponse } from "@/lib/calendar/calendar-response";
import { getSiteUrl } from "@/lib/config/site";
import { getMunicipalityCalendar } from "@/lib/data/calendar";

export const dynamic = "force-dynamic";

/** Every meeting of a municipality as an iCalendar feed. */
export async function GET(_request: Request, { params }: { params: Promise<{ kommune: string }> }) {
  const { kommune } = await params;
  const feed = await getMunicipalityCalendar(kommune);
  return feed ? calendarResponse(feed, getSiteUrl(), `${kommune}.ics`) : calendarNotFound();
}
