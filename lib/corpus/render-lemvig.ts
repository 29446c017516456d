import type { PlannedItem, PlannedMeeting } from "./plan-meeting";
import { asSentence, caseText, renderClosedItem, renderPlainDocument } from "./render-shared";

function renderItem(meeting: PlannedMeeting, item: PlannedItem): string[] {
  if (item.closed) return renderClosedItem(item);
  return [
    `Punkt ${item.number}: ${item.title}`,
    item.caseNumber ?? "",
    ...(item.resume.length > 0 ? ["Resumé", ...item.resume] : []),
    "Indstilling",
    `${item.recommender} indstiller`,
    item.proposals.map((proposal) => `- At ${asSentence(proposal).replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`).join("\n"),
    "Beslutning",
    ...item.decision,
    ...(item.body.length > 0 ? ["Sagsfremstilling", ...caseText(item).slice(item.resume.length)] : []),
    "Økonomiske konsekvenser",
    `Økonomi og HR bemærker: ${item.economy.charAt(0).toLowerCase()}${item.economy.slice(1)}`,
    "Sagen afgøres endeligt af",
    `${meeting.committee}.`,
    "Lovgrundlag",
    item.law,
    ...(item.earlierTreatment.length > 0 ? ["Tidligere politisk behandling", ...item.earlierTreatment] : []),
    ...(item.attachments.length > 0 ? ["Bilag", ...item.attachments] : []),
  ];
}

/** Lemvig's export: "Resumé", the recommendation and decision before the case, "Sagen afgøres endeligt af". */
export function renderLemvig(meeting: PlannedMeeting): string {
  return renderPlainDocument(meeting, { location: meeting.location, withParticipants: true, renderItem: (item) => renderItem(meeting, item) });
}
