import { toDanishNumericDate, type PlannedItem, type PlannedMeeting } from "./plan-meeting";
import { caseText, closedHeadingTitle, formatLongDate, joinDocument, renderToc } from "./render-shared";

function initials(name: string): string {
  return name
    .split(" ")
    .map((part) => part.slice(0, 2).toLowerCase())
    .join("")
    .slice(0, 4);
}

function field(heading: string, text: readonly string[]): string[] {
  return [`### **${heading}**`, ...(text.length > 0 ? text : ["."])];
}

function renderItem(meeting: PlannedMeeting, item: PlannedItem, caseWorker: string): string[] {
  const heading = `## **Punkt ${item.number}: ${item.closed ? closedHeadingTitle(item) : item.title}**`;
  if (item.closed) return [heading, item.caseNumber ?? "", ...item.closedBody];
  const attachments = item.attachments.map((title, index) => `${index + 1}. ${title} (${1_229_300 + index * 7} - ${item.caseNumber ?? ""})`);
  return [
    heading,
    item.caseNumber ?? "",
    `## **${item.number} (Åben) ${item.title}**`,
    "### **Offentlig titel:**",
    "---",
    `Sagsnr. ${item.caseNumber ?? "."}  \nSagsbh. ${caseWorker} (${initials(caseWorker)})`,
    ...field("Sagsfremstilling", caseText(item)),
    ...field("Forvaltningens vurdering", []),
    ...field("Konsekvens i forhold til vores vision, Byrådsgrundlaget og politikker", []),
    ...field("Retsgrundlag", [item.law]),
    ...field("Økonomi", [item.economy]),
    ...field("Høring", ["Ingen."]),
    "### **Anbefaling**",
    `${item.recommender} anbefaler,`,
    ...item.proposals.map((proposal) => `**at** ${proposal}`),
    ...(item.earlierDecision ? [item.earlierDecision.heading, ...item.earlierDecision.paragraphs] : []),
    "### **Beslutning**",
    // The template prints the absence field inside the decision, "." when everyone attended.
    "#### **Fraværende**",
    item.absent.length > 0 ? item.absent.join(", ") : ".",
    ...item.decision,
    "### **Tidligere beslutninger**",
    ".",
    "#### **Bilag**",
    attachments.length > 0 ? attachments.join("\n") : ".",
  ];
}

/**
 * Varde's Markdown export: "## **Punkt N: Title**", the item header repeated as "N (Åben) Title",
 * "Sagsnr."/"Sagsbh." metadata, bold field headings, the absence field inside the decision and,
 * now and then, an earlier committee's decision quoted before the committee's own.
 */
export function renderVarde(meeting: PlannedMeeting): string {
  const caseWorker = meeting.participants[meeting.participants.length - 1] ?? "Lise Hansen";
  return joinDocument([
    `# **REFERAT ${meeting.printedCommittee} d. ${toDanishNumericDate(meeting.date)}**`,
    `**Mødedato** ${formatLongDate(meeting.date)} kl. ${meeting.startTime}`,
    `**Mødested** ${meeting.location}`,
    "## Indholdsfortegnelse",
    renderToc(meeting.items, (item) => (item.closed ? closedHeadingTitle(item) : item.title)).join("\n"),
    ...meeting.items.flatMap((item) => renderItem(meeting, item, caseWorker)),
  ]);
}
