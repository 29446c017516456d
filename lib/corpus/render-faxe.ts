import type { PlannedItem, PlannedMeeting } from "./plan-meeting";
import { caseText, renderClosedItem, renderPlainDocument } from "./render-shared";

function renderItem(meeting: PlannedMeeting, item: PlannedItem): string[] {
  if (item.closed) return renderClosedItem(item);
  const text = caseText(item);
  return [
    `Punkt ${item.number}: ${item.title}`,
    item.caseNumber ?? "",
    ...(item.resume.length > 0 ? ["Resume", ...item.resume] : []),
    ...(item.body.length > 0 ? ["Sagsfremstilling", ...text.slice(item.resume.length)] : []),
    "Økonomi",
    "Økonomiske konsekvenser",
    item.economy,
    "Sagen afgøres af",
    `${meeting.committee}.`,
    "Indstilling",
    `${item.recommender} indstiller, at ${item.proposals.join(", og at ")}.`,
    "Beslutning",
    ...item.decision,
    ...(item.absenceLine ? ["Fraværende:", item.absenceLine] : []),
    ...(item.attachments.length > 0 ? ["Bilag", ...item.attachments] : []),
  ];
}

/**
 * Faxe's export: items numbered through the year, "Resume", "Økonomi" / "Økonomiske konsekvenser",
 * "Sagen afgøres af", a one-line recommendation and "Fraværende:" under every decision.
 */
export function renderFaxe(meeting: PlannedMeeting): string {
  const time = (hhmm: string | null) => (hhmm ?? "").replace(":", ".");
  const location = meeting.endTime ? `${meeting.location} - kl. ${time(meeting.startTime)}-${time(meeting.endTime)}` : meeting.location;
  return renderPlainDocument(meeting, { location, withParticipants: false, renderItem: (item) => renderItem(meeting, item) });
}
