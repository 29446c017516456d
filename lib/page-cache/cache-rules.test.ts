import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cacheControlForClients, cacheKeyOf, isPageAffected, isStorable, matchesEtag, pathOfKey, servedEncoding, storedHeaders } from "./cache-rules";

describe("cacheKeyOf", () => {
  it("keys plain page requests by path and the encoding the app answers with", () => {
    expect(cacheKeyOf("GET", "/vejen", {})).toBe("/vejen\nidentity\n");
    expect(cacheKeyOf("HEAD", "/vejen", { "accept-encoding": "gzip, Br" })).toBe("/vejen\ngzip\n");
    expect(pathOfKey(cacheKeyOf("GET", "/vejen/udvalg", { "accept-encoding": "gzip" }) ?? "")).toBe("/vejen/udvalg");
  });

  // Each new Accept-Encoding value was a miss, a render and a new entry (issue 12).
  it("gives every Accept-Encoding that gets the same answer the same key", () => {
    const keys = (values: Array<string | undefined>) => new Set(values.map((value) => cacheKeyOf("GET", "/vejen", value === undefined ? {} : { "accept-encoding": value })));
    expect(keys(["gzip", "GZIP", "gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.5, *;q=0.1", "x-junk-1, gzip", "gzip;q=0.9, deflate;q=0.9", "*"])).toEqual(new Set(["/vejen\ngzip\n"]));
    expect(keys(["deflate", "deflate, x-junk-2", "br, deflate;q=0.5"])).toEqual(new Set(["/vejen\ndeflate\n"]));
    expect(keys([undefined, "", "br", "zstd, br", "x-junk-3", "gzip;q=0", "identity", "*;q=0"])).toEqual(new Set(["/vejen\nidentity\n"]));
  });

  it("keys a request by servedEncoding whatever the client sends", () => {
    const junk = fc.array(fc.constantFrom("gzip", "deflate", "br", "zstd", "identity", "*", "x-junk", "GZip"), { maxLength: 5 });
    const weight = fc.option(fc.constantFrom("0", "0.5", "1", "abc"), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.tuple(junk, weight), { maxLength: 4 }), (parts) => {
        const header = parts.map(([names, q]) => names.map((name) => (q === undefined ? name : `${name};q=${q}`)).join(", ")).join(", ");
        const encoding = servedEncoding(header);
        expect(["gzip", "deflate", "identity"]).toContain(encoding);
        expect(cacheKeyOf("GET", "/vejen", { "accept-encoding": header })).toBe(`/vejen\n${encoding}\n`);
      }),
    );
  });

  it("keys a path by one spelling of it, and sends malformed percent-encoding to the app", () => {
    const key = (path: string) => cacheKeyOf("GET", path, {});
    expect(key("/%76ejen")).toBe(key("/vejen"));
    expect(key("/vejen/%62yraadet/2024-03-19")).toBe(key("/vejen/byraadet/2024-03-19"));
    expect(key("/k%c3%b8ge")).toBe(key("/køge"));
    expect(pathOfKey(key("/k%c3%b8ge") ?? "")).toBe("/k%C3%B8ge");
    for (const malformed of ["/%", "/%zz", "/vejen/%ff", "/%C3%28"]) expect(key(malformed), malformed).toBeNull();
  });

  it("sends router header values Next's client never sends to the app", () => {
    const rsc = (headers: Record<string, string>) => cacheKeyOf("GET", "/vejen?_rsc=abc", { rsc: "1", ...headers });
    for (const segment of ["/_tree", "/_head", "", "/$d$kommune/$d$udvalg/__PAGE__", "/!X19QQUdFX18_P3E9YQ", "/@modal/_index"]) {
      expect(rsc({ "next-router-prefetch": "1", "next-router-segment-prefetch": segment }), segment).not.toBeNull();
    }
    expect(rsc({ "next-router-prefetch": "2" })).toBeNull();
    expect(rsc({ "next-router-prefetch": "1", "next-router-segment-prefetch": "_tree" })).toBeNull();
    expect(rsc({ "next-router-prefetch": "1", "next-router-segment-prefetch": `/${"x".repeat(300)}` })).toBeNull();
    expect(rsc({ "next-router-prefetch": "1", "next-router-segment-prefetch": "/a b" })).toBeNull();
  });

  it("keys an RSC request by the form of the page it asks for, not by the router's state", () => {
    const navigation = (tree: string, from: string) => cacheKeyOf("GET", "/vejen?_rsc=HaNqHM1C3T5jlz--", { rsc: "1", "next-router-state-tree": tree, "next-url": from });
    expect(navigation("%5B%22%22%5D", "/")).toBe("/vejen\nidentity\nrsc  ");
    expect(navigation("%5B%22other%22%5D", "/faxe")).toBe(navigation("%5B%22%22%5D", "/"));
    const prefetch = (segment: string) => cacheKeyOf("GET", "/vejen?_rsc=wh-jbI13DXY8-FVE", { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": segment });
    expect(prefetch("/_tree")).toBe("/vejen\nidentity\nrsc 1 /_tree");
    expect(new Set([prefetch("/_tree"), prefetch("/__PAGE__"), navigation("", "/"), cacheKeyOf("GET", "/vejen", {})]).size).toBe(4);
    expect(pathOfKey(prefetch("/_tree") ?? "")).toBe("/vejen");
  });

  it("sends everything but a page to the app", () => {
    expect(cacheKeyOf("POST", "/vejen", {})).toBeNull();
    expect(cacheKeyOf("GET", "/soeg?q=skole", {})).toBeNull();
    expect(cacheKeyOf("GET", "/vejen?_rsc=abc", {})).toBeNull();
    expect(cacheKeyOf("GET", "/vejen?_rsc=abc&x=1", { rsc: "1" })).toBeNull();
    expect(cacheKeyOf("GET", "/vejen", { rsc: "1" })).toBeNull();
    expect(cacheKeyOf("GET", "/vejen", { "next-router-prefetch": "1" })).toBeNull();
    expect(cacheKeyOf("GET", "/vejen?_rsc=abc", { rsc: "1", "next-action": "7f3a" })).toBeNull();
    expect(cacheKeyOf("GET", "/_next/static/chunks/a.js", {})).toBeNull();
    expect(cacheKeyOf("GET", "/api/search", {})).toBeNull();
    expect(cacheKeyOf("GET", "/vejen", { authorization: "Basic eDp5" })).toBeNull();
    expect(cacheKeyOf("GET", "/vejen", { range: "bytes=0-10" })).toBeNull();
    expect(cacheKeyOf("GET", "http://evil.example/", {})).toBeNull();
  });

  it("can ignore next-url because the app has no interception routes", () => {
    // An interception route ("(.)x", "(..)x", "(...)x") answers by the page the visitor came
    // from (next-url); adding one means putting next-url into the key.
    const folders = readdirSync("app", { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.length).toBeGreaterThan(3);
    expect(folders.filter((folder) => /^\(\.+\)/.test(folder.name)).map((folder) => folder.name)).toEqual([]);
  });
});

describe("isStorable", () => {
  it("keeps responses the app marked shareable", () => {
    expect(isStorable(200, { "cache-control": "s-maxage=30, stale-while-revalidate=31535970" })).toBe(true);
    expect(isStorable(308, { "cache-control": "s-maxage=30" })).toBe(true);
  });

  it("refuses private, uncacheable, cookie-setting and error responses", () => {
    expect(isStorable(200, { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" })).toBe(false);
    expect(isStorable(200, { "cache-control": "public, max-age=0, must-revalidate" })).toBe(false);
    expect(isStorable(200, { "cache-control": "s-maxage=0" })).toBe(false);
    expect(isStorable(200, {})).toBe(false);
    expect(isStorable(200, { "cache-control": "s-maxage=30", "set-cookie": "a=b" })).toBe(false);
    expect(isStorable(404, { "cache-control": "s-maxage=30" })).toBe(false);
    expect(isStorable(500, { "cache-control": "s-maxage=30" })).toBe(false);
  });

  it("drops per-connection headers from what is replayed", () => {
    expect(storedHeaders({ "content-type": "text/html", date: "x", connection: "keep-alive", "transfer-encoding": "chunked", "content-length": "5", "x-nextjs-cache": "HIT" })).toEqual({
      "content-type": "text/html",
    });
  });
});

describe("cacheControlForClients", () => {
  it("makes browsers revalidate every time and keeps the shared max-age for a CDN", () => {
    expect(cacheControlForClients("s-maxage=30, stale-while-revalidate=31535970")).toBe("public, max-age=0, s-maxage=30, must-revalidate");
    expect(cacheControlForClients("S-MAXAGE=300")).toBe("public, max-age=0, s-maxage=300, must-revalidate");
  });
});

describe("isPageAffected", () => {
  const meeting = "/vejen/byraadet/2024-03-19";
  it("affects the pages above the change, the pages below it, and the sitemap", () => {
    for (const page of ["/", "/vejen", "/vejen/byraadet", meeting, `${meeting}/punkt-3`, "/sitemap.xml"]) expect(isPageAffected(page, meeting), page).toBe(true);
  });

  it("leaves other meetings, committees and municipalities alone", () => {
    for (const page of ["/vejle", "/vejen/byraadet/2024-03-19-2", "/vejen/byraadet/2024-03-1", "/vejen/oekonomiudvalget", "/vejen/byraadet/2023-01-01/punkt-1", "/vejenx"]) {
      expect(isPageAffected(page, meeting), page).toBe(false);
    }
  });

  it('treats "/" as a change of everything', () => {
    expect(isPageAffected("/vejle/x/2020-01-01/punkt-1", "/")).toBe(true);
  });
});

describe("matchesEtag", () => {
  it("compares strong and weak tags and lists", () => {
    expect(matchesEtag('"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('W/"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesEtag("*", '"abc"')).toBe(true);
    expect(matchesEtag('"x"', '"abc"')).toBe(false);
    expect(matchesEtag(undefined, '"abc"')).toBe(false);
    expect(matchesEtag('"abc"', undefined)).toBe(false);
  });
});
