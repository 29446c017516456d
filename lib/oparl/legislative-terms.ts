import { utcToCopenhagen } from "@/lib/text/format-danish-date";

/**
 * Danish municipal election terms (valgperioder), derived rather than read: no source the portal
 * reads states them for a meeting (FirstAgenda lists committees under "Udvalg 2026-2029", but the
 * import does not keep it). Since the 2007 reform every municipal council sits four years from
 * 1 January after the November election: 2010-2013, 2014-2017, 2018-2021, 2022-2025, 2026-2029 …
 * Terms before 2010 are left out: the first councils of the merged municipalities sat three years
 * (2007-2009) and the others four (2006-2009), so one rule would be wrong for some of them.
 */
export interface MunicipalTerm {
  startYear: number;
  /** "2022-2025". */
  label: string;
  /** First day, "2022-01-01". */
  startDate: string;
  /** Last day, "2025-12-31". */
  endDate: string;
}

const FIRST_TERM = 2010;
const TERM_YEARS = 4;

function term(startYear: number): MunicipalTerm {
  const endYear = startYear + TERM_YEARS - 1;
  return { startYear, label: `${startYear}-${endYear}`, startDate: `${startYear}-01-01`, endDate: `${endYear}-12-31` };
}

/** The term a year in Copenhagen belongs to, or null before 2010. */
export function termOfYear(year: number): MunicipalTerm | null {
  if (!Number.isInteger(year) || year < FIRST_TERM) return null;
  return term(FIRST_TERM + Math.floor((year - FIRST_TERM) / TERM_YEARS) * TERM_YEARS);
}

/** Every term from 2010 up to and including the one `now` falls in (Copenhagen time), oldest first. */
export function termsUntil(now: Date): MunicipalTerm[] {
  const current = termOfYear(Number(utcToCopenhagen(now).date.slice(0, 4)));
  const terms: MunicipalTerm[] = [];
  for (let year = FIRST_TERM; current && year <= current.startYear; year += TERM_YEARS) terms.push(term(year));
  return terms;
}
