import type { PlannedItem, PlannedMeeting } from "./plan-meeting";
import { asSentence, caseText, renderClosedItem, renderPlainDocument } from "./render-shared";

function renderItem(meeting: PlannedMeeting, item: PlannedItem): string[] {
  if (item.closed) return renderClosedItem(item);
  const heading = [`Punkt ${item.number}: ${item.title}`, item.caseNumber ?? ""];
  if (item.body.length === 0) {
    return [
      ...heading,
      "Sagens videre forløb",
      `Sagen skal alene behandles af ${meeting.committee}.`,
      "Beslutning",
      ...item.decision,
    ];
  }
  return [
    ...heading,
    "Resume",
    ...item.resume,
    "Sagsfremstilling",
    ...caseText(item).slice(item.resume.length),
    "Klima og resiliensvurdering",
    "Ingen bemærkninger.",
    `${item.recommender} indstiller`,
    ...item.proposals.map((proposal) => `at ${asSentence(proposal).replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`),
    "Beslutning",
    ...item.decision,
    ...(item.attachments.length > 0 ? ["Bilag", ...item.attachments] : []),
  ];
}

/** Vejle's export: KLE journal numbers and a standalone "<direktør> indstiller" heading. */
export function renderVejle(meeting: PlannedMeeting): string {
  return renderPlainDocument(meeting, { location: meeting.location, withParticipants: false, renderItem: (item) => renderItem(meeting, item) });
}
