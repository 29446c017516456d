/**
 * HTTP GET towards one municipality's site, politely: one request in flight at a time, a pause
 * between requests, a User-Agent naming the portal and a contact URL, a timeout per request, and
 * retries with exponential backoff on timeouts, network errors, 429 and 5xx (Retry-After honoured).
 */

/** How a site is fetched. */
export interface PoliteFetchOptions {
  /** Sent as User-Agent on every request. */
  userAgent: string;
  /** Pause between the end of one request and the start of the next, in ms. */
  delayMs: number;
  /** A request taking longer is abandoned (and retried), in ms. */
  timeoutMs: number;
  /** Further attempts after the first one fails with a retryable error. */
  retries: number;
  /** First backoff pause, doubled on every further attempt, in ms. */
  backoffMs: number;
  /** A Retry-After longer than this is not waited for: the request fails instead, in ms. */
  maxRetryAfterMs: number;
  /** Stops waiting and fetching: the pending request rejects. */
  signal?: AbortSignal;
}

/** Defaults for everything but the User-Agent (see lib/config/env.ts for the configurable ones). */
export const DEFAULT_FETCH_OPTIONS = { delayMs: 500, timeoutMs: 30_000, retries: 4, backoffMs: 1_000, maxRetryAfterMs: 120_000 };

/** The User-Agent the importer sends: the portal's name and where to reach whoever runs it. */
export function importerUserAgent(contactUrl: string): string {
  return `Referatportalen-import/1.0 (+${contactUrl})`;
}

/** A request that failed for good; `status` is the HTTP status when there was an answer. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

/** One fetched response body. */
export interface FetchedText {
  url: string;
  text: string;
}

/** One fetched binary response body (a PDF). */
export interface FetchedBytes {
  url: string;
  bytes: Uint8Array;
}

/** Fetches from one site, one request at a time. */
export interface SiteFetcher {
  getText(url: string): Promise<FetchedText>;
  /** The body as bytes; fails (without retrying) when it is longer than `maxBytes`. */
  getBytes(url: string, maxBytes: number): Promise<FetchedBytes>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const isRetryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/** The outcome of one attempt: a body, or an error and whether (and after how long) to retry. */
type Attempt<T> = { ok: true; body: T } | { ok: false; error: FetchError; retryAfterMs: number | null; isRetryable: boolean };

/** How one kind of body is asked for and read. */
interface BodyReader<T> {
  accept: string;
  read(response: Response): Promise<T>;
}

const TEXT: BodyReader<string> = { accept: "application/json, text/html;q=0.9", read: (response) => response.text() };

/** A reader of at most `maxBytes` bytes: a longer body (announced or streamed) fails with a FetchError that is not retried. */
function bytesReader(maxBytes: number): BodyReader<Uint8Array> {
  const limit = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.ceil(maxBytes / 1024)} kB`;
  const tooLarge = () => new FetchError(`svaret er større end ${limit}`, null);
  return {
    accept: "application/pdf, */*;q=0.5",
    async read(response) {
      const announced = Number(response.headers.get("content-length"));
      if (Number.isFinite(announced) && announced > maxBytes) {
        await response.body?.cancel();
        throw tooLarge();
      }
      const chunks: Uint8Array[] = [];
      let total = 0;
      const stream = response.body?.getReader();
      for (let next = await stream?.read(); stream && next && !next.done; next = await stream.read()) {
        total += next.value.byteLength;
        if (total > maxBytes) {
          await stream.cancel().catch(() => undefined);
          throw tooLarge();
        }
        chunks.push(next.value);
      }
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return bytes;
    },
  };
}

async function attempt<T>(url: string, options: PoliteFetchOptions, reader: BodyReader<T>): Promise<Attempt<T>> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await fetch(url, { headers: { "user-agent": options.userAgent, accept: reader.accept }, signal, redirect: "follow" });
    if (response.ok) {
      try {
        return { ok: true, body: await reader.read(response) };
      } catch (error) {
        if (error instanceof FetchError) return { ok: false, error, retryAfterMs: null, isRetryable: false };
        throw error;
      }
    }
    await response.body?.cancel();
    return {
      ok: false,
      error: new FetchError(`HTTP ${response.status}`, response.status),
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      isRetryable: isRetryableStatus(response.status),
    };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const isTimeout = timeout.aborted;
    const message = isTimeout ? `intet svar inden for ${options.timeoutMs} ms` : `netværksfejl: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, error: new FetchError(message, null), retryAfterMs: null, isRetryable: true };
  }
}

/**
 * A fetcher for one site. Requests queue behind each other (never two in flight), and the
 * pauses (the delay, backoff, Retry-After) keep the queue's slot, so retries slow the whole site.
 */
export function createSiteFetcher(options: PoliteFetchOptions): SiteFetcher {
  let queue: Promise<unknown> = Promise.resolve();
  let lastEnd = 0;

  async function run<T>(url: string, reader: BodyReader<T>): Promise<T> {
    for (let attemptNo = 0; ; attemptNo += 1) {
      const wait = lastEnd + options.delayMs - Date.now();
      if (wait > 0) await sleep(wait, options.signal);
      const result = await attempt(url, options, reader);
      lastEnd = Date.now();
      if (result.ok) return result.body;
      if (!result.isRetryable || attemptNo >= options.retries) {
        const tries = attemptNo + 1;
        throw new FetchError(`${url}: ${result.error.message}${tries > 1 ? ` (efter ${tries} forsøg)` : ""}`, result.error.status);
      }
      if (result.retryAfterMs !== null && result.retryAfterMs > options.maxRetryAfterMs) {
        throw new FetchError(`${url}: ${result.error.message}, Retry-After ${Math.round(result.retryAfterMs / 1000)} s er for længe`, result.error.status);
      }
      const backoff = options.backoffMs * 2 ** attemptNo;
      await sleep(Math.max(backoff, result.retryAfterMs ?? 0), options.signal);
    }
  }

  function enqueue<T>(url: string, reader: BodyReader<T>): Promise<T> {
    const result = queue.then(() => run(url, reader));
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    getText: async (url) => ({ url, text: await enqueue(url, TEXT) }),
    getBytes: async (url, maxBytes) => ({ url, bytes: await enqueue(url, bytesReader(maxBytes)) }),
  };
}
