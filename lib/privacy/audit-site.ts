import { parse as parseCsv } from "csv-parse/sync";
import { DomUtils, ElementType, parseDocument } from "htmlparser2";
import { checkCpr, checkOpenText, count, createReport, jsonStrings, type AuditReport } from "./audit-report";

type Document = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.findAll>[number];

/** How far the crawl goes. */
export interface CrawlOptions {
  /** Stop after this many responses (default 5,000); reaching it is reported as a finding. */
  maxRequests?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
}

// Elements whose text is read line by line for closed markers; inline children are joined first,
// since React writes "Punkt ", "92", ": ", "Lukket" as separate text nodes.
// A table row is one line, its cells tab-separated, as the parser writes tables.
const TEXT_BLOCKS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "tr", "pre", "blockquote", "caption", "figcaption"]);

/** The text of a block as one printed line (or several, for `pre`). */
function blockText(block: Element): string {
  if (block.name !== "tr") return DomUtils.textContent(block);
  return DomUtils.findAll((el) => el.name === "td" || el.name === "th", block.children)
    .map((cell) => DomUtils.textContent(cell))
    .join("\t");
}

/** JSON and JavaScript string escapes undone, so "010203-\n1234" in an RSC payload is one number. */
function unescapeStrings(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/gu, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/\\[nr]/gu, "\n")
    .replace(/\\t/gu, "\t");
}

