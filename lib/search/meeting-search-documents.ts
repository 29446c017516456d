import { departsFromRecommendation } from "@/lib/minutes/deviation";
import type { ParsedMeeting } from "@/lib/minutes/index";
import { hasDissent } from "@/lib/minutes/votes";
import { slugify, slugifyMunicipality } from "@/lib/text/slugify";
import type { SearchDocument } from "./search-document";

/**
 * SearchDocuments of a parsed meeting, for tests over the sample minutes (production builds them
 * from the database). Closed items are skipped; ids are `firstId`, `firstId + 1`, … in item order.
 * Url: `/{municipality slug without "Kommune"}/{committee slug}/{date}/punkt-{number}`.
 */
export function meetingSearchDocuments(meeting: ParsedMeeting, firstId = 1): SearchDocument[] {
  const municipalitySlug = slugifyMunicipality(meeting.municipality);
  const committeeSlug = slugify(meeting.committee);
  return meeting.items
    .filter((item) => !item.closed)
    .map((item, i) => ({
      id: firstId + i,
      url: `/${municipalitySlug}/${committeeSlug}/${meeting.date}/punkt-${item.number}`,
      title: item.title,
      decision: item.decision,
      outcome: item.outcome,
      caseNumber: item.caseNumber,
      kleGroup: item.kle?.slice(0, 2) ?? null,
      departsFromRecommendation: departsFromRecommendation(item.deviation),
      hasDissent: hasDissent(item.votes),
      number: item.number,
      date: meeting.date,
      municipality: meeting.municipality,
      municipalitySlug,
      committee: meeting.committee,
      committeeSlug,
      sections: item.sections.map((section) => ({ kind: section.kind, heading: section.heading, text: section.text })),
    }));
}
