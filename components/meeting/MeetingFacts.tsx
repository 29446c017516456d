import type { MeetingHeader } from "@/lib/data/browse";
import { formatDanishDateTime } from "@/lib/text/format-danish-date";

/** When, where and who of a meeting. */
export function MeetingFacts({ meeting }: { meeting: MeetingHeader }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
      <dt className="font-semibold">Tidspunkt</dt>
      <dd>
        {formatDanishDateTime(meeting.date, meeting.startTime)}
        {meeting.startTime === null ? " (klokkeslæt ikke angivet)" : meeting.endTime ? `–${meeting.endTime.replace(":", ".")}` : ""}
      </dd>
      {meeting.location && (
        <>
          <dt className="font-semibold">Sted</dt>
          <dd>{meeting.location}</dd>
        </>
      )}
      {meeting.participants.length > 0 && (
        <>
          <dt className="font-semibold">Deltagere</dt>
          <dd>{meeting.participants.map((p) => (p.party ? `${p.name} (${p.party})` : p.name)).join(", ")}</dd>
        </>
      )}
    </dl>
  );
}
