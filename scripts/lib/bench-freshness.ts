import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generateCorpus } from "@/lib/corpus/generate-corpus";
import { parseMinutes } from "@/lib/minutes";
import { localBin } from "./run-command";

/** What the freshness measurement saw, in milliseconds. */
export interface FreshnessResult {
  /** From `npm start`'s launch to the first answered search (includes a production build when one was due). */
  coldStartMs: number;
  /** True when the start included a production build (`next build`). */
  didBuild: boolean;
  /** Resident memory of the server's processes once it answered (KB summed over the process group). */
  serverRssKb: number;
  /** From the ingest command's launch to the line saying the document was stored (its transaction committed). */
  ingestCommitMs: number;
  /** From that commit until `/api/search` finds the document's unique word. */
  searchableAfterCommitMs: number;
  /** From that commit until the ingest command exited (it rebuilds the index before exiting). */
  ingestExitAfterCommitMs: number;
}

const POLL_MS = 200;

/**
 * Starts the portal (`scripts/start.ts`) on `port` against `databaseUrl` with a data folder of
 * its own (`dataDir`, left in place, when the caller exported an index into its `search` folder;
 * otherwise a fresh one, and the start builds the index), ingests one generated meeting carrying a unique word with `scripts/ingest.ts` — the
 * command an operator runs — and polls `/api/search` until the word is found. The server and
 * the ingest see the database exactly as the product does.
 */
export async function measureFreshness(options: {
  databaseUrl: string;
  dataDir?: string;
  port: number;
  seed: number;
  timeoutMs: number;
  log: (message: string) => void;
}): Promise<FreshnessResult> {
  const { port, log } = options;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "referatportalen-bench-fresh-")));
  const env = { ...process.env, DATABASE_URL: options.databaseUrl, PORT: String(port), REFERATPORTALEN_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
  const base = `http://127.0.0.1:${port}`;
  const launched = performance.now();
  // Every line the server and the ingest print, stamped with the seconds since the server's launch: the phases of both paths.
  const stamped = (source: string, text: string) => {
    const at = `${((performance.now() - launched) / 1000).toFixed(2)} s`.padStart(9);
    for (const line of text.trimEnd().split("\n")) log(`  ${at} [${source}] ${line}`);
  };
  const server = spawn(localBin("tsx"), ["scripts/start.ts"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let didBuild = false;
  server.stdout?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    if (text.includes("Building the portal")) didBuild = true;
    stamped("server", text);
  });
  server.stderr?.on("data", (chunk: Buffer) => stamped("server", chunk.toString()));
  // The server runs in a session of its own, out of reach of a terminal's Ctrl-C: a benchmark
  // that exits on a signal (bench-search.ts) stops it here, as the `finally` below would.
  const stopServer = () => stopGroup(server);
  process.on("exit", stopServer);
  try {
    await pollUntil(() => searchTotal(base, "kommune").then((total) => total !== null), options.timeoutMs, server);
    const coldStartMs = performance.now() - launched;
    stamped("bench", "first /api/search answered");
    const serverRssKb = groupRssKb(server.pid ?? 0);

    const word = `friskhed${randomBytes(4).toString("hex")}`;
    const file = path.join(dataDir, `friskhed-${word}.txt`);
    await writeFile(file, meetingWithWord(word, options.seed));
    let committedAt: number | null = null;
    const started = performance.now();
    stamped("bench", "ingest started");
    const ingest = spawn(localBin("tsx"), ["scripts/ingest.ts", file], { env, stdio: ["ignore", "pipe", "pipe"] });
    ingest.stdout?.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (committedAt === null && text.includes(path.basename(file))) committedAt = performance.now();
      stamped("ingest", text);
    });
    ingest.stderr?.on("data", (chunk: Buffer) => stamped("ingest", chunk.toString()));
    let exitedAt: number | null = null;
    ingest.on("exit", () => (exitedAt = performance.now()));
    await pollUntil(async () => committedAt !== null, options.timeoutMs, ingest);
    await pollUntil(() => searchTotal(base, word).then((total) => (total ?? 0) > 0), options.timeoutMs, server);
    const foundAt = performance.now();
    stamped("bench", `/api/search found ${word}`);
    await pollUntil(async () => exitedAt !== null, options.timeoutMs, null);
    const commit = committedAt ?? started;
    return {
      coldStartMs,
      didBuild,
      serverRssKb,
      ingestCommitMs: commit - started,
      searchableAfterCommitMs: foundAt - commit,
      ingestExitAfterCommitMs: (exitedAt ?? foundAt) - commit,
    };
  } finally {
    process.off("exit", stopServer);
    if (server.pid !== undefined && server.exitCode === null) {
      stopGroup(server);
      await new Promise((resolve) => {
        server.once("exit", resolve);
        setTimeout(resolve, 10_000);
      });
    }
    if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
  }
}

/** Sends SIGTERM to the process group of `child` (started detached) unless it has ended. */
function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

/** A generated meeting whose every open item's texts carry `word` (added to each sentence end). */
function meetingWithWord(word: string, seed: number): string {
  const [document] = generateCorpus({ meetings: 1, seed: seed + 1 });
  if (document === undefined) throw new Error("The corpus generator gave no meeting");
  const text = document.text.replaceAll(". ", ` ${word}. `);
  const parsed = parseMinutes(text);
  if (!parsed.ok || parsed.meeting.items.every((item) => item.closed)) throw new Error(`The freshness meeting does not parse with an open item: ${document.fileName}`);
  return text;
}

/** The total of `/api/search?q=`; null when the server does not answer (yet). */
async function searchTotal(base: string, q: string): Promise<number | null> {
  try {
    const response = await fetch(`${base}/api/search?q=${encodeURIComponent(q)}`);
    if (!response.ok) {
      await response.body?.cancel();
      return null;
    }
    const body = (await response.json()) as { total?: unknown };
    return typeof body.total === "number" ? body.total : null;
  } catch {
    return null;
  }
}

async function pollUntil(done: () => Promise<boolean>, timeoutMs: number, watched: ChildProcess | null): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (watched !== null && watched.exitCode !== null) throw new Error(`${watched.spawnfile} ended (exit code ${watched.exitCode}) before the measurement was done`);
    if (performance.now() > deadline) throw new Error(`No answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Resident set size summed over session `sid` (a detached child and everything it started), in KB. */
function groupRssKb(sid: number): number {
  const result = spawnSync("ps", ["-o", "rss=", "-s", String(sid)], { encoding: "utf8" });
  return result.stdout
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter((kb) => Number.isFinite(kb))
    .reduce((sum, kb) => sum + kb, 0);
}
