import type { OutgoingHttpHeaders } from "node:http";

/** One stored response: what the app sent, minus per-connection headers. */
export interface StoredPage {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** When it was stored (ms since the epoch). */
  storedAt: number;
}

/** Bytes a stored page is charged for: its body plus a rough allowance for key and headers. */
function sizeOf(key: string, page: StoredPage): number {
  return page.body.length + key.length + 1024;
}

/**
 * Responses kept in memory, least recently used evicted first once `maxBytes` is reached.
 * A Map keeps insertion order, so re-inserting on every hit makes its first key the LRU one.
 */
export class PageStore {
  readonly #pages = new Map<string, StoredPage>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.#pages.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): StoredPage | undefined {
    const page = this.#pages.get(key);
    if (page) {
      this.#pages.delete(key);
      this.#pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: StoredPage): void {
    this.delete(key);
    const size = sizeOf(key, page);
    if (size > this.maxBytes) return;
    this.#pages.set(key, page);
    this.#bytes += size;
    for (const [oldest] of this.#pages) {
      if (this.#bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const page = this.#pages.get(key);
    if (!page) return;
    this.#pages.delete(key);
    this.#bytes -= sizeOf(key, page);
  }

  /** Removes every page; returns how many went. */
  clear(): number {
    const removed = this.#pages.size;
    this.#pages.clear();
    this.#bytes = 0;
    return removed;
  }

  /** Removes every page whose key matches; returns how many went. */
  deleteWhere(matches: (key: string) => boolean): number {
    let removed = 0;
    for (const key of [...this.#pages.keys()]) {
      if (matches(key)) {
        this.delete(key);
        removed += 1;
      }
    }
    return removed;
  }
}
