/**
 * npm run bench:pages [-- --meetings 2000 --duration 20 --connections 50 --server portal|next]
 * Generates and ingests a synthetic corpus into its own embedded database (.data/bench),
 * builds the portal if stale, serves it the way `npm start` does (scripts/serve.ts: Next.js
 * behind the page cache) or, with `--server next`, with plain `next start` for comparison,
 * and measures item, meeting and committee pages with autocannon: requests/s and p50/p99
 * latency per page type. Warm-up and measurement send the same headers (scripts/lib/page-requests.ts),
 * and the bench prints how many pages the page cache served on a second visit.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrisma } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import { committeePath, itemPath, meetingPath } from "@/lib/data/paths";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { reasonToBuild } from "./lib/build-freshness";
import { BENCH_HEADERS, measure, warmUp } from "./lib/page-requests";
import { localBin } from "./lib/run-command";
import { runNextBuild } from "./lib/next-build";

const { values } = parseArgs({
  options: {
    meetings: { type: "string", default: "2000" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "50" },
    port: { type: "string", default: "3200" },
    server: { type: "string", default: "portal" },
  },
});
if (values.server !== "portal" && values.server !== "next") throw new Error(`--server must be "portal" or "next", got "${values.server}"`);
const meetings = Number(values.meetings);
const port = Number(values.port);
process.env.REFERATPORTALEN_DATA_DIR = path.resolve(".data/bench");

const db = await ensureDatabase(console.log);
await applyMigrations(db.url);
const prisma = createPrisma(db.url);
const corpusDir = path.resolve(`.data/bench/corpus-${meetings}`);
if ((await prisma.meeting.count()) < meetings) {
  if (!existsSync(corpusDir)) {
    mkdirSync(corpusDir, { recursive: true });
    console.log(`Generating ${meetings} meetings …`);
    const generated = spawnSync(localBin("tsx"), ["scripts/generate-corpus.ts", "--meetings", String(meetings), "--seed", "42", "--out", corpusDir], { stdio: "inherit" });
    if (generated.status !== 0) throw new Error("corpus generation failed");
  }
  console.log("Ingesting the corpus …");
  const summary = await ingestFiles(prisma, [corpusDir]);
  console.log(`Ingested ${summary.ok + summary.updated} documents (${summary.failed} failed) in ${(summary.durationMs / 1000).toFixed(1)} s.`);
}

const env = { ...process.env, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) };
const reason = reasonToBuild();
if (reason) {
  console.log(`Building (${reason}) …`);
  await runNextBuild(env);
}

// Up to 300 distinct URLs per page type, spread over the corpus.
const rows = await prisma.meeting.findMany({
  select: { urlKey: true, committee: { select: { slug: true, municipality: { select: { slug: true } } } }, items: { select: { number: true }, take: 3 } },
  orderBy: { id: "asc" },
});
const step = Math.max(1, Math.floor(rows.length / 300));
const sample = rows.filter((_, i) => i % step === 0).slice(0, 300);
const urls = {
  "agenda item": sample.flatMap((m) => m.items.slice(0, 1).map((i) => itemPath(m.committee.municipality.slug, m.committee.slug, m.urlKey, i.number))),
  meeting: sample.map((m) => meetingPath(m.committee.municipality.slug, m.committee.slug, m.urlKey)),
  committee: [...new Set(sample.map((m) => committeePath(m.committee.municipality.slug, m.committee.slug)))],
};
await prisma.$disconnect();

const server =
  values.server === "next"
    ? spawn(localBin("next"), ["start", "-p", String(port)], { env, stdio: "ignore" })
    : spawn(localBin("tsx"), ["scripts/serve.ts"], { env: { ...env, NODE_ENV: "production" }, stdio: "ignore" });
const origin = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i += 1) {
    if ((await fetch(origin).then((r) => r.ok).catch(() => false)) === true) break;
    if (i > 120) throw new Error(`the ${values.server} server did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
  // First renders fill the page cache; the benchmark measures what visitors get afterwards. The
  // warm-up sends the measurement's headers (BENCH_HEADERS), or it would fill other cache entries.
  const warmStart = performance.now();
  const allUrls = Object.values(urls).flat();
  const { ok: warmed } = await warmUp(origin, allUrls);
  const warmMs = performance.now() - warmStart;
  console.log(`First visits: ${warmed} pages in ${(warmMs / 1000).toFixed(1)} s (${(warmMs / warmed).toFixed(1)} ms per page, one at a time).`);
  const { cache } = await warmUp(origin, allUrls);
  const hits = cache.filter((value) => value === "HIT").length;
  console.log(`Second visits (Accept-Encoding: ${BENCH_HEADERS["accept-encoding"]}): ${hits} of ${allUrls.length} served from the page cache.`);

  const results: Array<Record<string, string | number>> = [];
  for (const [type, list] of Object.entries(urls)) {
    console.log(`Measuring ${type} pages (${list.length} URLs, ${values.duration} s, ${values.connections} connections) …`);
    const result = await measure(origin, list, { connections: Number(values.connections), duration: Number(values.duration) });
    results.push({
      page: type,
      "req/s": Math.round(result.requests.average),
      "p50 ms": result.latency.p50,
      "p99 ms": result.latency.p99,
      errors: result.errors + result.non2xx,
    });
  }
  const serverName = values.server === "next" ? "next start" : "npm start's server (Next.js behind the page cache)";
  console.log(`\nPages benchmark: ${serverName}, ${meetings} meetings, ${values.connections} connections, ${values.duration} s per page type`);
  console.table(results);
  const item = results.find((r) => r.page === "agenda item");
  console.log(`Target: agenda item p99 < 100 ms → ${Number(item?.["p99 ms"]) < 100 ? "met" : "NOT met"}`);
} finally {
  server.kill("SIGTERM");
  await db.close();
}
process.exit(0);
