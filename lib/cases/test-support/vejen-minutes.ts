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
 * Minutes (or an agenda) in Vejen's template (the sample's header, "Punkt N:" headings, the case number on the
 * line under the heading) for tests that need several meetings of one municipality.
 */
export function vejenMinutes(meeting: {
  committee: string;
  date: string;
  items: MinutesItem[];
  /** "HH:MM" (default "14:00"); null prints no time. */
  startTime?: string | null;
  kind?: "referat" | "dagsorden";
}): string {
  const [year, month, day] = meeting.date.split("-");
  const dmy = `${day}-${month}-${year}`;
  const startTime = meeting.startTime === undefined ? "14:00" : meeting.startTime;
  const lines = [
    `${meeting.kind === "dagsorden" ? "DAGSORDEN" : "REFERAT"} ${meeting.committee} 2022-2025 d. ${dmy}`,
    "",
    `Mødedato ${dmy}${startTime === null ? "" : ` kl. ${startTime}`}`,
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
