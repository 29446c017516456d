/**
 * Next.js's cache handler (next.config.ts `cacheHandler`, a public option of Next): it keeps
 * nothing, so every page Next is asked for is rendered from the database there and then.
 *
 * The page cache in front (lib/page-cache/page-cache.ts, and Varnish in front of several
 * processes) is the only cache of pages: it learns of every change from the PageChange feed,
 * keeps a page at most PAGE_CACHE_TTL_SECONDS and forgets everything when a new build appears.
 * With Next's default handler a miss there could be filled from Next's own copy of the page, up
 * to the pages' `revalidate` (30 s) old and kept across a changed build, and every unknown URL's
 * not-found render was stored. Plain JavaScript: Next loads it at build time outside tsx.
 */
export default class KeepNothingCacheHandler {
  /** Nothing is ever stored: every lookup is a miss, and Next renders. */
  async get() {
    return null;
  }

  async set() {}

  async revalidateTag() {}

  resetRequestCache() {}
}
