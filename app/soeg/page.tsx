import type { Metadata } from "next";
import { SearchForm } from "@/components/search/SearchForm";
import { SearchResults } from "@/components/search/SearchResults";
import { searchFeedHref } from "@/components/search/search-href";
import { searchPublished } from "@/lib/data/search";
import { DEFAULT_SEARCH_PARAMS, isEmptySearch, onlySearchParams, parseSearchParams } from "@/lib/search/search-params";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The search parameters of the page's query string; a shared link may add anything else, which the page ignores. */
function toQuery(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  return onlySearchParams(query);
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = toQuery(await searchParams);
  const q = query.get("q");
  const parsed = parseSearchParams(query);
  return {
    title: q ? `Søgning: ${q.slice(0, 60)}` : "Søg i referater",
    description: "Søg i beslutninger fra danske kommuners udvalgsmøder på tværs af kommuner.",
    // Feed readers find the search's feed from the page itself.
    alternates: {
      canonical: "/soeg",
      types: parsed.ok && !isEmptySearch(parsed.params) ? { "application/atom+xml": searchFeedHref(parsed.params) } : undefined,
    },
    robots: { index: false, follow: true },
  };
}

export default async function SearchPage({ searchParams }: Props) {
  const outcome = await searchPublished(toQuery(await searchParams));
  const params = outcome.ok ? outcome.params : { ...DEFAULT_SEARCH_PARAMS, q: toQuery(await searchParams).get("q")?.slice(0, 200) ?? "" };
  return (
    <div>
      <h1 className="mb-4 text-3xl font-bold">Søg i referater</h1>
      <SearchForm params={params} result={outcome.ok ? outcome.result : null}>
        {outcome.ok ? (
          <SearchResults params={outcome.params} result={outcome.result} />
        ) : (
          <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {outcome.messageDa}
          </p>
        )}
      </SearchForm>
    </div>
  );
}
