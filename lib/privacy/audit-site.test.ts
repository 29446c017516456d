import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "./audit-report";
import { crawlSite } from "./audit-site";

/** What the fake portal leaks; empty = a clean portal. */
const planted = new Set<string>();
const requested: string[] = [];
let server: Server;
let origin: string;

const page = (body: string) => `<!doctype html><html lang="da"><head><title>Referatportalen</title></head><body><main>${body}</main></body></html>`;
const ITEM_1 = "/vejen/udvalget/2024-03-19/1";
const ITEM_2 = "/vejen/udvalget/2024-03-19/2";
// A case number ending in a date-like "01-10-23": beside the next element's year it reads as a CPR number.
const CASE = "/vejen/sag/15-00-00-g01-10-23";
const CLOSED_ITEM = "/vejen/udvalget/2024-03-19/11";

function openItem(title: string, paragraphs: string[]): string {
  return page(`<article><nav aria-label="Brødkrumme"><a href="/vejen">Vejen</a> › Punkt 1</nav>
    <h1><span>Punkt </span>1<!-- -->: ${title}</h1>
    <section aria-labelledby="beslutningen"><h2 id="beslutningen">Beslutning</h2><p>Godkendt.</p></section>
    <section aria-labelledby="sagsfremstilling"><h2 id="sagsfremstilling">Sagsfremstilling</h2>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</section>
    <section aria-labelledby="citer"><h2 id="citer">Citér dette punkt</h2><p>Vejen Kommune, punkt 1: ${title}.</p></section>
    <nav aria-label="Forrige og næste punkt"><a href="${CLOSED_ITEM}">Punkt <!-- -->11<!-- -->: <!-- -->Lukket<!-- --> →</a></nav></article>`);
}

function closedItem(): string {
  const leak = planted.has("closed-body") ? `<section aria-labelledby="beslutningen"><h2 id="beslutningen">Beslutning</h2><p>Godkendt.</p></section>` : "";
  return page(`<article><h1>Punkt 11: Lukket</h1>
    <section aria-labelledby="lukket"><h2 id="lukket">Lukket punkt</h2><p>Punktet blev behandlet for lukkede døre. Kun titlen offentliggøres.</p></section>
    ${leak}<section aria-labelledby="citer"><h2 id="citer">Citér dette punkt</h2><p>punkt 11: Lukket.</p></section></article>`);
}

const NEAR_MISSES = ["<table><tr><th>Institution</th><th>Status</th></tr><tr><td>Solsikken</td><td>Lukket</td></tr></table>", "Ring på 75 36 70 00 eller +45 7536 7000.", "Sagsnr. 24/3579 og 27.00.00-P20-1-22, CVR 12345678.", "Mødet den 19-03-2024 kl. 14.00-16.00 i 6600 Vejen.", "Udvalget holdt et lukket møde om sagen."];

function hit(n: number) {
  const title = planted.has("api-title") && n === 23 ? "Salg af grund (Fortroligt)" : `Sag nummer ${n}`;
  return { url: `/vejen/udvalget/2024-03-19/${n}`, title, municipality: "Vejen Kommune", number: String(n), snippet: [{ text: "Beløb 1.234.567 kr. for ", match: false }, { text: "sag", match: true }, { text: ` ${n}`, match: false }] };
}

