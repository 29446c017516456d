import Link from "next/link";
import { SearchBox } from "@/components/search/SearchBox";

/** Site header: the name and a search box that submits to /soeg on every page. */
export function SiteHeader() {
  return (
    <header role="banner" className="border-b border-slate-200 bg-brand text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link prefetch={false} href="/" className="text-xl font-bold text-white no-underline hover:underline">
          Referatportalen
        </Link>
        <SearchBox id="site-search" label="Søg i referater" placeholder="Søg i beslutninger, fx fleksjob" variant="header" />
      </div>
    </header>
  );
}
