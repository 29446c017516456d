import { toDanishNumericDate, type PlannedItem, type PlannedMeeting } from "./plan-meeting";
import { asSentence, caseText, closedHeadingTitle, renderPlainDocument } from "./render-shared";

function withMarker(item: PlannedItem, title: string): string {
  return item.marker ? `${title} (${item.marker})` : title;
}

function renderItem(meeting: PlannedMeeting, item: PlannedItem): string[] {
  if (item.closed) return [`Punkt ${item.number}: ${withMarker(item, closedHeadingTitle(item))}`, ...item.closedBody];
  const heading = `Punkt ${item.number}: ${withMarker(item, item.title)}`;
  const decision = [`Beslutning ${meeting.committee} den ${toDanishNumericDate(meeting.date)}`, ...item.decision];
  if (item.body.length === 0) return [heading, item.caseNumber ?? "", ...decision];
  return [
    heading,
    item.caseNumber ?? "",
    "Administrativ indstilling",
    `${item.recommender} indstiller, at`,
    item.proposals.map((proposal) => `- ${asSentence(proposal)}`).join("\n"),
    ...decision,
    "Sagsfremstilling",
    ...caseText(item),
    "Tidligere behandling",
    ...(item.earlierTreatment.length > 0 ? item.earlierTreatment : ["Ingen."]),
    "Økonomiske konsekvenser",
    item.economy,
    "Personalemæssige konsekvenser",
    "Ingen.",
    "Retsregler og andre forskrifter",
    item.law,
    "Høring",
    "Ingen.",
    ...(item.attachments.length > 0 ? ["Bilag", ...item.attachments] : []),
  ];
}

/**
 * Vejen's FirstAgenda PDF export: "Punkt N: Title (B)", the recommendation before the decision,
 * "Beslutning <udvalg> den dd-mm-yyyy", and the fixed tail of consequence sections.
 */
export function renderVejen(meeting: PlannedMeeting): string {
  return renderPlainDocument(meeting, {
    location: meeting.location,
    withParticipants: true,
    tocTitle: (item) => withMarker(item, item.closed ? closedHeadingTitle(item) : item.title),
    renderItem: (item) => renderItem(meeting, item),
  });
}
