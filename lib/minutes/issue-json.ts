import type { ParsedItem, ParsedMeeting, ParsedSection } from "./types";
import type { ItemVotes } from "./votes";
import type { Voter } from "./voters";

/** Votes as issue 15 names them for the CLI: voters as { name?, party?, count? }, without source lines. */
export type IssueJsonVotes = {
  for: Voter[];
  against: Voter[];
  abstained: Voter[];
  totals: ItemVotes["totals"];
  reservations: Array<Voter & { kind: string; text: string }>;
};

/** The meeting with exactly the keys issues 3 and 15 name for the CLI (no blocks, lines or markers). */
export type IssueJsonMeeting = Omit<ParsedMeeting, "items" | "people"> & {
  items: Array<
    Omit<ParsedItem, "marker" | "line" | "sections" | "votes"> & { sections: Array<Pick<ParsedSection, "heading" | "kind" | "text">>; votes: IssueJsonVotes }
  >;
};

function withoutLine<T extends { line: number }>({ line, ...rest }: T): Omit<T, "line"> {
  void line;
  return rest;
}

function toIssueVotes(votes: ItemVotes): IssueJsonVotes {
  return {
    for: votes.for.map(withoutLine),
    against: votes.against.map(withoutLine),
    abstained: votes.abstained.map(withoutLine),
    totals: votes.totals,
    reservations: votes.reservations.map(withoutLine),
  };
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
      recommendation: item.recommendation,
      deviation: item.deviation,
      attachments: item.attachments,
      absent: item.absent,
      votes: toIssueVotes(item.votes),
    })),
    warnings: meeting.warnings.map(({ line, message, text }) => ({ line, message, text })),
  };
}
