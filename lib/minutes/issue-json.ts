import type { ParsedItem, ParsedMeeting, ParsedSection } from "./types";

/** The meeting with exactly the keys issue 3 names for the CLI (no blocks, lines or markers). */
export type IssueJsonMeeting = Omit<ParsedMeeting, "items"> & {
  items: Array<Omit<ParsedItem, "marker" | "line" | "sections"> & { sections: Array<Pick<ParsedSection, "heading" | "kind" | "text">> }>;
};

/** Project a ParsedMeeting onto the CLI's key list, in the issue's key order. */
export function toIssueJson(meeting: ParsedMeeting): IssueJsonMeeting {
  return {
    municipality: meeting.municipality,
    committee: meeting.committee,
    kind: meeting.kind,
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    location: meeting.location,
    participants: meeting.participants.map(({ name, party }) => ({ name, party })),
    items: meeting.items.map((item) => ({
      number: item.number,
      title: item.title,
      caseNumber: item.caseNumber,
      kle: item.kle,
      closed: item.closed,
      sections: item.sections.map(({ heading, kind, text }) => ({ heading, kind, text })),
      decision: item.decision,
      outcome: item.outcome,
      attachments: item.attachments,
      absent: item.absent,
    })),
    warnings: meeting.warnings.map(({ line, message, text }) => ({ line, message, text })),
  };
}
