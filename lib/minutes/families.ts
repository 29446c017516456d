import type { SourceLine } from "./types";

/**
 * The template families seen so far. Rules are shared; a family only switches on its small,
 * named adjustments (extra artifact lines to drop).
 */
export type FamilyId =
  | "markdown-export" // Varde: "## **Punkt 1: …**", "### **Beslutning**"
  | "firstagenda-html" // "UDVALG / … / STARTTIDSPUNKT / 04-06-2020 09:00:00", "PUNKTER"
  | "web-export" // "Dato: 29. januar 2020", "1. Title", "Til toppen" between items
  | "older-pdf" // "Mødedato: Mandag den 6. oktober 2014", "Dok.nr.: … Sagsid.: …", "Åben sag"
  | "firstagenda-pdf"; // Vejen, Faxe, Vejle, Lemvig: "REFERAT <udvalg> d. dd-mm-yyyy", "Punkt N: Title"

/** A detected family and its adjustments. */
export interface Family {
  id: FamilyId;
  /** Whole lines that are navigation or print artifacts in this family, dropped without a warning. */
  artifactLines: readonly RegExp[];
}

const WEB_ARTIFACTS = [/^(?:til toppen|til top|print|udskriv|tilbage|tilbage til oversigt|del på .*)$/i];

/** Detect the template family from a few telling lines; falls back to the FirstAgenda PDF export. */
export function detectFamily(lines: readonly SourceLine[], isMarkdown: boolean): Family {
  if (isMarkdown) return { id: "markdown-export", artifactLines: [] };
  let hasTopLink = false;
  let hasAgendaBlocks = false;
  let hasDocLine = false;
  for (const line of lines) {
    const text = line.text.trim();
    if (/^til toppen$/i.test(text)) hasTopLink = true;
    else if (text === "STARTTIDSPUNKT" || text === "PUNKTER") hasAgendaBlocks = true;
    else if (/^dok\.?\s?nr\.?\s*:/i.test(text)) hasDocLine = true;
  }
  if (hasAgendaBlocks) return { id: "firstagenda-html", artifactLines: [] };
  if (hasTopLink) return { id: "web-export", artifactLines: WEB_ARTIFACTS };
  if (hasDocLine) return { id: "older-pdf", artifactLines: [] };
  return { id: "firstagenda-pdf", artifactLines: [] };
}

/** True when a line is an artifact of the family's publishing system. */
export function isArtifactLine(family: Family, text: string): boolean {
  const trimmed = text.trim();
  return family.artifactLines.some((pattern) => pattern.test(trimmed));
}
