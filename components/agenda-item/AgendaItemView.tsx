import Link from "next/link";
import type { ReactNode } from "react";
import { meetingTrail } from "@/components/meeting/meeting-trail";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { CopyLinkButton } from "@/components/ui/CopyLinkButton";
import { OutcomeBadge } from "@/components/ui/OutcomeBadge";
import type { AgendaItemPage } from "@/lib/data/browse";
import { formatDanishDate } from "@/lib/text/format-danish-date";
import { DeviationBadge } from "./DeviationBadge";
import { ItemVotes } from "./ItemVotes";
import { sectionAnchors } from "./section-anchors";
import { SectionBody } from "./SectionBody";

/**
 * One agenda item: decision first, then every section in document order, with permalinks.
 * `caseHistory` ("Sagens forløb") follows the decision and `accessRequest` (aktindsigt) the
 * sections; neither is shown for a closed item.
 */
export function AgendaItemView({
  item,
  siteUrl,
  caseHistory,
  accessRequest,
}: {
  item: AgendaItemPage;
  siteUrl: string;
  caseHistory?: ReactNode;
  accessRequest?: ReactNode;
}) {
  const { meeting } = item;
  const anchors = sectionAnchors(item.sections);
  // Some templates print a closed item without a title ("Punkt 11: Lukket: (B)").
  const title = item.title || (item.closed ? "Lukket punkt" : "Punkt uden titel");
  const citation = `${meeting.municipality.name}, ${meeting.committee.name}, møde ${formatDanishDate(meeting.date)}, punkt ${item.number}: ${title}. ${siteUrl}${item.url}`;
  return (
    <article>
      <Breadcrumbs trail={[...meetingTrail(meeting), { label: `Punkt ${item.number}`, href: item.url }]} />
      <p className="text-muted">
        {meeting.committee.name} · {meeting.municipality.name} · {formatDanishDate(meeting.date)}
      </p>
      <h1 className="mb-3 mt-1 text-3xl font-bold">
        <span className="text-muted">Punkt {item.number}:</span> {title}
      </h1>
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <CopyLinkButton path={item.url} label={`Kopiér link til punkt ${item.number}`} />
        {item.source && (
          <p>
            Kilde:{" "}
            <a href={item.source.url} rel="noopener noreferrer external" className="text-brand underline underline-offset-2">
              punktet på {item.source.host}
            </a>
          </p>
        )}
      </div>

      {item.closed ? (
        <section aria-labelledby="lukket" className="rounded border border-slate-300 bg-slate-50 p-4">
          <h2 id="lukket" className="text-xl font-semibold">
            Lukket punkt
          </h2>
          <p>Punktet blev behandlet for lukkede døre. Kun titlen offentliggøres.</p>
        </section>
      ) : (
        <>
          <dl className="mb-6 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
            {item.caseNumber && (
              <>
                <dt className="font-semibold">Sagsnummer</dt>
                <dd>{item.caseNumber}</dd>
              </>
            )}
            {item.topic && (
              <>
                <dt className="font-semibold">Emne</dt>
                <dd>
                  {item.topic.name} (KLE {item.topic.code})
                </dd>
              </>
            )}
          </dl>

          <section aria-labelledby="beslutningen" className="mb-8 rounded border-l-4 border-brand bg-slate-50 p-4">
            <h2 id="beslutningen" className="mb-2 flex flex-wrap items-center gap-3 text-xl font-semibold">
              Beslutning <OutcomeBadge outcome={item.outcome} /> <DeviationBadge deviation={item.deviation} />
            </h2>
            <p className="whitespace-pre-line">{item.decision ?? "Referatet indeholder ingen beslutning for dette punkt."}</p>
          </section>
          {caseHistory}

          {item.votes && <ItemVotes votes={item.votes} />}

          {item.sections.map((section, i) => (
            <section key={anchors[i]} aria-labelledby={anchors[i]} className="mb-6">
              <div className="flex flex-wrap items-center gap-3">
                <h2 id={anchors[i]} className="scroll-mt-4 text-xl font-semibold">
                  <a href={`#${anchors[i]}`} className="text-ink no-underline hover:underline">
                    {section.heading}
                  </a>
                </h2>
                <CopyLinkButton path={item.url} anchor={anchors[i]} label={`Kopiér link til afsnittet ${section.heading}`} />
              </div>
              <SectionBody blocks={section.blocks} text={section.text} />
            </section>
          ))}

          {item.attachments.length > 0 && (
            <section aria-labelledby="bilag-liste" className="mb-6">
              <h2 id="bilag-liste" className="text-xl font-semibold">
                Bilag
              </h2>
              <ul className="list-disc pl-6">
                {item.attachments.map((title, i) => {
                  const url = item.attachmentUrls[i];
                  return (
                    <li key={i}>
                      {url ? (
                        <a href={url} rel="noopener noreferrer external" className="text-brand underline underline-offset-2">
                          {title}
                        </a>
                      ) : (
                        title
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          {item.absent.length > 0 && (
            <section aria-labelledby="fravaer" className="mb-6">
              <h2 id="fravaer" className="text-xl font-semibold">
                Fraværende
              </h2>
              <p>{item.absent.join(", ")}</p>
            </section>
          )}
          {accessRequest}
        </>
      )}

      <section aria-labelledby="citer" className="mt-8 border-t border-slate-200 pt-4">
        <h2 id="citer" className="text-lg font-semibold">
          Citér dette punkt
        </h2>
        <p className="break-words text-sm">{citation}</p>
      </section>

      <nav aria-label="Forrige og næste punkt" className="no-print mt-6 flex flex-wrap justify-between gap-4">
        {item.previous ? (
          <Link prefetch={false} href={item.previous.url} className="text-brand underline underline-offset-2">
            ← Punkt {item.previous.number}: {item.previous.title}
          </Link>
        ) : (
          <span />
        )}
        {item.next && (
          <Link prefetch={false} href={item.next.url} className="text-brand underline underline-offset-2">
            Punkt {item.next.number}: {item.next.title} →
          </Link>
        )}
      </nav>
    </article>
  );
}
