import type { Outcome, ParsedMeeting, ParseWarning, Participant, SectionKind } from "./types";

/** The meeting with exactly the keys issue 3 names for the CLI (no blocks, lines or markers). */
export interface IssueJsonMeeting {
  municipality: string;
  committee: string;
  kind: "referat" | "dagsorden";
  date: string;
  startTime: string;
  endTime: string | null;
  location: string | null;
  participants: Participant[];
  items: Array<{
    number: string;
    title: string;
    caseNumber: string | null;
    kle: string | null;
    closed: boolean;
    sections: Array<{ heading: string; kind: SectionKind; text: string }>;
    decision: string | null;
    outcome: Outcome;
    attachments: string[];
    absent: string[];
  }>;
  warnings: ParseWarning[];
}

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
