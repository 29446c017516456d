import { formatDanishDate } from "./format-danish-date";

/** What an access request (aktindsigt) names: the case and where it was handled. */
export interface AccessRequestSubject {
  email: string;
  municipality: string;
  caseNumber: string;
  title: string;
  committee: string;
  /** YYYY-MM-DD */
  meetingDate: string;
  itemNumber: string;
  /** The item's page, absolute. */
  itemUrl: string;
}

/**
 * A mailto: URL that opens a prefilled request for access to a case's documents under
 * offentlighedsloven § 7, to the municipality's address. Every value is percent-encoded, so a
 * title cannot add recipients or headers.
 */
export function accessRequestMailto(request: AccessRequestSubject): string {
  const subject = `Anmodning om aktindsigt i sag ${request.caseNumber}`;
  const body = [
    `Til ${request.municipality}`,
    "",
    "Jeg anmoder om aktindsigt efter offentlighedslovens § 7 i denne sag, herunder sagens dokumenter og bilag:",
    "",
    `Sagsnummer: ${request.caseNumber}`,
    `Titel: ${request.title}`,
    `Behandlet: ${request.committee}, møde ${formatDanishDate(request.meetingDate)}, punkt ${request.itemNumber}`,
    `Link: ${request.itemUrl}`,
    "",
    "Jeg beder om at få dokumenterne tilsendt elektronisk.",
    "",
    "Venlig hilsen",
    "",
  ].join("\r\n");
  return `mailto:${encodeURIComponent(request.email).replace(/%40/g, "@")}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
