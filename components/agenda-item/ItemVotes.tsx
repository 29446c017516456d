import Link from "next/link";
import type { VotesView, VoterView } from "@/lib/data/item-votes";

const RESERVATION_LABELS = { forbehold: "Forbehold", protokol: "Ført til protokol", mindretalsudtalelse: "Mindretalsudtalelse" } as const;

function Voters({ voters }: { voters: VoterView[] }) {
  if (voters.length === 0) return <>–</>;
  return (
    <ul className="flex flex-wrap gap-x-3">
      {voters.map((voter, i) => (
        <li key={i}>
          {voter.url ? (
            <Link prefetch={false} href={voter.url} className="text-brand underline underline-offset-2">
              {voter.label}
            </Link>
          ) : (
            voter.label
          )}
        </li>
      ))}
    </ul>
  );
}

/** The votes and reservations of an item's decision: a table of for / against / abstained, then the reservations. */
export function ItemVotes({ votes }: { votes: VotesView }) {
  const rows = [
    { label: "For", voters: votes.for, total: votes.totals.for },
    { label: "Imod", voters: votes.against, total: votes.totals.against },
    { label: "Undlod at stemme", voters: votes.abstained, total: votes.totals.abstained },
  ].filter((row) => row.voters.length > 0 || row.total !== null);
  return (
    <section aria-labelledby="afstemning" className="mb-8">
      <h2 id="afstemning" className="mb-2 text-xl font-semibold">
        Afstemning og dissens
      </h2>
      {rows.length > 0 && (
        <table className="mb-3 w-full border-collapse text-left">
          <caption className="sr-only">Stemmer ved punktets beslutning</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-4">
                Stemme
              </th>
              <th scope="col" className="py-1 pr-4">
                Hvem
              </th>
              <th scope="col" className="py-1">
                Antal
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className="border-b border-slate-200 align-top">
                <th scope="row" className="py-1 pr-4 font-semibold">
                  {row.label}
                </th>
                <td className="py-1 pr-4">
                  <Voters voters={row.voters} />
                </td>
                <td className="py-1">{row.total ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {votes.reservations.length > 0 && (
        <ul className="space-y-2">
          {votes.reservations.map((reservation, i) => (
            <li key={i}>
              <span className="font-semibold">{RESERVATION_LABELS[reservation.kind]}</span>
              {" – "}
              {reservation.url ? (
                <Link prefetch={false} href={reservation.url} className="text-brand underline underline-offset-2">
                  {reservation.label}
                </Link>
              ) : (
                reservation.label
              )}
              : <q>{reservation.text}</q>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
