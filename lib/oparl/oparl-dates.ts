/**
 * OParl's date-time form, `yyyy-mm-ddThh:mm:ss±hh:mm` (no fractions of a second), and the
 * parsing of the date-time filter parameters.
 */
import { utcToCopenhagen } from "@/lib/text/format-danish-date";

/** An instant as OParl writes it, in UTC: "2024-03-19T13:00:00+00:00". */
export function formatOparlDateTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}+00:00`;
}

/** An instant at Copenhagen's offset of that moment: "2024-03-19T15:00:00+01:00" (meeting times). */
export function formatCopenhagenDateTime(instant: Date): string {
  const wholeSeconds = new Date(Math.floor(instant.getTime() / 1000) * 1000);
  const { date, time } = utcToCopenhagen(wholeSeconds);
  // Copenhagen's offset is whole minutes, so the seconds are UTC's.
  const local = `${date}T${time}:${String(wholeSeconds.getUTCSeconds()).padStart(2, "0")}`;
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - wholeSeconds.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant a filter parameter names, whole seconds (fractions are dropped, as every
 * `created`/`modified` the API prints is), or null when it is not a full date-time with zone.
 */
export function parseOparlDateTime(value: string): Date | null {
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = match.map(Number);
  if (month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  if ((offsetHours ?? 0) > 23 || (offsetMinutes ?? 0) > 59) return null;
  const withoutFraction = value.replace(/\.\d+/, "");
  const instant = new Date(withoutFraction);
  // Date accepts 2024-02-31 by rolling over; the calendar day must survive the round trip.
  if (Number.isNaN(instant.getTime()) || year === undefined || year < 1000) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return instant;
}
