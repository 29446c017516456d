import Link from "next/link";

/** Site header: the name and a search box that submits to /soeg on every page. */
export function SiteHeader() {
  return (
    <header role="banner" className="border-b border-slate-200 bg-brand text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-xl font-bold text-white no-underline hover:underline">
          Referatportalen
        </Link>
        <form action="/soeg" method="get" role="search" aria-label="Søg i referater" className="flex w-full gap-2 sm:w-auto">
          <label htmlFor="site-search" className="sr-only">
            Søg i referater
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            maxLength={200}
            placeholder="Søg i beslutninger, fx fleksjob"
            className="min-w-0 flex-1 rounded border border-white/60 bg-white px-3 py-2 text-ink placeholder:text-slate-600 sm:w-72"
          />
          <button type="submit" className="rounded bg-white px-4 py-2 font-semibold text-brand-dark hover:bg-slate-100">
            Søg
          </button>
        </form>
      </div>
    </header>
  );
}
