import { isoDate, itemPath, meetingPath } from "@/lib/data/paths";
import { municipalityCode } from "@/lib/oparl/municipality-codes";
import { readParticipants, type AgendaItemRow } from "@/lib/oparl/oparl-objects";
import { oparlUrls } from "@/lib/oparl/oparl-urls";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";

/**
 * One meeting as read for the bulk files, and its two written forms: a JSON Lines record (the
 * meeting with items and sections nested) and CSV rows (one per agenda item). A closed item is
 * number and title only in both, whatever the row holds.
 */
export interface ExportMeeting {
  id: number;
  urlKey: string;
  date: Date;
  startTime: string;
  endTime: string | null;
  kind: "referat" | "dagsorden";
  location: string | null;
  participants: unknown;
  committee: { slug: string; name: string; municipality: { slug: string; name: string } };
  items: AgendaItemRow[];
}

/** The CSV columns, in order, with their Frictionless field descriptions. */
export const CSV_FIELDS = [
  { name: "municipality", type: "string", description: "Kommunens navn, fx Vejen Kommune" },
  { name: "municipality_code", type: "string", description: "Kommunekode (4 cifre), fx 0575" },
  { name: "committee", type: "string", description: "Udvalgets navn" },
  { name: "meeting_date", type: "date", description: "Mødedato (ÅÅÅÅ-MM-DD)" },
  { name: "item_number", type: "string", description: "Punktets nummer som trykt" },
  { name: "title", type: "string", description: "Punktets titel" },
  { name: "public", type: "boolean", description: "false for lukkede punkter, som kun har nummer og titel" },
  { name: "case_number", type: "string", description: "Sagsnummer, når det er trykt" },
  { name: "kle", type: "string", description: "KLE-emnenummer fra sagsnummeret (fx 15.00.00)" },
  { name: "outcome", type: "string", description: "Beslutningens udfald: Godkendt, Anbefalet, Taget til efterretning, …" },
  { name: "decision", type: "string", description: "Udvalgets beslutning (tekst)" },
  { name: "url", type: "string", format: "uri", description: "Punktets side på portalen" },
] as const;

export type CsvRow = Record<(typeof CSV_FIELDS)[number]["name"], string>;

/** The meeting as one JSON Lines record. */
export function toJsonRecord(meeting: ExportMeeting, siteUrl: string): Record<string, unknown> {
  const { committee } = meeting;
  const municipality = committee.municipality;
  return {
    oparl_id: oparlUrls(siteUrl).meeting(meeting.id),
    url: `${siteUrl}${meetingPath(municipality.slug, committee.slug, meeting.urlKey)}`,
    municipality: municipality.name,
    municipality_code: municipalityCode(municipality.name),
    committee: committee.name,
    date: isoDate(meeting.date),
    start_time: meeting.startTime,
    end_time: meeting.endTime,
    kind: meeting.kind,
    location: meeting.location,
    participants: readParticipants(meeting.participants),
    items: meeting.items.map((item) => {
      const url = `${siteUrl}${itemPath(municipality.slug, committee.slug, meeting.urlKey, item.number)}`;
      if (item.closed) return { number: item.number, position: item.position, title: item.title, public: false, url };
      return {
        number: item.number,
        position: item.position,
        title: item.title,
        public: true,
        case_number: item.caseNumber,
        kle: item.kle,
        outcome: item.outcome,
        decision: item.decision,
        absent: item.absent,
        attachments: item.attachments.map((attachment) => attachment.title),
        sections: item.sections.map((section) => ({ heading: section.heading, kind: section.kind, text: section.text })),
        url,
      };
    }),
  };
}

/** The meeting's agenda items as CSV rows. */
export function toCsvRows(meeting: ExportMeeting, siteUrl: string): CsvRow[] {
  const { committee } = meeting;
  const municipality = committee.municipality;
  return meeting.items.map((item) => {
    const isOpen = !item.closed;
    return {
      municipality: municipality.name,
      municipality_code: municipalityCode(municipality.name) ?? "",
      committee: committee.name,
      meeting_date: isoDate(meeting.date),
      item_number: item.number,
      title: item.title,
      public: isOpen ? "true" : "false",
      case_number: isOpen ? (item.caseNumber ?? "") : "",
      kle: isOpen ? (item.kle ?? "") : "",
      outcome: isOpen && item.outcome !== "none" ? OUTCOME_LABELS[item.outcome] : "",
      decision: isOpen ? (item.decision ?? "") : "",
      url: `${siteUrl}${itemPath(municipality.slug, committee.slug, meeting.urlKey, item.number)}`,
    };
  });
}
