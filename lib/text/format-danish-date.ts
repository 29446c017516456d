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

/** Copenhagen's offset from UTC in milliseconds at an instant. */
function offsetAt(instant: number): number {
  const local = utcToCopenhagen(new Date(instant));
  return Date.parse(`${local.date}T${local.time}:00Z`) - Math.floor(instant / 60_000) * 60_000;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The UTC instant of a local Copenhagen wall-clock time (handles summer time without a time zone
 * library). Around a switch the offsets of the day before and the day after are both tried:
 * a time that occurs twice (02:00–02:59 on the last Sunday of October) gives the earlier, summer
 * time instant; a time that does not exist (02:00–02:59 on the last Sunday of March) is read with
 * the offset before the switch and so lands an hour later, as a clock set forward shows it
 * (Temporal's "compatible" choice).
 */
export function copenhagenToUtc(isoDate: string, time: string): Date {
  const wall = Date.parse(`${isoDate}T${time}:00Z`);
  if (Number.isNaN(wall)) throw new Error(`Ugyldig dato eller tid: ${isoDate} ${time}`);
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  const matches = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant) === wall - instant)
    .sort((a, b) => a - b);
  return new Date(matches[0] ?? wall - before);
}

/** "16. marts 2026 kl. 09.05" for an instant, in Copenhagen time. */
export function formatDanishInstant(instant: string | Date): string {
  const { date, time } = utcToCopenhagen(typeof instant === "string" ? new Date(instant) : instant);
  const day = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE }).format(dateAtNoonUtc(date));
  return `${day} kl. ${time.replace(":", ".")}`;
}
