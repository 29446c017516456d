/**
 * The one place environment variables are read. Values are validated once, on first use.
 */
export interface AppEnv {
  /** External PostgreSQL; when unset the embedded PostgreSQL under `dataDir` is used. */
  databaseUrl: string | null;
  /** HTTP port of the portal. */
  port: number;
  /** Root folder for local state (embedded database, search index). */
  dataDir: string;
  /** Public origin used in canonical URLs, sitemaps and citations. */
  siteUrl: string;
  /** Memory the web server may use for cached pages, in bytes (PAGE_CACHE_MB, default 512). */
  pageCacheBytes: number;
  /** Longest time the page cache keeps a page without a change, in ms (PAGE_CACHE_TTL_SECONDS, default 600). */
  pageCacheMaxAgeMs: number;
  /** Varnish caches in front of the web processes (VARNISH_URLS, comma-separated); changed pages are banned there. */
  varnishUrls: string[];
  /** SMTP server for alert mails (SMTP_URL, e.g. smtp://user:pass@host:587); unset: mails are written to `<dataDir>/mail/`. */
  smtpUrl: string | null;
  /** Sender of alert mails (MAIL_FROM). */
  mailFrom: string;
  /** Key that signs unsubscribe links (ALERTS_SECRET); unset: a random key kept in the database. */
  alertsSecret: string | null;
  /** Who is responsible for the subscribers' data, as shown on the subscription pages (ALERTS_DATA_CONTROLLER). */
  alertsDataController: string;
  /** Settings of `npm run import`: how politely sites are fetched. */
  importing: ImportEnv;
  /** Per-municipality settings such as the address for access requests (MUNICIPALITIES_FILE, default municipalities.json). */
  municipalitiesFile: string;
  /** When the web server merges the search index's deltas into a new version in the background. */
  searchMerge: SearchMergeEnv;
}

/** Thresholds of the search index's background merge (scripts/lib/compact-search-index.ts): whichever is reached first. */
export interface SearchMergeEnv {
  /** Deltas on the current version (SEARCH_MERGE_DELTAS, default 100; 0 turns the background merge off). */
  maxDeltas: number;
  /** Bytes of those deltas' files (SEARCH_MERGE_MB, default 64; 0: the count alone decides). */
  maxDeltaBytes: number;
}

/** Politeness of the importer towards municipalities' sites. */
export interface ImportEnv {
  /** Page naming who runs this portal and how to reach them, sent in the User-Agent (IMPORT_CONTACT_URL, default SITE_URL). */
  contactUrl: string;
  /** Pause between two requests to one site, in ms (IMPORT_DELAY_MS, default 500). */
  delayMs: number;
  /** Time one request may take before it is abandoned and retried, in ms (IMPORT_TIMEOUT_MS, default 30000). */
  timeoutMs: number;
  /** Download open items' attachment PDFs and index their text (IMPORT_WITH_ATTACHMENTS=1, or `--with-attachments`). */
  withAttachments: boolean;
  /** Largest attachment PDF downloaded, in bytes (IMPORT_MAX_ATTACHMENT_MB, default 20). */
  maxAttachmentBytes: number;
}

let cached: AppEnv | null = null;

function parsePort(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535, got "${raw}"`);
  }
  return port;
}

function parseMegabytes(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const megabytes = Number(raw);
  if (!Number.isInteger(megabytes) || megabytes < 0) throw new Error(`${name} must be a whole number of megabytes (0 turns the cache off), got "${raw}"`);
  return megabytes;
}

function parseMilliseconds(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`${name} must be a whole number of milliseconds, got "${raw}"`);
  return ms;
}

function parseCount(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0) throw new Error(`${name} must be a whole number (0 turns it off), got "${raw}"`);
  return count;
}

function parseSeconds(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`${name} must be a whole number of seconds, at least 1, got "${raw}"`);
  return seconds;
}

function parseUrls(raw: string | undefined, name: string): string[] {
  const urls = (raw ?? "").split(",").map((url) => url.trim()).filter((url) => url !== "");
  for (const url of urls) {
    if (!/^https?:\/\/[^/]+\/?$/.test(url)) throw new Error(`${name} must list base URLs such as http://127.0.0.1:6081, got "${url}"`);
  }
  return urls.map((url) => url.replace(/\/$/, ""));
}

function parseFlag(raw: string | undefined, name: string): boolean {
  const value = raw?.trim().toLowerCase() ?? "";
  if (value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new Error(`${name} must be 1 or 0, got "${raw}"`);
}

function parseSmtpUrl(raw: string | undefined): string | null {
  const url = raw?.trim() || null;
  if (url && !/^smtps?:\/\/[^/]/.test(url)) throw new Error("SMTP_URL must start with smtp:// or smtps:// (its value is not shown: it may hold a password)");
  return url;
}

/** Reads and validates the environment; throws a message naming the bad variable. */
export function getEnv(): AppEnv {
  if (cached) return cached;
  const databaseUrl = process.env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with postgresql://, got "${databaseUrl.slice(0, 30)}…"`);
  }
  const port = parsePort(process.env.PORT, "PORT", 3000);
  const siteUrl = (process.env.SITE_URL?.trim() || `http://localhost:${port}`).replace(/\/$/, "");
  const contactUrl = process.env.IMPORT_CONTACT_URL?.trim() || siteUrl;
  if (!/^https?:\/\/\S+$/.test(contactUrl)) throw new Error(`IMPORT_CONTACT_URL must be an http(s) URL, got "${contactUrl}"`);
  cached = {
    databaseUrl,
    port,
    dataDir: process.env.REFERATPORTALEN_DATA_DIR?.trim() || ".data",
    siteUrl,
    pageCacheBytes: parseMegabytes(process.env.PAGE_CACHE_MB, "PAGE_CACHE_MB", 512) * 1024 * 1024,
    pageCacheMaxAgeMs: parseSeconds(process.env.PAGE_CACHE_TTL_SECONDS, "PAGE_CACHE_TTL_SECONDS", 600) * 1000,
    varnishUrls: parseUrls(process.env.VARNISH_URLS, "VARNISH_URLS"),
    smtpUrl: parseSmtpUrl(process.env.SMTP_URL),
    mailFrom: process.env.MAIL_FROM?.trim() || "Referatportalen <referatportalen@localhost>",
    alertsSecret: process.env.ALERTS_SECRET?.trim() || null,
    alertsDataController: process.env.ALERTS_DATA_CONTROLLER?.trim() || "den, der driver denne installation af Referatportalen",
    importing: {
      contactUrl,
      delayMs: parseMilliseconds(process.env.IMPORT_DELAY_MS, "IMPORT_DELAY_MS", 500),
      timeoutMs: parseMilliseconds(process.env.IMPORT_TIMEOUT_MS, "IMPORT_TIMEOUT_MS", 30_000),
      withAttachments: parseFlag(process.env.IMPORT_WITH_ATTACHMENTS, "IMPORT_WITH_ATTACHMENTS"),
      maxAttachmentBytes: parseMegabytes(process.env.IMPORT_MAX_ATTACHMENT_MB, "IMPORT_MAX_ATTACHMENT_MB", 20) * 1024 * 1024,
    },
    municipalitiesFile: process.env.MUNICIPALITIES_FILE?.trim() || "municipalities.json",
    searchMerge: {
      maxDeltas: parseCount(process.env.SEARCH_MERGE_DELTAS, "SEARCH_MERGE_DELTAS", 100),
      maxDeltaBytes: parseCount(process.env.SEARCH_MERGE_MB, "SEARCH_MERGE_MB", 64) * 1024 * 1024 || Infinity,
    },
  };
  return cached;
}
