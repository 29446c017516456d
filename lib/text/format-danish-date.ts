const TIME_ZONE = "Europe/Copenhagen";

function dateAtNoonUtc(isoDate: string): Date {
  // Noon UTC is the same calendar day in Copenhagen all year, so the weekday is right.
  return new Date(`${isoDate}T12:00:00Z`);
}

/** "tirsdag den 19. marts 2024" for "2024-03-19". */
export function formatDanishDate(isoDate: string): string {
  const date = dateAtNoonUtc(isoDate);
  const weekday = new Intl.DateTimeFormat("da-DK", { weekday: "long", timeZone: TIME_ZONE }).format(date);
  const rest = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE }).format(date);
  return `${weekday} den ${rest}`;
}

/** "19. mar. 2024"-style short date for lists. */
export function formatShortDanishDate(isoDate: string): string {
  return new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "short", year: "numeric", timeZone: TIME_ZONE }).format(
    dateAtNoonUtc(isoDate),
  );
}

/** "tirsdag den 19. marts 2024 kl. 14.00" (Danish writes times with a period). */
export function formatDanishDateTime(isoDate: string, time: string | null): string {
  const day = formatDanishDate(isoDate);
  return time ? `${day} kl. ${time.replace(":", ".")}` : day;
}

const WALL_CLOCK = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** The Copenhagen wall-clock date ("2026-03-16") and time ("17:00") of an instant. */
export function utcToCopenhagen(instant: Date): { date: string; time: string } {
  const parts = WALL_CLOCK.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
}

/**
 * The UTC instant of a local Copenhagen wall-clock time, found by asking Intl for the
 * zone's offset at that moment (handles summer time without a time zone library).
 */
export function copenhagenToUtc(isoDate: string, time: string): Date {
  const guess = new Date(`${isoDate}T${time}:00Z`);
  const local = utcToCopenhagen(guess);
  const asLocal = Date.parse(`${local.date}T${local.time}:00Z`);
  return new Date(guess.getTime() - (asLocal - guess.getTime()));
}

/** "16. marts 2026 kl. 09.05" for an instant, in Copenhagen time. */
export function formatDanishInstant(instant: string | Date): string {
  const { date, time } = utcToCopenhagen(typeof instant === "string" ? new Date(instant) : instant);
  const day = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE }).format(dateAtNoonUtc(date));
  return `${day} kl. ${time.replace(":", ".")}`;
}