// Build artefacts' paths ("/_next/static/chunks/0f1e2d3c.js") are no text of the portal's.
const ASSET_PATH = /\/_next\/[^\s"'\\)]*/gu;

/** `text` without build artefacts' paths (their hashes are masked by checkCpr too). */
function withoutBuildHashes(text: string): string {
  return text.replace(ASSET_PATH, "");
}

/** Every visible text node and attribute value of a parsed document, decoded, one per line. */
function documentTexts(document: Document): string {
  const texts: string[] = [];
  for (const node of DomUtils.filter(() => true, document, true)) {
    if (node.type === ElementType.Text) texts.push(DomUtils.textContent(node));
    else if (node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style) {
      texts.push(...Object.values((node as Element).attribs));
    }
  }
  return texts.join("\n");
}

/** The item page's path shape: /kommune/udvalg/dato/punkt. */
const isItemPath = (pathname: string) => !pathname.startsWith("/api/") && pathname.split("/").filter(Boolean).length === 4;

/**
 * An item page: a closed one ("Lukket punkt" section, id="lukket") shows nothing but that and the
 * citation; an open one has no closed marker in any text block outside its navigation.
 */
function checkItemPage(report: AuditReport, url: string, document: Document): void {
  const article = DomUtils.findOne((el) => el.name === "article", document.children);
  if (!article) return;
  if (DomUtils.getElementById("lukket", article.children)) {
    const shown = DomUtils.findAll((el) => el.name === "section", article.children)
      .map((section) => section.attribs["aria-labelledby"] ?? "")
      .filter((label) => label !== "lukket" && label !== "citer");
    if (shown.length > 0) report.findings.push({ location: url, problem: `et lukket punkt viser mere end titlen: ${shown.join(", ")}` });
    return;
  }
  const blocks = DomUtils.findAll((el) => TEXT_BLOCKS.has(el.name) && !hasAncestor(el, "nav"), article.children);
  for (const block of blocks) checkOpenText(report, url, blockText(block));
}

function hasAncestor(element: Element, name: string): boolean {
  for (let parent = element.parent; parent; parent = parent.parent) if ("name" in parent && parent.name === name) return true;
  return false;
}

/**
 * Crawls a running portal from its front page and sitemap: every HTML page (same origin, links
 * without a query string, plus the search, CSV and Atom links the pages offer), the RSC payload of
 * each page (requested with `RSC: 1`), `/api/search` for every municipality page by page, its CSV
 * and Atom exports, and sitemap.xml. Reports CPR-shaped numbers anywhere in a response (HTML
 * source, decoded text and attributes, payload strings) and closed markers inside open items.
 */
export async function crawlSite(origin: string, options: CrawlOptions = {}): Promise<AuditReport> {
  const report = createReport("HTML-sider", "RSC-svar", "API-svar", "CSV-filer", "Atom-feeds", "sitemaps", "andre svar");
  const base = new URL(origin);
  const maxRequests = options.maxRequests ?? 5000;
  const queue: Array<{ url: URL; rsc: boolean }> = [];
  const seen = new Set<string>();
  const municipalities = new Set<string>();
  let requests = 0;
  let unchecked = 0;

  const enqueue = (href: string, from: URL, rsc = false) => {
    let url: URL;
    try {
      url = new URL(href, from);
    } catch {
      return;
    }
    if (url.origin !== base.origin) {
      // The sitemap names pages under SITE_URL, which may not be the address crawled.
      if (from.pathname !== "/sitemap.xml" && !from.pathname.startsWith("/sitemaps/")) return;
      url = new URL(`${url.pathname}${url.search}`, base);
    }
    url.hash = "";
    const key = `${rsc ? "rsc " : ""}${url.href}`;
    if (seen.has(key)) return;
    seen.add(key);
    queue.push({ url, rsc });
  };
  const follow = (href: string, from: URL) => {
    const target = new URL(href, from);
    // Facet links on search pages would multiply without end; search and feed links from
    // ordinary pages (a municipality's own search, CSV and Atom) are followed once.
    if (target.search !== "" && (from.pathname.startsWith("/soeg") || from.pathname.startsWith("/api/"))) return;
    enqueue(href, from);
  };
  const addMunicipality = (slug: string) => {
    if (municipalities.has(slug)) return;
    municipalities.add(slug);
    for (const api of ["/api/search", "/api/search/csv", "/api/search/atom"]) enqueue(`${api}?kommune=${encodeURIComponent(slug)}`, base);
  };

  const visit = async ({ url, rsc }: { url: URL; rsc: boolean }) => {
    const location = `${rsc ? "RSC " : ""}${url.href}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: rsc ? { RSC: "1" } : {}, redirect: "follow" });
    } catch (error) {
      report.findings.push({ location, problem: `kunne ikke hentes: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const body = await response.text();
    if (response.status >= 500) report.findings.push({ location, problem: `svarede HTTP ${response.status} og kunne ikke kontrolleres` });
    const finalUrl = new URL(response.url || url.href);
    if (finalUrl.origin !== base.origin) return;
    checkCpr(report, location, withoutBuildHashes(unescapeStrings(body)));
    const type = response.headers.get("content-type") ?? "";

    if (rsc) {
      count(report, "RSC-svar");
    } else if (type.includes("text/html")) {
      count(report, "HTML-sider");
      const document = parseDocument(body);
      checkCpr(report, `${location} tekst`, withoutBuildHashes(documentTexts(document)));
      if (isItemPath(finalUrl.pathname)) {
        checkItemPage(report, location, document);
        addMunicipality(finalUrl.pathname.split("/")[1] ?? "");
      }
      for (const el of DomUtils.findAll((e) => (e.name === "a" || e.name === "link") && typeof e.attribs.href === "string", document.children)) {
        follow(el.attribs.href as string, finalUrl);
      }
      if (!finalUrl.pathname.startsWith("/api/")) enqueue(finalUrl.href, finalUrl, true);
    } else if (type.includes("json")) {
      count(report, "API-svar");
      checkSearchJson(report, location, body, finalUrl, (href) => enqueue(href, finalUrl));
    } else if (type.includes("text/csv")) {
      count(report, "CSV-filer");
      checkCsv(report, location, body);
    } else if (type.includes("xml")) {
      const document = parseDocument(body, { xmlMode: true });
      const locs = DomUtils.getElementsByTagName("loc", document);
      const isSitemap = locs.length > 0 || finalUrl.pathname.endsWith("sitemap.xml");
      if (isSitemap) {
        // A sitemap holds URLs and dates, no prose: each value is checked on its own, as a case
        // number ending in digits followed by the next element's date reads as a CPR number.
        for (const node of DomUtils.filter((candidate) => candidate.type === ElementType.Text, document, true)) {
          checkCpr(report, `${location} tekst`, DomUtils.textContent(node));
        }
      } else {
        checkCpr(report, `${location} tekst`, documentTexts(document));
      }
      if (isSitemap) {
        count(report, "sitemaps");
        for (const loc of locs) enqueue(DomUtils.textContent(loc).trim(), finalUrl);
      } else {
        count(report, "Atom-feeds");
        checkAtom(report, location, document);
      }
    } else {
      count(report, "andre svar");
    }
  };

  enqueue("/", base);
  enqueue("/sitemap.xml", base);
  enqueue("/soeg", base);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (requests >= maxRequests) {
        unchecked += queue.length + 1;
        queue.length = 0;
        return;
      }
      requests += 1;
      await visit(next);
    }
  };
  // Workers stop when the queue is momentarily empty; run rounds until a round adds nothing.
  while (queue.length > 0) await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  if (unchecked > 0) report.findings.push({ location: base.href, problem: `gennemgangen stoppede efter ${maxRequests} svar; ${unchecked} adresser blev ikke kontrolleret` });
  return report;
}

