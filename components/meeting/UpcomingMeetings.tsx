import Link from "next/link";
import type { UpcomingMeeting } from "@/lib/data/browse";
import { formatDanishDateTime } from "@/lib/text/format-danish-date";

/** "Kommende møder": published agendas of meetings not yet held; nothing when there are none. */
export function UpcomingMeetings({ meetings, showCommittee }: { meetings: UpcomingMeeting[]; showCommittee: boolean }) {
  if (meetings.length === 0) return null;
  return (
    <section aria-labelledby="kommende-moeder" className="mb-6">
      <h2 id="kommende-moeder" className="mb-2 text-xl font-semibold">
        Kommende møder
      </h2>
      <ul className="divide-y divide-slate-200 rounded border border-slate-200">
        {meetings.map((m) => (
          <li key={m.url} className="p-3">
            <Link prefetch={false} href={m.url} className="font-semibold text-brand underline-offset-2 hover:underline">
              {showCommittee ? `${m.committee}, ` : ""}
              {formatDanishDateTime(m.date, m.startTime)}
            </Link>
            <p className="text-sm text-muted">
              Dagsorden · {m.itemCount} {m.itemCount === 1 ? "punkt" : "punkter"}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
