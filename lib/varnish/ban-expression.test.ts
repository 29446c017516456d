import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPageAffected } from "@/lib/page-cache/cache-rules";
import { banExpressionsFor } from "./ban-expression";

const segment = fc.stringMatching(/^[a-z0-9æøå.-]{1,12}$/);
// Now and then a sitemap file's path, which every change affects.
const pagePath = fc.oneof(
  { weight: 9, arbitrary: fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join("/")}`) },
  { weight: 1, arbitrary: segment.map((name) => `/sitemaps/${name}.xml`) },
);
const query = fc.constantFrom("", "?_rsc=abc12", "?q=x");

function bannedBy(expressions: string[], url: string): boolean {
  // Varnish uses PCRE; these expressions use only the syntax PCRE and JavaScript share.
  return expressions.some((expression) => new RegExp(expression).test(url));
}

describe("banExpressionsFor", () => {
  it("bans exactly the pages the in-process page cache forgets (generated paths)", () => {
    let affected = 0;
    let unaffected = 0;
    fc.assert(
      fc.property(fc.array(pagePath, { minLength: 1, maxLength: 5 }), pagePath, query, (changed, page, search) => {
        const expected = changed.some((path) => isPageAffected(page, path));
        if (expected) affected += 1;
        else unaffected += 1;
        expect(bannedBy(banExpressionsFor(changed), encodeURI(page) + search)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    // Both outcomes were exercised, not just one.
    expect(affected).toBeGreaterThan(100);
    expect(unaffected).toBeGreaterThan(100);
  });

  it("bans a meeting's pages, the pages listing it and the sitemap, and nothing else", () => {
    const [expression, ...rest] = banExpressionsFor(["/vejen/arbejdsmarked/2024-03-19"]);
    expect(expression).toBeDefined();
    expect(rest).toEqual([]);
    const banned = (url: string) => new RegExp(expression ?? "^$").test(url);
    for (const url of ["/", "/?_rsc=1", "/sitemap.xml", "/sitemaps/punkter-3.xml", "/sitemaps/sider-0.xml", "/vejen", "/vejen/arbejdsmarked", "/vejen/arbejdsmarked/2024-03-19", "/vejen/arbejdsmarked/2024-03-19/punkt-3?_rsc=x"]) {
      expect(banned(url), url).toBe(true);
    }
    for (const url of ["/vejen/arbejdsmarked/2024-03-190", "/vejen/teknik", "/varde", "/robots.txt", "/sitemaps", "/sitemapsx/a.xml", "/vejen/arbejdsmarked/2024-04-02/punkt-1", "/_next/static/x.js"]) {
      expect(banned(url), url).toBe(false);
    }
  });

  it("escapes regular-expression characters and encodes non-ASCII paths as browsers send them", () => {
    const [expression] = banExpressionsFor(["/a.b/æ(1)"]);
    expect(expression).toBeDefined();
    const banned = (url: string) => new RegExp(expression ?? "^$").test(url);
    expect(banned("/a.b/%C3%A6(1)")).toBe(true);
    expect(banned("/axb/%C3%A6(1)")).toBe(false);
  });

  it("bans everything for a change at the root and nothing for no change", () => {
    expect(banExpressionsFor(["/vejen", "/"])).toEqual(["^/"]);
    expect(banExpressionsFor([])).toEqual([]);
  });

  it("splits many paths over several bans", () => {
    const paths = Array.from({ length: 95 }, (_, index) => `/kommune/udvalg-${index}`);
    const expressions = banExpressionsFor(paths);
    expect(expressions.length).toBe(3);
    for (const path of paths) expect(bannedBy(expressions, path), path).toBe(true);
  });
});
