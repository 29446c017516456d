import Link from "next/link";
import type { ItemCaseHistory } from "@/lib/data/cases";
import { CaseTimeline } from "./CaseTimeline";

/** "Sagens forløb" on an item's page: shown only when the case has more than this one event. */
export function CaseHistory({ history, currentUrl }: { history: ItemCaseHistory | null; currentUrl: string }) {
  if (history === null || history.events.length < 2) return null;
  return (
    <section aria-labelledby="sagens-forloeb" className="mb-8">
      <h2 id="sagens-forloeb" className="mb-2 text-xl font-semibold">
        Sagens forløb
      </h2>
      {history.case && (
        <p className="mb-3">
          <Link prefetch={false} href={history.case.url} className="text-brand underline underline-offset-2">
            Hele sagen {history.case.number}
          </Link>
        </p>
      )}
      <CaseTimeline events={history.events} currentUrl={currentUrl} labelledBy="sagens-forloeb" />
    </section>
  );
}