/** /api/search answers: strings checked for CPR numbers, hits (open items only) for markers; the next page queued. */
function checkSearchJson(report: AuditReport, location: string, body: string, url: URL, enqueue: (href: string) => void): void {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return;
  }
  for (const text of jsonStrings(value)) checkCpr(report, location, text);
  const result = value as { hits?: Array<{ title?: unknown; snippet?: unknown }>; page?: number; pageSize?: number; total?: number };
  if (!Array.isArray(result.hits)) return;
  result.hits.forEach((hit, i) => {
    checkOpenText(report, `${location} hit ${i + 1} titel`, typeof hit.title === "string" ? hit.title : "");
    checkOpenText(report, `${location} hit ${i + 1} uddrag`, snippetText(hit.snippet));
  });
  const { page = 1, pageSize = 0, total = 0 } = result;
  if (result.hits.length > 0 && page * pageSize < total) {
    const next = new URL(url);
    next.searchParams.set("side", String(page + 1));
    enqueue(next.href);
  }
}

/** A hit's snippet as text: runs of `{ text, match }`, or (older answers) escaped HTML. */
function snippetText(snippet: unknown): string {
  if (typeof snippet === "string") return DomUtils.textContent(parseDocument(snippet));
  if (!Array.isArray(snippet)) return "";
  return snippet.map((run: unknown) => (run !== null && typeof run === "object" && "text" in run && typeof run.text === "string" ? run.text : "")).join("");
}

/**
 * A CSV file: the search export (";"-separated, every row an open item, so no cell may be a
 * closed marker) or a bulk file from /data/ (","-separated, with a `public` column: a closed
 * item's row may show its number and title, marker included, and nothing else).
 */
function checkCsv(report: AuditReport, location: string, body: string): void {
  const firstLine = body.replace(/^\uFEFF/u, "").split("\n", 1)[0] ?? "";
  const delimiter = firstLine.includes(";") ? ";" : ",";
  const rows = parseCsv(body, { delimiter, bom: true, relax_column_count: true }) as string[][];
  const header = rows[0] ?? [];
  const publicColumn = header.indexOf("public");
  const allowedWhenClosed = new Set(["municipality", "municipality_code", "committee", "meeting_date", "item_number", "title", "public", "url"]);
  rows.slice(1).forEach((row, i) => {
    const at = `${location} række ${i + 2}`;
    if (publicColumn >= 0 && row[publicColumn] === "false") {
      row.forEach((cell, column) => {
        if (cell !== "" && !allowedWhenClosed.has(header[column] ?? "")) {
          report.findings.push({ location: `${at} ${header[column] ?? column}`, problem: "et lukket punkt har mere end nummer og titel" });
        }
      });
      return;
    }
    for (const cell of row) checkOpenText(report, at, cell);
  });
}

/** An Atom feed of open items: titles and summaries (escaped HTML) free of closed markers. */
function checkAtom(report: AuditReport, location: string, document: Document): void {
  DomUtils.getElementsByTagName("entry", document).forEach((entry, i) => {
    const at = `${location} entry ${i + 1}`;
    for (const title of DomUtils.getElementsByTagName("title", entry)) {
      // "Kommune, Udvalg: punkt 3. Titel": the title proper follows the number.
      checkOpenText(report, `${at} titel`, DomUtils.textContent(title).replace(/^.*?punkt\s+\S+\.\s*/u, ""));
    }
    for (const summary of [...DomUtils.getElementsByTagName("summary", entry), ...DomUtils.getElementsByTagName("content", entry)]) {
      const html = parseDocument(DomUtils.textContent(summary));
      for (const block of DomUtils.findAll((el) => TEXT_BLOCKS.has(el.name), html.children)) checkOpenText(report, `${at} resumé`, blockText(block));
    }
  });
}
