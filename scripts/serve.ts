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
import { searchIndexDir } from "@/lib/search/index-dir";
import { banPages } from "@/lib/varnish/ban-pages";
import { preventRepeatedHeaderValues } from "@/lib/web-server/no-repeated-header-values";
import { createWebServer } from "@/lib/web-server/web-server";
import { startSearchMergeTimer } from "./lib/search-merge-timer";

const env = getEnv();
const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port: env.port });
const handle = app.getRequestHandler();
await app.prepare();

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

const alertTimer = startAlertTimer(getPrisma());
const exportTimer = startBulkExportTimer(getPrisma(), {
  dir: exportDir(env.dataDir),
  siteUrl: env.siteUrl,
  onError: (error) => console.error(`Datafilerne kunne ikke skrives: ${error instanceof Error ? error.message : String(error)}`),
});
// Deltas piling up on the search index are merged into a new version by a child process.
const mergeTimer = startSearchMergeTimer({ dir: searchIndexDir(env.dataDir), thresholds: env.searchMerge });

// The subscription rate limits need the client's address; any incoming value is replaced.
const server = createWebServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = clientIpOf(req.socket.remoteAddress, req.headers["x-forwarded-for"]) ?? "";
  return handler(req, res);
}, securityHeadersFor(env.siteUrl));
server.listen(env.port, () => {
  const cacheNote = env.pageCacheBytes > 0 ? `page cache ${env.pageCacheBytes / 1024 / 1024} MB` : "page cache off";
  console.log(`Serving on http://localhost:${env.port} (${cacheNote}${env.varnishUrls.length > 0 ? `, bans to ${env.varnishUrls.join(", ")}` : ""}).`);
});

function shutdown() {
  stopFeed();
  alertTimer.stop();
  exportTimer.stop();
  mergeTimer.stop();
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
