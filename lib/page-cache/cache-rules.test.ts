import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cacheControlForClients, cacheKeyOf, isPageAffected, isStorable, matchesEtag, pathOfKey, storedHeaders } from "./cache-rules";

describe("cacheKeyOf", () => {
  it("keys plain page requests by path and Accept-Encoding", () => {
    expect(cacheKeyOf("GET", "/vejen", {})).toBe("/vejen\n\n");
    expect(cacheKeyOf("HEAD", "/vejen", { "accept-encoding": "gzip, Br" })).toBe("/vejen\ngzip,br\n");
    expect(pathOfKey(cacheKeyOf("GET", "/vejen/udvalg", { "accept-encoding": "gzip" }) ?? "")).toBe("/vejen/udvalg");
  });

  it("keys an RSC request by the form of the page it asks for, not by the router's state", () => {
    const navigation = (tree: string, from: string) => cacheKeyOf("GET", "/vejen?_rsc=HaNqHM1C3T5jlz--", { rsc: "1", "next-router-state-tree": tree, "next-url": from });
    expect(navigation("%5B%22%22%5D", "/")).toBe("/vejen\n\nrsc  ");
    expect(navigation("%5B%22other%22%5D", "/faxe")).toBe(navigation("%5B%22%22%5D", "/"));
    const prefetch = (segment: string) => cacheKeyOf("GET", "/vejen?_rsc=wh-jbI13DXY8-FVE", { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": segment });
    expect(prefetch("/_tree")).toBe("/vejen\n\nrsc 1 /_tree");
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
