/** What replaces a CPR number in everything the portal stores. */
export const CPR_REPLACEMENT = "[CPR fjernet]";

// ddmmyy, then at most one separator (hyphen, space, en/em dash, non-breaking hyphen or space,
// minus sign), then four digits; never part of a longer digit run or a dotted number.
const CPR_CANDIDATE = /(?<![\d.,/])(\d{2})(\d{2})(\d{2})[-\u2010\u2011\u2012\u2013\u2014\u2212 \u00a0\u202f]?(\d{4})(?![\d])/g;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when ddmmyy is a calendar date. The century is unknown (the 7th digit decides it), so
 * 29 February is accepted for every year divisible by four, 00 included.
 */
function isDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return year % 4 === 0;
  return day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Replaces every CPR number (Danish personal ID, ddmmyy-xxxx) with "[CPR fjernet]"
 * (databeskyttelsesloven §11 stk. 3). No modulus-11 check: numbers issued since 2007 fail it.
 */
export function redactCpr(text: string): { text: string; count: number } {
  let count = 0;
  const redacted = text.replace(CPR_CANDIDATE, (match, dd: string, mm: string, yy: string) => {
    if (!isDate(Number(dd), Number(mm), Number(yy))) return match;
    count += 1;
    return CPR_REPLACEMENT;
  });
  return { text: redacted, count };
}
