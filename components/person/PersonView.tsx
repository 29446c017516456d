import Link from "next/link";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import type { PersonPage } from "@/lib/data/persons";
import { formatDanishDate } from "@/lib/text/format-danish-date";

const DISSENT_LABELS = {
  against: "Stemte imod",
  abstained: "Undlod at stemme",
  forbehold: "Tog forbehold",
  protokol: "Ført til protokol",
  mindretalsudtalelse: "Mindretalsudtalelse",
} as const;

function Empty({ children }: { children: string }) {
  return <p className="text-muted">{children}</p>;
}

/** A person of a municipality: committees, attendance, absences, votes against and reservations, each linked to its meeting or item. */
export function PersonView({ person }: { person: PersonPage }) {
  return (
    <article>
      <Breadcrumbs
        trail={[
          { label: "Forside", href: "/" },
          { label: person.municipality.name, href: person.municipality.url },
          { label: "Personer", href: `${person.municipality.url}/person` },
          { label: person.name, href: person.url },
        ]}
      />
      <h1 className="mb-1 text-3xl font-bold">
        {person.name}
        {person.party && <span className="text-muted"> ({person.party})</span>}
      </h1>
      <p className="mb-6 text-muted">
        {person.municipality.name} · som nævnt i de offentlige referater. Lukkede punkter indgår ikke.
      </p>

      <section aria-labelledby="udvalg" className="mb-6">
        <h2 id="udvalg" className="mb-2 text-xl font-semibold">
          Udvalg
        </h2>
        <ul className="list-disc pl-6">
          {person.committees.map((committee) => (
            <li key={committee.url}>
              <Link prefetch={false} href={committee.url} className="text-brand underline underline-offset-2">
                {committee.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="dissens" className="mb-6">
        <h2 id="dissens" className="mb-2 text-xl font-semibold">
          Stemmer imod og forbehold ({person.dissent.length})
        </h2>
        {person.dissent.length === 0 ? (
          <Empty>Referaterne nævner ingen stemmer imod eller forbehold.</Empty>
        ) : (
          <ul className="space-y-2">
            {person.dissent.map((entry, i) => (
              <li key={i}>
                <span className="font-semibold">{DISSENT_LABELS[entry.kind]}</span>
                {" – "}
                <Link prefetch={false} href={entry.url} className="text-brand underline underline-offset-2">
                  Punkt {entry.number}: {entry.title}
                </Link>{" "}
                <span className="text-muted">
                  ({entry.committee}, {formatDanishDate(entry.date)})
                </span>
                {entry.text && entry.kind !== "against" && entry.kind !== "abstained" && (
                  <p className="text-sm">
                    <q>{entry.text}</q>
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="fravaer" className="mb-6">
        <h2 id="fravaer" className="mb-2 text-xl font-semibold">
          Fravær
        </h2>
        {person.absentMeetings.length + person.absentItems.length === 0 ? (
          <Empty>Referaterne nævner intet fravær.</Empty>
        ) : (
          <ul className="list-disc pl-6">
            {person.absentMeetings.map((meeting) => (
              <li key={meeting.url}>
                Hele mødet:{" "}
                <Link prefetch={false} href={meeting.url} className="text-brand underline underline-offset-2">
                  {meeting.committee}, {formatDanishDate(meeting.date)}
                </Link>
              </li>
            ))}
            {person.absentItems.map((item) => (
              <li key={item.url}>
                <Link prefetch={false} href={item.url} className="text-brand underline underline-offset-2">
                  Punkt {item.number}: {item.title}
                </Link>{" "}
                <span className="text-muted">
                  ({item.committee}, {formatDanishDate(item.date)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="moeder" className="mb-6">
        <h2 id="moeder" className="mb-2 text-xl font-semibold">
          Deltog i møder ({person.attended.length})
        </h2>
        {person.attended.length === 0 ? (
          <Empty>Referaterne har ingen deltagerliste med personen.</Empty>
        ) : (
          <ul className="list-disc pl-6">
            {person.attended.map((meeting) => (
              <li key={meeting.url}>
                <Link prefetch={false} href={meeting.url} className="text-brand underline underline-offset-2">
                  {meeting.committee}, {formatDanishDate(meeting.date)}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
