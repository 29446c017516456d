/**
 * npm run bench:shared-index [-- --items 100000 --dir <indexDir> --reps 200 --port 3282]
 * What one index costs per web process, and what sharing it through a search worker costs per
 * query (README, "Several web processes"). Builds and exports an index of `--items` synthetic
 * items (lib/search/synthetic-documents.ts) into `--dir` unless one is there, then starts
 * processes that load it (scripts/lib/index-holder.ts): one alone, then two at once (each holds
 * its own copy, as two web processes do today), and reports their RSS beside that of a process
 * without the index. Then one holder serves the queries over HTTP on 127.0.0.1 and a client
 * times them: the difference to the holder's own in-process timing is the worker's per-query
 * overhead (a loopback round trip and the JSON of a page of hits). With `--postgres`, also times
 * point lookups in a PostgreSQL table of terms (the database of the portal, embedded unless
 * DATABASE_URL): the unit cost of an index kept in PostgreSQL (flexsearch/db/postgres), which looks
 * terms up in the database rather than in memory. `--skip-holders` leaves out the processes,
 * `--skip-copies` the one-and-two-copies part.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { request, Agent } from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildSearchIndex } from "@/lib/search/build-index";
import { exportSearchIndex, MANIFEST_FILE } from "@/lib/search/index-store";
import { generateSearchDocuments } from "@/lib/search/synthetic-documents";
import { openBenchDatabase } from "./lib/bench-database";
import { SHARED_INDEX_QUERIES } from "./lib/shared-index-queries";

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "100000" },
    dir: { type: "string" },
    reps: { type: "string", default: "200" },
    port: { type: "string", default: "3282" },
    postgres: { type: "boolean", default: false },
    "skip-holders": { type: "boolean", default: false },
    "skip-copies": { type: "boolean", default: false },
  },
});
const items = Number(values.items);
const reps = Number(values.reps);
const port = Number(values.port);
if (![items, reps, port].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("Usage: npm run bench:shared-index -- [--items N] [--dir DIR] [--reps N] [--port N]");
  process.exit(2);
}
const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

interface HolderReport {
  items: number;
  loadMs: number;
  rssBytes: number;
  heapBytes: number;
  externalBytes: number;
  p50Ms: number;
  p95Ms: number;
}

const dir = values.dir ?? (await mkdtemp(path.join(os.tmpdir(), "referatportalen-shared-index-")));
if (!values["skip-holders"] && !existsSync(path.join(dir, MANIFEST_FILE))) {
  const started = performance.now();
  const index = buildSearchIndex(generateSearchDocuments(items, 20240319));
  await exportSearchIndex(index, dir);
  console.log(`Indeks: ${items} syntetiske punkter bygget og eksporteret til ${dir} på ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Starts a holder; resolves with its report line and the child (still running when serving). */
function startHolder(args: string[]): Promise<{ report: HolderReport; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "scripts/lib/index-holder.ts", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const line = output.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line !== undefined && output.includes("\n")) resolve({ report: JSON.parse(line) as HolderReport, stop: () => child.kill("SIGTERM") });
    });
    child.on("exit", (code) => {
      if (!output.includes("\n")) reject(new Error(`index-holder exited with ${code}`));
    });
  });
}

/** RSS of a process that loads the same modules but no index: the baseline of a process. */
function baselineRss(): Promise<number> {
  return new Promise((resolve, reject) => {
    const code = `await import("@/lib/search/query"); await import("@/lib/search/index-store"); globalThis.gc?.(); console.log(process.memoryUsage().rss)`;
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("exit", (exitCode) => (exitCode === 0 ? resolve(Number(output.trim())) : reject(new Error(`baseline exited with ${exitCode}`))));
  });
}

if (values.postgres) await timePostgresLookups();
if (values["skip-holders"]) process.exit(0);

