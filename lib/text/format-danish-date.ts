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

/**
 * The UTC instant of a local Copenhagen wall-clock time, found by asking Intl for the
 * zone's offset at that moment (handles summer time without a time zone library).
 */
export function copenhagenToUtc(isoDate: string, time: string): Date {
  const guess = new Date(`${isoDate}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(guess);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asLocal = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return new Date(guess.getTime() - (asLocal - guess.getTime()));
}
