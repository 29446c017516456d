import { isDeepStrictEqual } from "node:util";
import { checkEmbeddedObject, checkListPage, checkOparlObject, isEmbedded } from "./test-oparl-spec";

/**
 * Test support: an OParl client that starts at the System object and follows every URL it
 * finds, like the meine-stadt-transparent importer or an OParl validator, recording what it saw.
 */

/** One HTTP answer as the crawler needs it. */
export interface Fetched {
  status: number;
  headers: Headers;
  text: string;
}

/** What a crawl saw. */
export interface CrawlResult {
  /** Objects fetched by their id, keyed by id. */
  objects: Map<string, Record<string, unknown>>;
  /** Objects as they appeared in list pages, keyed by id, with the list URL. */
  listed: Map<string, { entry: Record<string, unknown>; list: string }>;
  /** Objects embedded in others (agenda items, files, legislative terms, consultations, memberships), keyed by id. */
  embedded: Map<string, Record<string, unknown>>;
  /** Ids seen per list (first page URL), in order across pages. */
  listIds: Map<string, string[]>;
  /** totalElements each list announced on the first page the crawl read of it. */
  listTotals: Map<string, number>;
  /** Answers that were files, not JSON (a File's accessUrl and downloadUrl), by URL. */
  files: Map<string, { contentType: string | null; disposition: string | null; text: string }>;
  /** Every answer's body, for leak checks. */
  texts: string[];
  problems: string[];
}

/** Properties holding the URL of an external list, per type. */
const LIST_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  "https://schema.oparl.org/1.1/System": ["body"],
  "https://schema.oparl.org/1.1/Body": ["organization", "person", "meeting", "paper", "agendaItem", "legislativeTermList", "membership"],
  "https://schema.oparl.org/1.1/Organization": ["meeting"],
};

/** A list's URL without its position (page number or cursor): the key its pages are collected under. */
function withoutPage(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete("page");
  parsed.searchParams.delete("after");
  return parsed.toString();
}

/**
 * Crawls from `start`. With `limit`, every list URL found in an object is asked for pages of
 * that size, so pagination is walked through many pages.
 */
export async function crawlOparl(
  fetchUrl: (url: string) => Promise<Fetched>,
  start: string,
  origin: string,
  options: { limit?: number } = {},
): Promise<CrawlResult> {
  const result: CrawlResult = {
    objects: new Map(),
    listed: new Map(),
    embedded: new Map(),
    listIds: new Map(),
    listTotals: new Map(),
    files: new Map(),
    texts: [],
    problems: [],
  };
  const queue: string[] = [start];
  const queued = new Set(queue);
  const enqueue = (url: unknown) => {
    if (typeof url !== "string" || !url.startsWith(`${origin}/oparl/v1/`) || queued.has(url)) return;
    queued.add(url);
    queue.push(url);
  };
  const followLinks = (object: Record<string, unknown>) => {
    const lists = LIST_PROPERTIES[String(object.type)] ?? [];
    for (const [name, value] of Object.entries(object)) {
      if (name === "id") continue;
      if (isEmbedded(value)) {
        for (const item of (Array.isArray(value) ? value : [value]) as Array<Record<string, unknown>>) {
          result.problems.push(...checkOparlObject(item, origin), ...checkEmbeddedObject(item, String(object.type)));
          const earlier = result.embedded.get(String(item.id));
          if (earlier && !isDeepStrictEqual(earlier, item)) result.problems.push(`${String(item.id)}: embedded twice, differently`);
          result.embedded.set(String(item.id), item);
          enqueue(item.id);
          followLinks(item);
        }
        continue;
      }
      const urls = Array.isArray(value) ? value : [value];
      for (const url of urls) {
        if (typeof url === "string" && lists.includes(name) && options.limit) enqueue(`${url}?limit=${options.limit}`);
        else enqueue(url);
      }
    }
  };

  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    const answer = await fetchUrl(url);
    result.texts.push(answer.text);
    if (answer.status !== 200) {
      result.problems.push(`${url}: status ${answer.status}`);
      continue;
    }
    if (answer.headers.get("access-control-allow-origin") !== "*") result.problems.push(`${url}: no CORS header`);
    if (!answer.headers.get("etag")) result.problems.push(`${url}: no ETag`);
    // A file behind a File's accessUrl or downloadUrl: kept for the leak checks, not parsed.
    if (!answer.headers.get("content-type")?.startsWith("application/json")) {
      result.files.set(url, { contentType: answer.headers.get("content-type"), disposition: answer.headers.get("content-disposition"), text: answer.text });
      continue;
    }
    const json = JSON.parse(answer.text) as Record<string, unknown>;
    if (Array.isArray(json.data)) {
      result.problems.push(...checkListPage(json, url));
      const list = withoutPage(url);
      const ids = result.listIds.get(list) ?? [];
      result.listIds.set(list, ids);
      const total = (json.pagination as { totalElements?: number }).totalElements;
      if (total !== undefined && !result.listTotals.has(list)) result.listTotals.set(list, total);
      for (const entry of json.data as Array<Record<string, unknown>>) {
        const id = String(entry.id);
        ids.push(id);
        result.problems.push(...checkOparlObject(entry, origin));
        const earlier = result.listed.get(id);
        if (earlier && !isDeepStrictEqual(earlier.entry, entry)) result.problems.push(`${id}: differs between ${earlier.list} and ${list}`);
        result.listed.set(id, { entry, list });
        enqueue(id);
        followLinks(entry);
      }
      const links = json.links as Record<string, unknown>;
      // Like a harvesting client: the first page and then next, page after page (following
      // numbered `last`/`prev` too would read the same entries under a second URL).
      for (const name of ["first", "next"]) enqueue(links[name]);
    } else {
      result.problems.push(...checkOparlObject(json, origin));
      if (json.id !== url) result.problems.push(`${url}: id is ${String(json.id)}`);
      result.objects.set(url, json);
      followLinks(json);
    }
  }
  return result;
}
