import type { IncomingMessage, ServerResponse } from "node:http";
import { captureResponse } from "./capture-response";
import { cacheControlForClients, cacheKeyOf, isPageAffected, isStorable, matchesEtag, pathOfKey, storedHeaders } from "./cache-rules";
import { PageStore, type StoredPage } from "./page-store";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Larger responses are passed through without being kept. */
const MAX_PAGE_BYTES = 5 * 1024 * 1024;

/** How long a page is kept at most when nothing says otherwise: a safety net, not the way pages change. */
export const DEFAULT_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * An in-memory shared cache in front of the app, the part of a CDN a single server needs.
 * Pages are kept until the data they show changes (`forgetChanged`, fed from the database's
 * change rows), not for a fixed time, so a page is rendered once per change instead of
 * once per revalidation period. A miss is a fresh render: Next.js keeps no copy of its own
 * (next.config.ts `cacheHandler`: lib/page-cache/next-cache-handler.mjs), so a page is never
 * filled from an older one; concurrent misses for one page wait for the same render. A page older than `maxAgeMs` is rendered again
 * even without a change, so a write path that forgets to record one leaves it stale for
 * minutes rather than until restart.
 */
export class PageCache {
  readonly #store: PageStore;
  readonly #inFlight = new Map<string, Promise<StoredPage | null>>();
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  /** Bumped on every change: a render that started before a change is not stored. */
  #generation = 0;

  constructor(store: PageStore, options: { maxAgeMs?: number; now?: () => number } = {}) {
    this.#store = store;
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.#now = options.now ?? Date.now;
  }

  get stats(): { pages: number; bytes: number } {
    return { pages: this.#store.size, bytes: this.#store.bytes };
  }

  /** Forgets every stored page that shows data at one of `changedPaths`; returns how many. */
  forgetChanged(changedPaths: string[]): number {
    this.#generation += 1;
    return this.#store.deleteWhere((key) => changedPaths.some((changed) => isPageAffected(pathOfKey(key), changed)));
  }

  /** Forgets every stored page (a new build of the app); returns how many. */
  forgetAll(): number {
    this.#generation += 1;
    return this.#store.clear();
  }

  /** Wraps the app's request handler. */
  handler(upstream: RequestHandler): RequestHandler {
    return async (req, res) => {
      const key = cacheKeyOf(req.method, req.url, req.headers);
      if (!key) return upstream(req, res);
      const page = this.#store.get(key);
      if (page && this.#now() - page.storedAt < this.#maxAgeMs) return servePage(req, res, page);
      const pending = this.#inFlight.get(key);
      if (pending) {
        const filled = await pending;
        return filled ? servePage(req, res, filled) : upstream(req, res);
      }
      if (req.method !== "GET") return upstream(req, res);
      const filling = this.#fill(key, req, res, upstream);
      this.#inFlight.set(key, filling);
      try {
        await filling;
      } finally {
        this.#inFlight.delete(key);
      }
    };
  }

  async #fill(key: string, req: IncomingMessage, res: ServerResponse, upstream: RequestHandler): Promise<StoredPage | null> {
    const generation = this.#generation;
    // The stored copy must be the whole page, rendered now.
    delete req.headers["if-none-match"];
    delete req.headers["if-modified-since"];
    res.setHeader("x-cache", "MISS");
    const captured = captureResponse(res, MAX_PAGE_BYTES, (head) => {
      if (isStorable(head.statusCode, head.getHeaders())) head.setHeader("cache-control", cacheControlForClients(String(head.getHeader("cache-control"))));
    });
    await upstream(req, res);
    const { complete, body } = await captured;
    const headers = res.getHeaders();
    if (!complete || generation !== this.#generation || !isStorable(res.statusCode, headers)) return null;
    const page = { status: res.statusCode, headers: storedHeaders(headers), body, storedAt: this.#now() };
    this.#store.set(key, page);
    return page;
  }
}

function servePage(req: IncomingMessage, res: ServerResponse, page: StoredPage): void {
  const headers = { ...page.headers, "x-cache": "HIT" };
  if (matchesEtag(req.headers["if-none-match"], page.headers.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(page.status, { ...headers, "content-length": page.body.length });
  res.end(req.method === "HEAD" ? undefined : page.body);
}
