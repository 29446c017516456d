/**
 * Which stored pages a Varnish ban removes when the data behind some pages changed. Mirrors
 * the page cache's rule (lib/page-cache/cache-rules.ts `isPageAffected`): the changed page,
 * every page below it, the pages on the way down to it (home, municipality, committee) and the
 * sitemap (its index and every file of it). The VCL stores each object's request URL in
 * `X-Url`; a ban is a regular expression over it, query strings (RSC payloads) included.
 */

/** Paths per ban: keeps one expression short enough for a request header. */
const PATHS_PER_BAN = 40;

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

/** The path as a browser sends it (percent-encoded), for comparison with the request URL. */
function requestPath(path: string): string {
  return encodeURI(decodeURIComponentSafe(path));
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "/a/b/c" → ["/a", "/a/b"]: the pages that list the changed one. */
function ancestorsOf(path: string): string[] {
  const parts = path.split("/").filter((part) => part !== "");
  return parts.slice(0, -1).map((_, index) => `/${parts.slice(0, index + 1).join("/")}`);
}

/**
 * Ban regular expressions (PCRE, for `obj.http.X-Url ~ …`) covering every page the changed
 * paths affect, a few dozen paths per expression. A change at "/" bans everything.
 */
export function banExpressionsFor(changedPaths: readonly string[]): string[] {
  const paths = [...new Set(changedPaths.map((path) => requestPath(path.trim())).filter((path) => path.startsWith("/")))];
  if (paths.length === 0) return [];
  if (paths.includes("/")) return ["^/"];
  const expressions: string[] = [];
  for (let start = 0; start < paths.length; start += PATHS_PER_BAN) {
    const chunk = paths.slice(start, start + PATHS_PER_BAN);
    const exact = new Set(["/", "/sitemap.xml"]);
    for (const path of chunk) for (const ancestor of ancestorsOf(path)) exact.add(ancestor);
    const exactPart = [...exact].map(escapeRegex).join("|");
    const subtreePart = chunk.map(escapeRegex).join("|");
    // Exact pages end at the path or its query; changed pages also take everything below them,
    // and every sitemap file lists some of them.
    expressions.push(`^((${exactPart})|/sitemaps/[^?]*|(${subtreePart})(/[^?]*)?)([?].*)?$`);
  }
  return expressions;
}