/** p50/p95 of one indexed lookup by term in a table of 500,000 terms, over a kept-open connection. */
async function timePostgresLookups(): Promise<void> {
  const db = await openBenchDatabase(`bench_shared_index_${randomBytes(4).toString("hex")}`, () => {});
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query("CREATE TABLE term_map (term text PRIMARY KEY, ids integer[] NOT NULL)");
    await client.query("INSERT INTO term_map SELECT 'term' || n, ARRAY[n, n + 1, n + 2] FROM generate_series(1, 500000) AS n");
    await client.query("ANALYZE term_map");
    const timings: number[] = [];
    for (let i = 0; i < 2_100; i++) {
      const at = performance.now();
      await client.query({ name: "lookup", text: "SELECT ids FROM term_map WHERE term = $1", values: [`term${1 + ((i * 7919) % 500000)}`] });
      if (i >= 100) timings.push(performance.now() - at);
    }
    timings.sort((a, b) => a - b);
    console.log(
      `PostgreSQL, ét opslag af ét ord (${db.source === "embedded" ? "indlejret" : "DATABASE_URL"}, 500.000 ord): p50 ${(timings[1000] ?? 0).toFixed(3)} ms, p95 ${(timings[1900] ?? 0).toFixed(3)} ms`,
    );
  } finally {
    await client.end();
    await db.drop();
    await db.close();
  }
}

if (!values["skip-copies"]) await measureCopies();

/** RSS of one process holding the index, and of two at once. */
async function measureCopies(): Promise<void> {
  const baseline = await baselineRss();
  const alone = (await startHolder([dir])).report;
  const pair = await Promise.all([startHolder([dir]), startHolder([dir])]);
  const [first, second] = pair.map((holder) => holder.report);
  if (first === undefined || second === undefined) throw new Error("a holder did not report");
  console.log(
    [
      "",
      `Proces uden indeks (samme moduler):  RSS ${mb(baseline)}`,
      `Én proces med indekset (${alone.items} punkter): RSS ${mb(alone.rssBytes)}, heap ${mb(alone.heapBytes)}, uden for heap ${mb(alone.externalBytes)}, indlæst på ${(alone.loadMs / 1000).toFixed(1)} s`,
      `To processer, hver sin kopi:          RSS ${mb(first.rssBytes)} + ${mb(second.rssBytes)} = ${mb(first.rssBytes + second.rssBytes)}`,
      `Søgning i processen selv:             p50 ${alone.p50Ms.toFixed(2)} ms, p95 ${alone.p95Ms.toFixed(2)} ms`,
    ].join("\n"),
  );
}

const worker = await startHolder([dir, String(port)]);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
/** Asks the worker; resolves with the answer's length and the worker's own search time. */
const ask = (body: string) =>
  new Promise<{ length: number; searchMs: number }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/search", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      let length = 0;
      res.on("data", (chunk: Buffer) => (length += chunk.length));
      res.on("end", () => resolve({ length, searchMs: Number(res.headers["x-search-ms"]) }));
    });
    req.on("error", reject);
    req.end(body);
  });
try {
  const timings: number[] = [];
  const overheads: number[] = [];
  let bytes = 0;
  for (let rep = 0; rep < reps + 5; rep++) {
    for (const params of SHARED_INDEX_QUERIES) {
      const at = performance.now();
      const answer = await ask(JSON.stringify(params));
      const elapsed = performance.now() - at;
      if (rep >= 5) {
        timings.push(elapsed);
        overheads.push(elapsed - answer.searchMs);
        bytes += answer.length;
      }
    }
  }
  const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * q)] ?? 0;
  console.log(
    [
      `Søgning via søgeproces (HTTP, 127.0.0.1): p50 ${p(timings, 0.5).toFixed(2)} ms, p95 ${p(timings, 0.95).toFixed(2)} ms, ${(bytes / timings.length / 1024).toFixed(1)} KB svar i snit`,
      `Merpris pr. forespørgsel (svartid minus søgeprocessens egen søgetid): p50 ${p(overheads, 0.5).toFixed(2)} ms, p95 ${p(overheads, 0.95).toFixed(2)} ms`,
    ].join("\n"),
  );
} finally {
  agent.destroy();
  worker.stop();
}
