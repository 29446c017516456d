import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

/**
 * Which requests and responses the page cache may keep. The rules are HTTP's own for a
 * shared cache: a response is kept only when the app marked it shareable (`s-maxage`), and a
 * request that asks for anything but the plain page (React Server Component payloads, router
 * prefetches, ranges, credentials, query strings) goes straight to the app.
 */

/** Request headers that make Next answer with something other than the page's HTML. */
const BYPASS_REQUEST_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
  "next-action",
  "authorization",
  "range",
];

/**
 * Response headers that describe one connection or one answer (Next's own cache state),
 * not the stored page.
 */
const UNSTORED_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "x-nextjs-cache", "x-cache"]);

/** Status codes whose responses are kept: pages and permanent redirects of renamed committees. */
const STORABLE_STATUS = new Set([200, 301, 308]);

/**
 * The cache key of a request, or null when the request must go to the app. The raw
 * Accept-Encoding header is part of the key because the app compresses by it.
 */
export function cacheKeyOf(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string | null {
  if (method !== "GET" && method !== "HEAD") return null;
  if (!url || !url.startsWith("/") || url.includes("?") || url.startsWith("/_next/") || url.startsWith("/api/")) return null;
  if (BYPASS_REQUEST_HEADERS.some((name) => headers[name] !== undefined)) return null;
  const encoding = (headers["accept-encoding"] ?? "").toLowerCase().replace(/\s+/g, "");
  return `${url}\n${encoding}`;
}

/** The URL path a cache key was made from. */
export function pathOfKey(key: string): string {
  return key.slice(0, key.indexOf("\n"));
}

/** Whether the app's response may be shared with every visitor. */
export function isStorable(status: number, headers: OutgoingHttpHeaders): boolean {
  if (!STORABLE_STATUS.has(status) || headers["set-cookie"] !== undefined) return false;
  const cacheControl = String(headers["cache-control"] ?? "").toLowerCase();
  if (/\b(private|no-store|no-cache)\b/.test(cacheControl)) return false;
  const sharedMaxAge = /\bs-maxage=(\d+)/.exec(cacheControl);
  return sharedMaxAge !== null && Number(sharedMaxAge[1]) > 0;
}

/** The headers worth replaying from a stored response. */
export function storedHeaders(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !UNSTORED_HEADERS.has(name)));
}

/**
 * Whether a change at `changedPath` (a meeting or committee URL) alters the page at
 * `pagePath`: the pages on the way down to it list it (home, municipality, committee), the
 * pages below it are part of it, and the sitemap lists everything.
 */
export function isPageAffected(pagePath: string, changedPath: string): boolean {
  if (changedPath === "/" || pagePath === "/" || pagePath === "/sitemap.xml") return true;
  if (pagePath === changedPath) return true;
  return pagePath.startsWith(`${changedPath}/`) || changedPath.startsWith(`${pagePath}/`);
}

/** Whether the request's If-None-Match names the stored response's ETag. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: unknown): boolean {
  if (!ifNoneMatch || typeof etag !== "string") return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}
