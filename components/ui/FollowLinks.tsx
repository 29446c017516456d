/** Where a municipality's or committee's decisions can be searched and followed. */
export function followHrefs(filter: { kommune: string } | { udvalg: string }): { search: string; feed: string } {
  const query = new URLSearchParams(filter).toString();
  return { search: `/soeg?${query}`, feed: `/api/search/atom?${query}` };
}

/** Links to search all of a municipality's or committee's decisions and to follow new ones. */
export function FollowLinks({ hrefs, name }: { hrefs: { search: string; feed: string }; name: string }) {
  return (
    <ul aria-label={`Søg og følg ${name}`} className="no-print mb-6 flex flex-wrap gap-x-6 gap-y-1 text-sm">
      <li>
        <a href={hrefs.search} className="text-brand underline">
          Søg i beslutningerne
        </a>
      </li>
      <li>
        <a href={hrefs.feed} type="application/atom+xml" className="text-brand underline">
          Følg nye beslutninger i en feedlæser (Atom)
        </a>
      </li>
    </ul>
  );
}
