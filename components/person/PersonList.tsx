import Link from "next/link";
import type { PersonSummary } from "@/lib/data/persons";

/** Persons as a list of links: "Anne Hansen (F)". */
export function PersonList({ persons }: { persons: PersonSummary[] }) {
  return (
    <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
      {persons.map((person) => (
        <li key={person.url}>
          <Link prefetch={false} href={person.url} className="text-brand underline underline-offset-2">
            {person.name}
          </Link>
          {person.party && <span className="text-muted"> ({person.party})</span>}
        </li>
      ))}
    </ul>
  );
}
