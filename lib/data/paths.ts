import { slugify } from "@/lib/text/slugify";

/** URL of a municipality page. */
export function municipalityPath(municipalitySlug: string): string {
  return `/${municipalitySlug}`;
}

/** URL of a committee page. */
export function committeePath(municipalitySlug: string, committeeSlug: string): string {
  return `/${municipalitySlug}/${committeeSlug}`;
}

/** URL of a meeting page; `urlKey` is "2024-03-19" or "2024-03-19-2". */
export function meetingPath(municipalitySlug: string, committeeSlug: string, urlKey: string): string {
  return `/${municipalitySlug}/${committeeSlug}/${urlKey}`;
}

/** URL of an agenda item page: ".../punkt-83". */
export function itemPath(municipalitySlug: string, committeeSlug: string, urlKey: string, number: string): string {
  return `${meetingPath(municipalitySlug, committeeSlug, urlKey)}/punkt-${encodeURIComponent(number)}`;
}

/** "2024-03-19" from a PostgreSQL DATE read by Prisma (midnight UTC). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** URL of a case page: "/vejen/sag/24-3579". */
export function casePath(municipalitySlug: string, caseSlug: string): string {
  return `/${municipalitySlug}/sag/${caseSlug}`;
}

/** URL of a calendar feed: "/vejen/kalender.ics", or a committee's "/vejen/oekonomiudvalget/kalender.ics". */
export function calendarPath(municipalitySlug: string, committeeSlug?: string): string {
  return committeeSlug ? `/${municipalitySlug}/${committeeSlug}/kalender.ics` : `/${municipalitySlug}/kalender.ics`;
}

/** URL of a municipality's list of persons; every person page is below it. */
export function personsPath(municipalitySlug: string): string {
  return `/${municipalitySlug}/person`;
}

/** URL of a person page. */
export function personPath(municipalitySlug: string, personSlug: string): string {
  return `${personsPath(municipalitySlug)}/${personSlug}`;
}

/**
 * Route segments beside `[udvalg]` under `app/[kommune]/`: a committee whose name slugifies to
 * one of them would be hidden by that page, so it gets "-udvalg" appended (a test compares this
 * list with the app folder).
 */
export const RESERVED_COMMITTEE_SLUGS: ReadonlySet<string> = new Set(["datagrundlag", "person", "sag"]);

/** URL slug of a committee name: {@link slugify}, kept clear of the municipality's own pages. */
export function slugifyCommittee(name: string): string {
  const slug = slugify(name);
  if (slug === "") return "udvalg";
  return RESERVED_COMMITTEE_SLUGS.has(slug) ? `${slug}-udvalg` : slug;
}
