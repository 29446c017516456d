import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import type { SearchMergeEnv } from "@/lib/config/env";
import { formatMegabytes, isMergeDue, readDeltaBacklog } from "./compact-search-index";

/** How often the web server looks at the deltas piled up on the index. */
export const MERGE_CHECK_INTERVAL_MS = 30_000;

export interface SearchMergeTimerOptions {
  dir: string;
  thresholds: SearchMergeEnv;
  /** Runs the merge; by default `npm run index -- --if-due` in a child process ({@link mergeInChildProcess}). */
  merge?: () => Promise<void>;
  intervalMs?: number;
  log?: (message: string) => void;
}

/** A running merge timer. */
export interface SearchMergeTimer {
  stop(): void;
  /** The merge running now, if any (tests and shutdown). */
  running(): Promise<void> | null;
}

/**
 * Checks the index in `dir` at start and every `intervalMs`: when its deltas passed the
 * thresholds (compact-search-index.ts), merges them in the background, one merge at a time.
 * The merge runs in a child process at low priority: a full build is minutes of synchronous
 * work and its heap, which must not stall or bloat the web process; searches keep using the
 * loaded version until the new one is exported, then load it (lib/search/get-search-index.ts).
 */
export function startSearchMergeTimer(options: SearchMergeTimerOptions): SearchMergeTimer {
  const log = options.log ?? console.log;
  const merge = options.merge ?? (() => mergeInChildProcess());
  let current: Promise<void> | null = null;
  let isStopped = false;
  const check = async () => {
    if (current !== null || isStopped) return;
    const backlog = await readDeltaBacklog(options.dir);
    if (backlog === null || !isMergeDue(backlog, options.thresholds) || current !== null || isStopped) return;
    log(`Search index ${backlog.version}: ${backlog.deltas} delta(s), ${formatMegabytes(backlog.bytes)}; merging them into a new version in the background …`);
    current = merge()
      .catch((error: unknown) => log(`Search index: the background merge failed (${error instanceof Error ? error.message : String(error)}); the deltas stay and are applied as before`))
      .finally(() => {
        current = null;
      });
  };
  const run = () => {
    check().catch((error: unknown) => log(`Search index: could not read its deltas (${error instanceof Error ? error.message : String(error)})`));
  };
  const timer = setInterval(run, options.intervalMs ?? MERGE_CHECK_INTERVAL_MS);
  timer.unref();
  run();
  return {
    stop() {
      isStopped = true;
      clearInterval(timer);
    },
    running: () => current,
  };
}

/**
 * Runs `scripts/build-search-index.ts --if-due` in a child process of low priority, with this
 * process's environment (DATABASE_URL, REFERATPORTALEN_DATA_DIR, the thresholds) unless `env`
 * says otherwise; its output goes to this process's.
 */
export function mergeInChildProcess(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/build-search-index.ts", "--if-due"], { stdio: ["ignore", "inherit", "inherit"], env });
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // Not permitted here: the merge runs at normal priority.
      }
    }
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`scripts/build-search-index.ts --if-due exited with ${signal ?? code}`))));
  });
}
