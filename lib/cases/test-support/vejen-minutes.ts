/** One item of a generated minutes document. */
export interface MinutesItem {
  number: string;
  title: string;
  caseNumber?: string;
  /** This meeting's decision; omitted for an agenda. */
  decision?: string;
  /** Extra sections printed before the decision, as [heading, text] pairs. */
  sections?: Array<readonly [string, string]>;
  closed?: boolean;
}

/**
 * Minutes in Vejen's template (the sample's header, "Punkt N:" headings, the case number on the
 * line under the heading) for tests that need several meetings of one municipality.
 */
export function vejenMinutes(meeting: { committee: string; date: string; items: MinutesItem[] }): string {
  const [year, month, day] = meeting.date.split("-");
  const dmy = `${day}-${month}-${year}`;
  const lines = [
    `REFERAT ${meeting.committee} 2022-2025 d. ${dmy}`,
    "",
    `Mødedato ${dmy} kl. 14:00`,
    "",
    "Mødested Vejen Rådhus",
    "",
    "Mødedeltagere Morten Thorøe, Knud Peter Wad",
    "",
  ];
  for (const item of meeting.items) {
    lines.push(`Punkt ${item.number}: ${item.closed ? "Lukket: " : ""}${item.title} (B)`, "");
    if (item.closed) {
      lines.push("Intet.", "");
      continue;
    }
    if (item.caseNumber) lines.push(item.caseNumber, "");
    lines.push("Administrativ indstilling", "", "Direktøren indstiller, at sagen godkendes.", "");
    for (const [heading, text] of item.sections ?? []) lines.push(heading, "", text, "");
    if (item.decision) lines.push(`Beslutning ${meeting.committee} den ${dmy}`, "", item.decision, "");
    lines.push("Sagsfremstilling", "", `Sagen handler om ${item.title.toLowerCase()}.`, "");
  }
  return `${lines.join("\n")}\n`;
}
