import type { AgendaItemPage } from "@/lib/data/browse";
import { accessRequestMailto } from "@/lib/text/access-request-mailto";

/**
 * "Aktindsigt" on an open item with a case number: what the right of access is and, when the
 * municipality's address is configured (municipalities.json), a link that opens a prefilled
 * request. Nothing for a closed item or an item without a case number.
 */
export function AccessRequest({ item, email, siteUrl }: { item: AgendaItemPage; email: string | null; siteUrl: string }) {
  if (item.closed || item.caseNumber === null) return null;
  const { meeting } = item;
  return (
    <section aria-labelledby="aktindsigt" className="mb-6 rounded border border-slate-300 p-4">
      <h2 id="aktindsigt" className="text-xl font-semibold">
        Aktindsigt
      </h2>
      <p className="mb-2">
        Alle kan bede om at se dokumenterne i en kommunes sager, også dem, der ikke er offentliggjort her (offentlighedsloven § 7). Du
        behøver ikke at begrunde din anmodning, men skal angive, hvilken sag den gælder. Kommunen skal svare hurtigst muligt og som
        udgangspunkt inden 7 arbejdsdage. Oplysninger om fx enkeltpersoners private forhold kan være undtaget.
      </p>
      {email ? (
        <p>
          <a
            href={accessRequestMailto({
              email,
              municipality: meeting.municipality.name,
              caseNumber: item.caseNumber,
              title: item.title,
              committee: meeting.committee.name,
              meetingDate: meeting.date,
              itemNumber: item.number,
              itemUrl: `${siteUrl}${item.url}`,
            })}
            className="text-brand underline underline-offset-2"
          >
            Skriv til {meeting.municipality.name} om aktindsigt i sag {item.caseNumber}
          </a>
        </p>
      ) : (
        <p>
          Send din anmodning til {meeting.municipality.name} og oplys sagsnummer {item.caseNumber}.
        </p>
      )}
    </section>
  );
}
