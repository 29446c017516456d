import type { Metadata } from "next";
import Link from "next/link";
import { SearchBox } from "@/components/search/SearchBox";
import { searchFeedHref } from "@/components/search/search-href";
import { listLatestMeetings, listMunicipalities } from "@/lib/data/home";
import { DEFAULT_SEARCH_PARAMS } from "@/lib/search/search-params";
import { formatDanishDateTime } from "@/lib/text/format-danish-date";

export const revalidate = 30;

const ALL_DECISIONS_FEED = searchFeedHref(DEFAULT_SEARCH_PARAMS);

export const metadata: Metadata = {
  alternates: { canonical: "/", types: { "application/atom+xml": ALL_DECISIONS_FEED } },
  openGraph: { siteName: "Referatportalen", locale: "da_DK", type: "website", url: "/" },
};

export default async function HomePage() {
  const [meetings, municipalities] = await Promise.all([listLatestMeetings(12), listMunicipalities()]);
  return (
    <div className="space-y-10">
      <section aria-labelledby="intro-heading" className="space-y-3">
        <h1 id="intro-heading" className="text-3xl font-bold">
          Hvad har udvalgene besluttet?
        </h1>
        <p className="max-w-prose text-lg text-muted">
          Læs og søg i referater fra danske kommuners udvalgsmøder – på tværs af kommuner, med direkte links til hvert
          punkt og hver beslutning.
        </p>
        <SearchBox id="home-search" label="Søg i alle referater" placeholder="Fx sygedagpenge, fleksjob eller et sagsnummer" />
        <p className="text-sm">
          <a href={ALL_DECISIONS_FEED} type="application/atom+xml" className="text-brand underline">
            Følg alle nye beslutninger i en feedlæser (Atom)
          </a>
        </p>
      </section>

      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading" className="mb-3 text-2xl font-semibold">
          Seneste møder
        </h2>
        {meetings.length === 0 ? (
          <p>Der er endnu ingen referater i portalen.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded border border-slate-200">
            {meetings.map((m) => (
              <li key={m.url} className="p-3">
                <Link prefetch={false} href={m.url} className="font-semibold text-brand underline-offset-2 hover:underline">
                  {m.committee}
                </Link>
                <p className="text-sm text-muted">
                  {m.municipality} · {formatDanishDateTime(m.date, m.startTime)} · {m.itemCount}{" "}
                  {m.itemCount === 1 ? "punkt" : "punkter"}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="municipalities-heading">
        <h2 id="municipalities-heading" className="mb-3 text-2xl font-semibold">
          Kommuner
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {municipalities.map((m) => (
            <li key={m.slug} className="rounded border border-slate-200 p-3">
              <Link prefetch={false} href={`/${m.slug}`} className="font-semibold text-brand underline-offset-2 hover:underline">
                {m.name}
              </Link>
              <p className="text-sm text-muted">
                {m.meetingCount} {m.meetingCount === 1 ? "møde" : "møder"} · {m.decisionCount}{" "}
                {m.decisionCount === 1 ? "beslutning" : "beslutninger"}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
