import ICAL from "ical.js";

/** One VEVENT as an independent parser (ical.js) reads it. */
export interface ReadEvent {
  uid: string;
  summary: string;
  url: string | null;
  location: string | null;
  description: string | null;
  /** The start instant (ISO, UTC) for a timed event; null for an all-day event. */
  startUtc: string | null;
  /** The TZID the start was written in. */
  startZone: string | null;
  /** YYYY-MM-DD of an all-day event. */
  allDayDate: string | null;
  endUtc: string | null;
}

/**
 * Reads an iCalendar text with ical.js, registering the VTIMEZONEs it carries, so times are
 * resolved from the feed's own zone definitions rather than from this process's zone.
 */
export function readCalendar(text: string): { name: string | null; events: ReadEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const start = event.startDate;
    const end = component.hasProperty("dtend") ? event.endDate : null;
    const text = (name: string) => {
      const value = component.getFirstPropertyValue(name);
      return typeof value === "string" ? value : null;
    };
    return {
      uid: event.uid,
      summary: event.summary,
      url: text("url"),
      location: text("location"),
      description: text("description"),
      startUtc: start.isDate ? null : start.toJSDate().toISOString(),
      startZone: (component.getFirstProperty("dtstart")?.getParameter("tzid") as string | undefined) ?? null,
      allDayDate: start.isDate ? start.toString() : null,
      endUtc: end && !end.isDate ? end.toJSDate().toISOString() : null,
    };
  });
  const name = calendar.getFirstPropertyValue("x-wr-calname");
  return { name: typeof name === "string" ? name : null, events };
}
