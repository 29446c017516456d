/**
 * The production web server `npm start` runs: Next.js (the built app in .next) behind the
 * in-memory page cache of lib/page-cache, which forgets pages when the database reports a
 * change. Next keeps no pages of its own (next.config.ts `cacheHandler`), so a miss here is a
 * fresh render. Expects DATABASE_URL and a finished `next build`; `npm start` provides both.
 */
import path from "node:path";
import next from "next";
import { startAlertTimer } from "@/lib/alerts/alert-job";
import { CLIENT_IP_HEADER, clientIpOf } from "@/lib/alerts/client-ip";
import { getEnv } from "@/lib/config/env";
import { securityHeadersFor } from "@/lib/config/security-headers";
import { getPrisma } from "@/lib/db/client";
import { exportDir } from "@/lib/export/export-dir";
import { startBulkExportTimer } from "@/lib/export/refresh-bulk-files";
import { watchPageChanges } from "@/lib/page-cache/change-feed";
import { PageCache, type RequestHandler } from "@/lib/page-cache/page-cache";
import { PageStore } from "@/lib/page-cache/page-store";
import { watchBuild } from "@/lib/page-cache/watch-build";
import { followSearchIndex } from "@/lib/search/get-search-index";
import { searchIndexDir } from "@/lib/search/index-dir";
import { banPages } from "@/lib/varnish/ban-pages";
import { preventRepeatedHeaderValues } from "@/lib/web-server/no-repeated-header-values";
import { createWebServer } from "@/lib/web-server/web-server";
import { startSearchMergeTimer } from "./lib/search-merge-timer";

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const env = getEnv();
// The index loads while Next.js prepares (it is most of a cold start at scale), and is followed
// from then on: a new delta is applied as soon as its manifest is written, not at the next search.
const searchIndex = followSearchIndex(searchIndexDir(env.dataDir));
const indexLoaded = searchIndex.loaded.then((index) => {
  if (index) console.log(`Search index ${index.version} loaded (${index.size} items, ${index.appliedDeltas} deltas) ${elapsed()} after the server process started.`);
});
const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port: env.port });
const handle = app.getRequestHandler();
await app.prepare();
console.log(`Next.js ready ${elapsed()} after the server process started.`);

const upstream: RequestHandler = (req, res) => {
  preventRepeatedHeaderValues(res);
  return handle(req, res);
};
let handler = upstream;
let stopFeed = () => {};
const distDir = path.resolve(".next");
const cache = env.pageCacheBytes > 0 ? new PageCache(new PageStore(env.pageCacheBytes), { maxAgeMs: env.pageCacheMaxAgeMs }) : null;
if (cache) handler = cache.handler(upstream);
if (cache || env.varnishUrls.length > 0) {
  const lastLogged = new Map<string, number>();
  // Logged at most once a minute per kind: the database or a Varnish may be restarting.
  const logThrottled = (kind: string, error: unknown) => {
    if (Date.now() - (lastLogged.get(kind) ?? 0) < 60_000) return;
    lastLogged.set(kind, Date.now());
    console.error(`${kind}: ${error instanceof Error ? error.message : error}`);
  };
  const feed = await watchPageChanges(
    getPrisma(),
    (paths) => {
      // This process forgets first, then Varnish: a page Varnish fetches again after the ban
      // can no longer come from this process's stale copy.
      cache?.forgetChanged(paths);
      if (env.varnishUrls.length > 0) banPages(env.varnishUrls, paths).catch((error: unknown) => logThrottled("Varnish", error));
    },
    { onError: (error) => logThrottled("Page cache: could not read changes from the database", error) },
  );
  const stopWatchingBuild = cache
    ? watchBuild(distDir, () => {
        const forgotten = cache.forgetAll();
        console.warn(`A new build replaced the one this server runs (.next/BUILD_ID changed): forgot ${forgotten} cached pages. Restart the server to serve the new build.`);
      })
    : () => {};
  stopFeed = () => {
    feed.stop();
    stopWatchingBuild();
  };
}

// Background work starts once the search index is in memory: a bulk export or an alert run
// beside the index's import would slow the first search by their whole duration.
const timers: Array<{ stop: () => void }> = [];
let isStopping = false;
void indexLoaded.then(() => {
  if (isStopping) return;
  timers.push(startAlertTimer(getPrisma()));
  timers.push(
    startBulkExportTimer(getPrisma(), {
      dir: exportDir(env.dataDir),
      siteUrl: env.siteUrl,
      onError: (error) => console.error(`Datafilerne kunne ikke skrives: ${error instanceof Error ? error.message : String(error)}`),
    }),
  );
  // Deltas piling up on the search index are merged into a new version by a child process.
  timers.push(startSearchMergeTimer({ dir: searchIndexDir(env.dataDir), thresholds: env.searchMerge }));
});

// The subscription rate limits need the client's address; any incoming value is replaced.
const server = createWebServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = clientIpOf(req.socket.remoteAddress, req.headers["x-forwarded-for"]) ?? "";
  return handler(req, res);
}, securityHeadersFor(env.siteUrl));
server.listen(env.port, () => {
  const cacheNote = env.pageCacheBytes > 0 ? `page cache ${env.pageCacheBytes / 1024 / 1024} MB` : "page cache off";
  console.log(`Serving on http://localhost:${env.port} ${elapsed()} after the server process started (${cacheNote}${env.varnishUrls.length > 0 ? `, bans to ${env.varnishUrls.join(", ")}` : ""}).`);
});

function shutdown() {
  isStopping = true;
  stopFeed();
  searchIndex.stop();
  for (const timer of timers) timer.stop();
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
