import { alertHref } from "@/components/alerts/alert-href";
import { searchFeedHref, searchHref } from "@/components/search/search-href";
import type { SearchParams } from "@/lib/search/search-params";

/** Links to search all of a municipality's or committee's decisions and to follow new ones. */
export function FollowLinks({ search, name }: { search: SearchParams; name: string }) {
  return (
    <ul aria-label={`Søg og følg ${name}`} className="no-print mb-6 flex flex-wrap gap-x-6 gap-y-1 text-sm">
      <li>
        <a href={searchHref(search)} className="text-brand underline">
          Søg i beslutningerne
        </a>
      </li>
      <li>
        <a href={searchFeedHref(search)} type="application/atom+xml" className="text-brand underline">
          Følg nye beslutninger i en feedlæser (Atom)
        </a>
      </li>
      <li>
        <a href={alertHref(search)} className="text-brand underline">
          Få besked på mail om nye beslutninger
        </a>
      </li>
    </ul>
  );
}
