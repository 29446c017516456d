/** Danish month names and common abbreviations → month number. */
const MONTHS: ReadonlyMap<string, number> = new Map([
  ["januar", 1], ["jan", 1], ["februar", 2], ["feb", 2], ["marts", 3], ["mar", 3],
  ["april", 4], ["apr", 4], ["maj", 5], ["juni", 6], ["jun", 6], ["juli", 7], ["jul", 7],
  ["august", 8], ["aug", 8], ["september", 9], ["sep", 9], ["sept", 9], ["oktober", 10], ["okt", 10],
  ["november", 11], ["nov", 11], ["december", 12], ["dec", 12],
]);

const NUMERIC_DMY = /(?<!\d)(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?!\d)/;
const ISO_DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/;
const LONG_DATE = /(?<!\d)(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})(?!\d)/i;

/**
 * Find the first date in a Danish text and return it as YYYY-MM-DD, or null.
 * Accepts "Tirsdag d. 19. marts 2024", "6. oktober 2014", "19-03-2024", "04-06-2020 09:00:00",
 * "15.12.2022" and "2024-03-19".
 */
export function findDanishDate(text: string): string | null {
  const candidates: Array<{ index: number; date: string }> = [];
  const long = LONG_DATE.exec(text);
  if (long) {
    const month = MONTHS.get((long[2] ?? "").toLowerCase());
    const date = month === undefined ? null : formatDate(Number(long[3]), month, Number(long[1]));
    if (date) candidates.push({ index: long.index, date });
  }
  const numeric = NUMERIC_DMY.exec(text);
  if (numeric) {
    const date = formatDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
    if (date) candidates.push({ index: numeric.index, date });
  }
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const date = formatDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (date) candidates.push({ index: iso.index, date });
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0]?.date ?? null;
}

function formatDate(year: number, month: number, day: number): string | null {
  if (year < 1970 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

const TIME = /(?<![\d.:])([01]?\d|2[0-3])[:.]([0-5]\d)(?::[0-5]\d)?(?![\d])/g;
const CLOCK_PREFIX = /\bkl\.?\s*$/i;

/**
 * Times printed in a text, as HH:MM, in order. A bare "19.00" only counts when it follows "kl."
 * or is part of a range ("19.00-22.00"), so amounts like "2.390" or dates are not read as times.
 */
export function findTimes(text: string): string[] {
  const withoutDates = text
    .replace(NUMERIC_DMY, (match) => " ".repeat(match.length))
    .replace(ISO_DATE, (match) => " ".repeat(match.length));
  const times: string[] = [];
  for (const match of withoutDates.matchAll(TIME)) {
    const [whole, hour, minute] = match;
    const index = match.index;
    const before = withoutDates.slice(Math.max(0, index - 6), index);
    const after = withoutDates.slice(index + whole.length, index + whole.length + 3);
    const isColon = whole.includes(":");
    const isRange = /^\s*[-–]\s*\d/.test(after) || /\d\s*[-–]\s*$/.test(before);
    if (!isColon && !CLOCK_PREFIX.test(before) && !isRange) continue;
    times.push(`${pad(Number(hour))}:${minute ?? "00"}`);
  }
  return times;
}
