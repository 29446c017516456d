/** What replaces a CPR number in everything the portal stores, prints or publishes. */
export const CPR_REPLACEMENT = "[CPR fjernet]";

/** One CPR-shaped number found in a text. */
export interface CprMatch {
  /** Offset of the first digit in the text (UTF-16 code units). */
  index: number;
  /** Length of the whole number, separators and line breaks included. */
  length: number;
}

// Blanks that may stand between the parts: space, tab, no-break space, figure space, narrow
// no-break space. At most three, so a number is never stitched together from distant digits.
const BLANK = "[ \\t\\u00a0\\u2007\\u202f]";
// Between the date parts ("01.02.03", "01 02 03", "01-02-03"); both gaps use the same one.
const DATE_SEPARATOR = "[.\\-/\\u2013 \\u00a0\\u202f]?";
// Between date and serial: any dash, dot or slash, with blanks and at most one line break on
// either side ("010203-1234", "010203 - 1234", "010203-\n1234"), or blanks/line break alone.
const DASH = "[\\-\\u2010\\u2011\\u2012\\u2013\\u2014\\u2015\\u2212./]";
const GAP = `${BLANK}{0,3}(?:\\r\\n|\\n|\\r)?${BLANK}{0,3}`;
const SERIAL_SEPARATOR = `${GAP}(?:${DASH}${GAP})?`;

// ddmmyy + separator + four digits, with any neighbour except another digit: "cpr.nr.010203-1234",
// "Hansen,010203-1234", "|010203-1234|" are all CPR numbers. The date check below rules out
// phone numbers ("12 34 56 78"), dates ("19-03-2024"), case and KLE numbers ("27.00.00-P20-1-22").
const CPR_PATTERN = new RegExp(
  `(?<![0-9])([0-3][0-9])(${DATE_SEPARATOR})([01][0-9])\\2([0-9]{2})${SERIAL_SEPARATOR}([0-9]{4})(?![0-9])`,
  "g",
);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when ddmm is a day of the year. The century is unknown, and when unsure the number is
 * treated as a CPR number, so 29 February counts in every year.
 */
function isDayOfYear(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Every CPR number (Danish personal ID, ddmmyy-xxxx) in `text`, in order: the one definition the
 * redaction, the ingest's withholding check and the privacy audit share. Numbers that fail the
 * old modulus-11 check count too (numbers issued since 2007 may fail it).
 */
export function findCprNumbers(text: string): CprMatch[] {
  const matches: CprMatch[] = [];
  const pattern = new RegExp(CPR_PATTERN);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (isDayOfYear(Number(match[1]), Number(match[3]))) matches.push({ index: match.index, length: match[0].length });
    // A candidate that is no date may hide the start of a real number: look again one further on.
    else pattern.lastIndex = match.index + 1;
  }
  return matches;
}

/**
 * Replaces every CPR number with "[CPR fjernet]" (databeskyttelsesloven § 11). Line breaks inside
 * a number are kept after the replacement, so line numbers of the text stay those of the file.
 */
export function redactCpr(text: string): { text: string; count: number } {
  const matches = findCprNumbers(text);
  if (matches.length === 0) return { text, count: 0 };
  let redacted = "";
  let from = 0;
  for (const { index, length } of matches) {
    const breaks = text.slice(index, index + length).match(/\r\n|\n|\r/g) ?? [];
    redacted += text.slice(from, index) + CPR_REPLACEMENT + breaks.join("");
    from = index + length;
  }
  return { text: redacted + text.slice(from), count: matches.length };
}

/** `text` with CPR numbers removed: for file names, log lines and error messages. */
export function withoutCpr(text: string): string {
  return redactCpr(text).text;
}
