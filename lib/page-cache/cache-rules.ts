import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import Negotiator from "negotiator";

/**
 * Which requests and responses the page cache may keep. The rules are HTTP's own for a
 * shared cache: a response is kept only when the app marked it shareable (`s-maxage`), and a
 * request for anything but a page (other query strings, ranges, credentials, actions) goes
 * straight to the app.
 *
 * A page comes in two forms: its HTML, and the React Server Component payloads the browser
 * fetches on client-side navigation and link prefetches (`rsc: 1`). Each form and prefetch
 * segment is its own entry. Next answers a cached page's RSC requests with the same payload
 * whatever the router state and `next-url` headers say, so those are not part of the key;
 * `next-url` would matter only to interception routes, which the app does not have (a test
 * keeps it that way).
 *
 * Every part of the key is reduced to the few values that change the answer, so a client
 * cannot fill the cache with copies of one page by varying what it sends: the path is
 * percent-decoded and re-encoded one way, Accept-Encoding becomes the encoding the app will
 * answer with, and the router's headers must have the values Next's own client sends.
 */

/** Request headers whose answers are never shared. */
const BYPASS_REQUEST_HEADERS = ["next-action", "authorization", "range"];

/** The router's headers, which only make sense on an RSC request. */
const ROUTER_HEADERS = ["next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch"];

/**
 * Response headers that describe one connection or one answer (Next's own cache state),
 * not the stored page.
 */
const UNSTORED_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "x-nextjs-cache", "x-cache"]);

/** Status codes whose responses are kept: pages and permanent redirects of renamed committees. */
const STORABLE_STATUS = new Set([200, 301, 308]);

/**
 * The encodings Next's compression (the `compression` package) chooses from, in its order;
 * it answers "deflate" only to a client that does not take gzip.
 */
const SERVED_ENCODINGS = ["gzip", "deflate", "identity"];

/**
 * A segment prefetch names a segment of the route tree as Next's client encodes it: "" for the
 * root, "/_tree", "/_head", "/$d$kommune/__PAGE__", names that are not simple as "!" + base64url.
 */
const SEGMENT_PREFETCH = /^(?:\/[\w\-$!@/.|()%]{0,256})?$/;

/**
 * The cache key of a request, or null when the request must go to the app: the normalised
 * path, then the encoding the app will answer with, then which form of the page is asked for.
 */
export function cacheKeyOf(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string | null {
  if (method !== "GET" && method !== "HEAD") return null;
  if (!url || !url.startsWith("/") || url.startsWith("/_next/") || url.startsWith("/api/")) return null;
  if (BYPASS_REQUEST_HEADERS.some((name) => headers[name] !== undefined)) return null;
  const [rawPath, query] = splitQuery(url);
  const path = normalisedPath(rawPath);
  if (path === null) return null;
  const form = formOf(query, headers);
  if (form === null) return null;
  return `${path}\n${servedEncoding(headers["accept-encoding"])}\n${form}`;
}

/**
 * The content coding Next will answer a request with: the same negotiation as its
 * compression middleware, so "gzip, br", "br;q=1, gzip;q=0.5, x-junk" and "GZIP" share one key.
 */
export function servedEncoding(acceptEncoding: string | string[] | undefined): string {
  const negotiator = new Negotiator({ headers: { "accept-encoding": headerValue(acceptEncoding) } });
  const chosen = negotiator.encoding(SERVED_ENCODINGS);
  if (chosen === "deflate" && negotiator.encoding(["gzip"])) return "gzip";
  return chosen ?? "identity";
}

/**
 * One spelling of a path: each segment percent-decoded and encoded again (`/%76ejen` is
 * `/vejen`, `/k%c3%b8ge` is `/k%C3%B8ge`), so a change to the page forgets every copy.
 * Null for malformed percent-encoding.
 */
function normalisedPath(path: string): string | null {
  try {
    return path
      .split("/")
      .map((segment) => encodeURIComponent(decodeURIComponent(segment)))
      .join("/");
  } catch {
    return null;
  }
}

/**
 * "" for the HTML page; "rsc" plus the prefetch headers for an RSC request, which carries
 * Next's cache-busting `_rsc` parameter (a hash of its headers) as its only query. Values
 * Next's client never sends go to the app uncached.
 */
function formOf(query: string | null, headers: IncomingHttpHeaders): string | null {
  const rsc = headers.rsc;
  if (rsc === undefined) return query === null && ROUTER_HEADERS.every((name) => headers[name] === undefined) ? "" : null;
  if (rsc !== "1" || query === null || !/^_rsc=[\w-]*$/.test(query)) return null;
  const prefetch = headers["next-router-prefetch"];
  const segment = headers["next-router-segment-prefetch"];
  if (prefetch !== undefined && prefetch !== "1") return null;
  if (segment !== undefined && (typeof segment !== "string" || !SEGMENT_PREFETCH.test(segment))) return null;
  return `rsc ${prefetch ?? ""} ${segment ?? ""}`;
}

function splitQuery(url: string): [string, string | null] {
  const mark = url.indexOf("?");
  return mark === -1 ? [url, null] : [url.slice(0, mark), url.slice(mark + 1)];
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(",") : (value ?? "");
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

/**
 * The Cache-Control a shareable page goes out with. Next's own value
 * (`s-maxage=30, stale-while-revalidate=31535970`) lets a browser show its stale copy of a
 * page or RSC payload once more after a change and only then fetch the new one; browsers must
 * instead ask every time (a cheap 304 or a copy from memory here). `s-maxage` stays, so a CDN
 * in front keeps a page no longer than the app said.
 */
export function cacheControlForClients(cacheControl: string): string {
  const sharedMaxAge = /\bs-maxage=(\d+)/i.exec(cacheControl)?.[1] ?? "0";
  return `public, max-age=0, s-maxage=${sharedMaxAge}, must-revalidate`;
}

/** The headers worth replaying from a stored response. */
export function storedHeaders(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !UNSTORED_HEADERS.has(name)));
}

/**
 * Whether a change at `changedPath` (a meeting or committee URL) alters the page at
 * `pagePath`: the pages on the way down to it list it (home, municipality, committee), the
 * pages below it are part of it, and the sitemap lists everything (its index and its files,
 * `/sitemaps/<name>.xml`, which split the pages by id ranges a path does not tell).
 */
export function isPageAffected(pagePath: string, changedPath: string): boolean {
  if (changedPath === "/" || pagePath === "/" || pagePath === "/sitemap.xml" || pagePath.startsWith("/sitemaps/")) return true;
  if (pagePath === changedPath) return true;
  return pagePath.startsWith(`${changedPath}/`) || changedPath.startsWith(`${pagePath}/`);
}

/** Whether the request's If-None-Match names the stored response's ETag. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: unknown): boolean {
  if (!ifNoneMatch || typeof etag !== "string") return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}
