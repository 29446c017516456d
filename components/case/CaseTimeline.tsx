import Link from "next/link";
import { OutcomeBadge } from "@/components/ui/OutcomeBadge";
import type { CaseEvent } from "@/lib/data/cases";
import { formatShortDanishDate } from "@/lib/text/format-danish-date";

/**
 * A case's events as an ordered list, oldest first: each item with committee, outcome and link
 * (a closed item by number and title only), each quoted earlier decision with its body and the
 * item that quotes it. `currentUrl` marks the item whose page shows the list.
 */
export function CaseTimeline({ events, currentUrl, labelledBy }: { events: CaseEvent[]; currentUrl?: string; labelledBy: string }) {
  return (
    <ol aria-labelledby={labelledBy} className="relative ml-2 border-l-2 border-slate-300">
      {events.map((event) => {
        const isCurrent = event.kind === "item" && event.url === currentUrl;
        return (
          <li key={event.kind === "item" ? event.url : `${event.date}|${event.body}|${event.quotedIn.url}`} className="mb-4 ml-4" aria-current={isCurrent ? "page" : undefined}>
            <p className="text-sm text-muted">
              <time dateTime={event.date}>{formatShortDanishDate(event.date)}</time> ·{" "}
              {event.kind === "item" ? (
                <Link prefetch={false} href={event.committee.url} className="text-brand underline underline-offset-2">
                  {event.committee.name}
                </Link>
              ) : (
                event.body
              )}
            </p>
            {event.kind === "item" ? (
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                {isCurrent ? (
                  <span className="font-semibold">
                    Punkt {event.number}: {event.closed ? `Lukket punkt${event.title ? `: ${event.title}` : ""}` : event.title} (dette punkt)
                  </span>
                ) : (
                  <Link prefetch={false} href={event.url} className="font-semibold text-brand underline underline-offset-2">
                    Punkt {event.number}: {event.closed ? `Lukket punkt${event.title ? `: ${event.title}` : ""}` : event.title}
                  </Link>
                )}
                {event.closed ? null : event.meetingKind === "dagsorden" ? (
                  <span className="text-sm">På dagsordenen</span>
                ) : (
                  <OutcomeBadge outcome={event.outcome} />
                )}
              </p>
            ) : (
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span>
                  Tidligere behandling{event.itemNumber ? `, punkt ${event.itemNumber}` : ""} – citeret i{" "}
                  <Link prefetch={false} href={event.quotedIn.url} className="text-brand underline underline-offset-2">
                    punkt {event.quotedIn.number} ({event.quotedIn.committee}, {formatShortDanishDate(event.quotedIn.date)})
                  </Link>
                </span>
                {event.outcome !== "none" && <OutcomeBadge outcome={event.outcome} />}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
