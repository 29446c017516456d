import type { MeetingHeader } from "@/lib/data/browse";
import { formatDanishDate } from "@/lib/text/format-danish-date";

/** Breadcrumbs from the home page down to a meeting. */
export function meetingTrail(meeting: MeetingHeader): Array<{ label: string; href: string }> {
  return [
    { label: "Forside", href: "/" },
    { label: meeting.municipality.name, href: meeting.municipality.url },
    { label: meeting.committee.name, href: meeting.committee.url },
    { label: formatDanishDate(meeting.date), href: meeting.url },
  ];
}