function respond(url: URL, isRsc: boolean): { type: string; body: string; status?: number } {
  if (isRsc) {
    const leak = planted.has("rsc") && url.pathname === ITEM_1 ? ',"Hansen,010203-\\n1234"' : "";
    return { type: "text/x-component", body: `0:{"a":"$@1","c":["3105121234abcdef0a"]}\n1:["$","p",null,{"children":"${NEAR_MISSES[1]}"${leak}}]\n` };
  }
  switch (url.pathname) {
    case "/":
      return { type: "text/html; charset=utf-8", body: page(`<script src="/_next/static/chunks/3105121234abcdef.js"></script><a href="/vejen">Vejen</a> <a href="/soeg">Søg</a> <a href="https://example.org/ekstern">ekstern</a> <a href="mailto:a@b.dk">post</a>`) };
    case "/vejen":
      return {
        type: "text/html; charset=utf-8",
        body: page(`<a href="${ITEM_1}">Punkt 1</a> <a href="${CLOSED_ITEM}#top">Punkt 11</a> <a href="/soeg?kommune=vejen">Søg i Vejen</a> <link rel="alternate" type="application/atom+xml" href="/api/search/atom?kommune=vejen">`),
      };
    case "/soeg":
      return { type: "text/html; charset=utf-8", body: page(`<a href="/soeg?kommune=vejen&amp;aar=2024">2024</a>`) };
    case ITEM_1:
      return { type: "text/html; charset=utf-8", body: openItem("Temadrøftelse", [...NEAR_MISSES, ...(planted.has("open-marker") ? ["(Lukket)"] : [])]) };
    case ITEM_2:
      return { type: "text/html; charset=utf-8", body: openItem("Budget", planted.has("split-cpr") ? ["<table><tr><td>Borger</td><td>010203</td><td>1234</td></tr></table>", "ref&#8209;nr. 010203&#8209;1234"] : NEAR_MISSES) };
    case CLOSED_ITEM:
      return { type: "text/html; charset=utf-8", body: closedItem() };
    case CASE:
      return { type: "text/html; charset=utf-8", body: page("<h1>Sag 15.00.00-G01-10-23</h1>") };
    case "/sitemap.xml":
      return {
        type: "application/xml",
        body: `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://portal.example/sitemaps/punkter-0.xml</loc></sitemap></sitemapindex>`,
      };
    case "/sitemaps/punkter-0.xml":
      return {
        type: "application/xml",
        body: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://portal.example${ITEM_2}</loc></url><url><loc>http://portal.example${CASE}</loc><lastmod>2026-12-02T03:44:55.988Z</lastmod></url>${planted.has("sitemap-cpr") ? "<url><loc>http://portal.example/vejen/sag/010203-1234</loc></url>" : ""}<url><loc>http://portal.example/</loc></url></urlset>`,
      };
    case "/api/search": {
      const side = Number(url.searchParams.get("side") ?? "1");
      const hits = side === 1 ? Array.from({ length: 20 }, (_, i) => hit(i + 1)) : side === 2 ? Array.from({ length: 5 }, (_, i) => hit(i + 21)) : [];
      return { type: "application/json", body: JSON.stringify({ total: 25, page: side, pageSize: 20, hits, facets: {} }) };
    }
    case "/api/search/csv": {
      const cell = planted.has("csv") ? "cpr.nr.010203-1234" : "Godkendt";
      return { type: "text/csv; charset=utf-8", body: `\ufeffKommune;Punkt;Titel;Beslutning\r\nVejen Kommune;1;Temadrøftelse;${cell}\r\nVejen Kommune;2;"Budget; drift";Godkendt\r\n` };
    }
    case "/api/search/atom": {
      const summary = planted.has("atom") ? "&lt;p&gt;Lukket punkt - fortroligt&lt;/p&gt;" : "&lt;p&gt;Godkendt · møde 19. marts 2024&lt;/p&gt;";
      return {
        type: "application/atom+xml; charset=utf-8",
        body: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Søgning</title><entry><title>Vejen Kommune, Udvalget: punkt 1. Temadrøftelse</title><summary type="html">${summary}</summary></entry></feed>`,
      };
    }
    default:
      return { type: "text/html; charset=utf-8", body: page("<h1>Siden findes ikke</h1>"), status: 404 };
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const isRsc = req.headers.rsc === "1";
    requested.push(`${isRsc ? "RSC " : ""}${url.pathname}${url.search}`);
    const { type, body, status } = respond(url, isRsc);
    res.writeHead(status ?? 200, { "content-type": type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const has = (report: AuditReport, location: string, problem: RegExp) => report.findings.some((f) => f.location.startsWith(location) && problem.test(f.problem));

describe("crawlSite", () => {
  it("crawls pages, RSC payloads, sitemap, search API pages, CSV and Atom of a clean portal, and finds nothing", async () => {
    planted.clear();
    requested.length = 0;
    const report = await crawlSite(origin);
    expect(report.findings).toEqual([]);
    expect(report.scanned).toMatchObject({ "HTML-sider": 8, "RSC-svar": 8, "API-svar": 2, "CSV-filer": 1, "Atom-feeds": 1, sitemaps: 2 });
    expect(requested).toEqual(expect.arrayContaining([`RSC ${ITEM_1}`, ITEM_2, CASE, CLOSED_ITEM, "/api/search?kommune=vejen&side=2", "/soeg?kommune=vejen"]));
    // Facet links of the search page are not followed; nothing outside the portal is asked.
    expect(requested).not.toContain("/soeg?kommune=vejen&aar=2024");
    expect(requested.filter((r) => r.includes("ekstern"))).toEqual([]);
  });

  it("finds each planted leak at its URL", async () => {
    for (const leak of ["rsc", "closed-body", "open-marker", "split-cpr", "api-title", "csv", "atom", "sitemap-cpr"]) planted.add(leak);
    const report = await crawlSite(origin);
    expect(has(report, `RSC ${origin}${ITEM_1}`, /^CPR-nummer: ".*Hansen,\[CPR-nummer\]/u)).toBe(true);
    expect(has(report, `${origin}${CLOSED_ITEM}`, /et lukket punkt viser mere end titlen: beslutningen/u)).toBe(true);
    expect(has(report, `${origin}${ITEM_1}`, /lukket-markering \("Lukket"\)/u)).toBe(true);
    expect(report.findings.filter((f) => f.location.startsWith(`${origin}${ITEM_2} tekst`)).length).toBe(2);
    expect(has(report, `${origin}/api/search?kommune=vejen&side=2 hit 3 titel`, /lukket-markering \("Fortroligt"\)/u)).toBe(true);
    expect(has(report, `${origin}/api/search/csv?kommune=vejen`, /^CPR-nummer/u)).toBe(true);
    expect(has(report, `${origin}/api/search/atom?kommune=vejen entry 1 resumé`, /lukket-markering \("Lukket punkt"\)/u)).toBe(true);
    // A sitemap's values are checked one by one: a CPR number in a URL is still found.
    expect(has(report, `${origin}/sitemaps/punkter-0.xml tekst`, /^CPR-nummer/u)).toBe(true);
    expect(JSON.stringify(report.findings)).not.toMatch(/1234/u);
  });

  it("reports a crawl cut short, and a portal it cannot reach", async () => {
    planted.clear();
    const short = await crawlSite(origin, { maxRequests: 3 });
    expect(short.findings.some((f) => /gennemgangen stoppede efter 3 svar/u.test(f.problem))).toBe(true);
    const unreachable = await crawlSite("http://127.0.0.1:9");
    expect(unreachable.scanned["HTML-sider"]).toBe(0);
    expect(unreachable.findings.some((f) => /kunne ikke hentes/u.test(f.problem))).toBe(true);
  });
});
