import { TZDate } from "@date-fns/tz";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalCalendar, ICalCalendarMethod } from "ical-generator";

export const CALENDAR_TIME_ZONE = "Europe/Copenhagen";

/** A meeting as a calendar event. */
export interface CalendarMeeting {
  /** Meeting.id: kept across corrections and committee renames, so the event's UID is stable. */
  id: number;
  committee: string;
  /** YYYY-MM-DD in Copenhagen. */
  date: string;
  /** "HH:MM" in Copenhagen as printed; null when unknown (an all-day event). */
  startTime: string | null;
  /** "HH:MM", when printed. */
  endTime: string | null;
  kind: "referat" | "dagsorden";
  location: string | null;
  itemCount: number;
  /** The meeting page, absolute. */
  url: string;
  updatedAt: Date;
}

/** The calendar: its name and meetings; `siteUrl` gives the UIDs their domain. */
export interface CalendarInput {
  name: string;
  description: string;
  siteUrl: string;
  meetings: readonly CalendarMeeting[];
}

/**
 * The printed Copenhagen wall clock as a date ical-generator writes with TZID: the printed time
 * itself, not an instant converted back (which would be off on the night the clocks change).
 */
function wallClock(date: string, time: string): TZDate {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  return new TZDate(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, CALENDAR_TIME_ZONE);
}

/** "referatportalen-moede-17@referater.example.dk": the same for a meeting as long as it exists. */
export function meetingUid(meetingId: number, siteUrl: string): string {
  return `referatportalen-moede-${meetingId}@${new URL(siteUrl).hostname}`;
}

/**
 * An iCalendar (RFC 5545) feed of meetings: timed events in Europe/Copenhagen with the zone's
 * VTIMEZONE, all-day events for meetings whose start time is unknown, the meeting page as URL.
 * Only committee, kind, item count and place are written: never item titles or texts.
 */
export function buildCalendar(input: CalendarInput): string {
  const calendar = new ICalCalendar({ name: input.name, description: input.description, method: ICalCalendarMethod.PUBLISH, prodId: { company: "Referatportalen", product: "kalender", language: "DA" } });
  // No calendar-wide zone: ical-generator would then write DTSTAMP in local time; the
  // generator still adds the VTIMEZONE of every event's zone.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  calendar.x("X-WR-TIMEZONE", CALENDAR_TIME_ZONE);
  calendar.ttl(60 * 60);
  for (const meeting of input.meetings) {
    const what = meeting.kind === "dagsorden" ? "Dagsorden" : "Referat";
    const common = {
      id: meetingUid(meeting.id, input.siteUrl),
      summary: `Møde i ${meeting.committee}`,
      description: `${what} · ${meeting.itemCount} ${meeting.itemCount === 1 ? "punkt" : "punkter"}\n${meeting.url}`,
      location: meeting.location,
      url: meeting.url,
      stamp: meeting.updatedAt,
      lastModified: meeting.updatedAt,
    };
    if (meeting.startTime === null) {
      calendar.createEvent({ ...common, start: meeting.date, allDay: true });
    } else {
      const isEndLater = meeting.endTime !== null && meeting.endTime > meeting.startTime;
      calendar.createEvent({
        ...common,
        start: wallClock(meeting.date, meeting.startTime),
        end: isEndLater && meeting.endTime !== null ? wallClock(meeting.date, meeting.endTime) : null,
        timezone: CALENDAR_TIME_ZONE,
      });
    }
  }
  return calendar.toString();
}
