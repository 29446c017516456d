/**
 * Results of expensive exports (a CSV of 2,000 hits builds 2,000 snippets), kept per search
 * index so a new index forgets them, least recently used dropped first, with concurrent
 * requests for one export sharing its computation and at most `maxRunning` different exports
 * computed at a time.
 */
export class ExportCache {
  readonly #maxEntries: number;
  readonly #maxRunning: number;
  /** Per index object: a Map in least-recently-used order. */
  #byScope = new WeakMap<object, Map<string, string>>();
  readonly #running = new Map<string, Promise<string | null>>();
  #scopeIds = new WeakMap<object, number>();
  #nextScopeId = 0;

  constructor(options: { maxEntries: number; maxRunning: number }) {
    this.#maxEntries = options.maxEntries;
    this.#maxRunning = options.maxRunning;
  }

  /**
   * The export for `key` within `scope` (the search index it was computed from): from memory,
   * from a computation already running, or from `compute` (null means "not kept": a refused
   * request). "busy" when `maxRunning` other exports are being computed.
   */
  async get(scope: object, key: string, compute: () => Promise<string | null>): Promise<string | null | "busy"> {
    const entries = this.#entriesOf(scope);
    const kept = entries.get(key);
    if (kept !== undefined) {
      entries.delete(key);
      entries.set(key, kept);
      return kept;
    }
    const runningKey = `${this.#scopeId(scope)}\n${key}`;
    const running = this.#running.get(runningKey);
    if (running) return running;
    if (this.#running.size >= this.#maxRunning) return "busy";
    const computation = compute().then((value) => {
      if (value !== null) {
        entries.set(key, value);
        for (const [oldest] of entries) {
          if (entries.size <= this.#maxEntries) break;
          entries.delete(oldest);
        }
      }
      return value;
    });
    this.#running.set(runningKey, computation);
    try {
      return await computation;
    } finally {
      this.#running.delete(runningKey);
    }
  }

  #entriesOf(scope: object): Map<string, string> {
    let entries = this.#byScope.get(scope);
    if (!entries) {
      entries = new Map();
      this.#byScope.set(scope, entries);
    }
    return entries;
  }

  #scopeId(scope: object): number {
    let id = this.#scopeIds.get(scope);
    if (id === undefined) {
      id = this.#nextScopeId++;
      this.#scopeIds.set(scope, id);
    }
    return id;
  }
}
