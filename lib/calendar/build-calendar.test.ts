import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { utcToCopenhagen } from "@/lib/text/format-danish-date";
import { buildCalendar, type CalendarMeeting } from "./build-calendar";
import { readCalendar } from "./test-support/read-calendar";

const SITE = "https://referater.example.dk";
const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

function meeting(id: number, date: string, start: string | null, end: string | null = null): CalendarMeeting {
  return {
    id,
    committee: "Økonomiudvalget",
    date,
    startTime: start,
    endTime: end,
    kind: "referat",
    location: "Byrådssalen; Rådhuset, 1. sal",
    itemCount: 3,
    url: `${SITE}/vejen/oekonomiudvalget/${date}`,
    updatedAt: new Date("2024-11-01T08:00:00Z"),
  };
}

// Winter (CET, +01:00), summer (CEST, +02:00), both days the clocks change, and a meeting without a start time.
const MEETINGS = [
  meeting(1, "2024-03-19", "14:00", "16:30"),
  meeting(2, "2024-07-02", "14:00"),
  meeting(3, "2024-03-31", "10:00"),
  meeting(4, "2024-10-27", "10:00"),
  meeting(5, "2024-10-26", "23:30"),
  meeting(6, "2024-12-05", null),
];

describe("buildCalendar read back by ical.js", () => {
  it.each(["UTC", "America/New_York", "Asia/Tokyo", "Europe/Copenhagen"])("gives the same instants whatever the server's zone (%s)", (tz) => {
    process.env.TZ = tz;
    const { name, events } = readCalendar(buildCalendar({ name: "Møder i Vejen Kommune", description: "x", siteUrl: SITE, meetings: MEETINGS }));
    expect(name).toBe("Møder i Vejen Kommune");
    expect(events.map((e) => [e.uid, e.startZone, e.startUtc, e.endUtc, e.allDayDate])).toEqual([
      ["referatportalen-moede-1@referater.example.dk", "Europe/Copenhagen", "2024-03-19T13:00:00.000Z", "2024-03-19T15:30:00.000Z", null],
      ["referatportalen-moede-2@referater.example.dk", "Europe/Copenhagen", "2024-07-02T12:00:00.000Z", null, null],
      ["referatportalen-moede-3@referater.example.dk", "Europe/Copenhagen", "2024-03-31T08:00:00.000Z", null, null],
      ["referatportalen-moede-4@referater.example.dk", "Europe/Copenhagen", "2024-10-27T09:00:00.000Z", null, null],
      ["referatportalen-moede-5@referater.example.dk", "Europe/Copenhagen", "2024-10-26T21:30:00.000Z", null, null],
      ["referatportalen-moede-6@referater.example.dk", null, null, null, "2024-12-05"],
    ]);
    const first = events[0];
    expect(first).toMatchObject({
      summary: "Møde i Økonomiudvalget",
      url: `${SITE}/vejen/oekonomiudvalget/2024-03-19`,
      location: "Byrådssalen; Rådhuset, 1. sal",
      description: `Referat · 3 punkter\n${SITE}/vejen/oekonomiudvalget/2024-03-19`,
    });
  });

  it("writes DTSTAMP in UTC and the VTIMEZONE of Europe/Copenhagen", () => {
    process.env.TZ = "America/New_York";
    const text = buildCalendar({ name: "x", description: "x", siteUrl: SITE, meetings: MEETINGS });
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen");
    expect(text).toMatch(/DTSTAMP:20241101T080000Z/);
    expect(text).toContain("X-WR-TIMEZONE:Europe/Copenhagen");
  });

  it("any start time of any day comes back as the same Copenhagen wall clock", () => {
    process.env.TZ = "Pacific/Auckland";
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (day, hour, minute) => {
          const date = day.toISOString().slice(0, 10);
          const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
          // 02:xx does not exist on the spring Sunday and occurs twice on the autumn one.
          const isChangeNight = hour === 2 && isLastSundayOf(date, [3, 10]);
          fc.pre(!isChangeNight);
          const [event] = readCalendar(buildCalendar({ name: "x", description: "x", siteUrl: SITE, meetings: [meeting(1, date, time)] })).events;
          expect(event?.startUtc).not.toBeNull();
          expect(utcToCopenhagen(new Date(event?.startUtc ?? ""))).toEqual({ date, time });
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** True when `date` is the last Sunday of one of `months` (the EU's clock-change days). */
function isLastSundayOf(date: string, months: number[]): boolean {
  const day = new Date(`${date}T12:00:00Z`);
  const nextWeek = new Date(day.getTime() + 7 * 86_400_000);
  return day.getUTCDay() === 0 && months.includes(day.getUTCMonth() + 1) && nextWeek.getUTCMonth() !== day.getUTCMonth();
}
