import Link from "next/link";
import { OutcomeBadge } from "@/components/ui/OutcomeBadge";
import type { SearchResult } from "@/lib/search/query";
import type { SearchParams } from "@/lib/search/search-params";
import { formatShortDanishDate } from "@/lib/text/format-danish-date";
import { FACET_TITLES } from "./labels";
import { CSV_EXPORT_LIMIT } from "@/lib/search/search-csv";
import { alertHref } from "@/components/alerts/alert-href";
import { searchCsvHref, searchFeedHref, searchHref, withoutFacetValue } from "./search-href";
import { Snippet } from "./Snippet";

const EXAMPLES = ["fleksjob", "sygedagpenge", "Ukraine", "negativ social kontrol", "touchskærme"];

/** Result count, active filter chips, hits and pagination for one search. */
export function SearchResults({ params, result }: { params: SearchParams; result: SearchResult }) {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const chips = (Object.keys(FACET_TITLES) as Array<keyof typeof FACET_TITLES>).flatMap((key) =>
    params[key].map((value) => ({
      key,
      value,
      label: result.facets[key].find((f) => f.value === value)?.label ?? value,
    })),
  );
  return (
    <div>
      {chips.length > 0 && (
        <ul aria-label="Aktive filtre" className="mb-3 flex flex-wrap gap-2">
          {chips.map((chip) => (
            <li key={`${chip.key}-${chip.value}`}>
              <Link
                prefetch={false}
                href={searchHref(withoutFacetValue(params, chip.key, chip.value))}
                className="inline-flex items-center gap-1 rounded-full border border-brand px-3 py-1 text-sm text-brand-dark hover:bg-slate-100"
              >
                <span className="sr-only">Fjern filteret</span> {FACET_TITLES[chip.key]}: {chip.label} <span aria-hidden="true">×</span>
              </Link>
            </li>
          ))}
        </ul>
      )}

      <p role="status" aria-live="polite" className="mb-4 font-semibold">
        {result.isEmpty
          ? "Skriv et søgeord eller vælg et filter."
          : result.total === 0
            ? "Ingen resultater."
            : `${result.total.toLocaleString("da-DK")} ${result.total === 1 ? "resultat" : "resultater"}${pages > 1 ? ` · side ${result.page} af ${pages}` : ""}`}
      </p>

      {result.total > 0 && <ExportLinks params={params} total={result.total} />}

      {result.isEmpty && (
        <div className="rounded border border-slate-200 bg-slate-50 p-4">
          <p className="mb-2">Søg på tværs af kommunernes udvalgsreferater. Prøv fx:</p>
          <ul className="flex flex-wrap gap-3">
            {EXAMPLES.map((example) => (
              <li key={example}>
                <Link prefetch={false} href={searchHref({ ...params, q: example, side: 1 })} className="text-brand underline">
                  {example}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}

      {!result.isEmpty && result.total === 0 && (
        <div className="rounded border border-slate-200 bg-slate-50 p-4">
          <p>Der er ingen punkter, der matcher din søgning{chips.length > 0 || params.felt ? " med de valgte filtre" : ""}.</p>
          {(chips.length > 0 || params.felt) && (
            <p className="mt-2">
              <Link prefetch={false} href={searchHref({ ...params, kommune: [], udvalg: [], aar: [], udfald: [], emne: [], afvigelse: [], dissens: [], felt: null, side: 1 })} className="text-brand underline">
                Søg uden filtre
              </Link>
            </p>
          )}
          <p className="mt-2 text-sm text-muted">Tip: brug færre ord, eller søg på en del af ordet (fx &quot;sygedagpenge&quot;).</p>
        </div>
      )}

      {result.hits.length > 0 && <h2 className="sr-only">Søgeresultater</h2>}
      <ol className="space-y-4">
        {result.hits.map((hit) => (
          <li key={hit.url} className="rounded border border-slate-200 p-3">
            <h3 className="text-lg font-semibold">
              <Link prefetch={false} href={hit.url} className="text-brand underline-offset-2 hover:underline">
                {hit.title}
              </Link>
            </h3>
            <p className="mb-1 flex flex-wrap items-center gap-2 text-sm text-muted">
              <span>
                {hit.municipality} · {hit.committee} · {formatShortDanishDate(hit.date)} · punkt {hit.number}
              </span>
              <OutcomeBadge outcome={hit.outcome} />
            </p>
            <Snippet runs={hit.snippet} />
          </li>
        ))}
      </ol>

      {pages > 1 && (
        <nav aria-label="Sider" className="mt-6 flex items-center justify-between">
          {result.page > 1 ? (
            <Link prefetch={false} href={searchHref({ ...params, side: result.page - 1 })} className="text-brand underline">
              ← Forrige side
            </Link>
          ) : (
            <span />
          )}
          {result.page < pages && (
            <Link prefetch={false} href={searchHref({ ...params, side: result.page + 1 })} className="text-brand underline">
              Næste side →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}

/** Links to take a search along: every hit as a spreadsheet, and a feed that follows new ones. */
function ExportLinks({ params, total }: { params: SearchParams; total: number }) {
  return (
    <ul aria-label="Hent og følg søgningen" className="mb-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
      <li>
        <a href={searchCsvHref(params)} download className="inline-block min-h-6 py-0.5 text-brand underline">
          Hent som regneark (CSV{total > CSV_EXPORT_LIMIT ? `, de første ${CSV_EXPORT_LIMIT.toLocaleString("da-DK")}` : ""})
        </a>
      </li>
      <li>
        <a href={searchFeedHref(params)} type="application/atom+xml" className="inline-block min-h-6 py-0.5 text-brand underline">
          Følg søgningen i en feedlæser (Atom)
        </a>
      </li>
      <li>
        <a href={alertHref(params)} className="inline-block min-h-6 py-0.5 text-brand underline">
          Få besked på mail
        </a>
      </li>
    </ul>
  );
}
