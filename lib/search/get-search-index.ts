import { watch, type FSWatcher } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { applyIndexDelta } from "./index-delta";
import { importSearchIndex, MANIFEST_FILE, readIndexDeltas, readSearchIndexManifest, SearchIndexNotFoundError } from "./index-store";
import type { SearchIndex } from "./search-index";

/**
 * How often a loaded index checks the manifest for new deltas or a newer version when a search
 * asks for it. A server that follows the index ({@link followSearchIndex}) learns of a new
 * manifest from a file watch at once; this check is the fallback where no watch is possible.
 */
export const MANIFEST_CHECK_INTERVAL_MS = 1_000;

interface LoaderState {
  current: SearchIndex | null;
  /** The first load, shared by concurrent callers. */
  loading: Promise<SearchIndex> | null;
  /** A manifest check, with its deltas applied or a new version loading in the background. */
  reloading: Promise<void> | null;
  /** A new version loading beside the current one. */
  replacing: Promise<void> | null;
  lastCheckMs: number;
  /** The manifest was replaced while a check ran: check once more when it ends. */
  isCheckPending: boolean;
  /** The watch on the index directory of {@link followSearchIndex}; null when not followed. */
  watcher: FSWatcher | null;
  /** Where a followed index reports applied deltas and loaded versions. */
  log: ((message: string) => void) | null;
}

// One state per index directory and process, kept on globalThis so Next.js dev reloads of this
// module do not load a second copy, and the web server (scripts/serve.ts, run by tsx) and the
// routes Next.js bundled share one index.
const globalStore = globalThis as typeof globalThis & { __referatSearchIndexes?: Map<string, LoaderState> };
const states = (globalStore.__referatSearchIndexes ??= new Map<string, LoaderState>());

function stateOf(key: string): LoaderState {
  let state = states.get(key);
  if (state === undefined) {
    state = { current: null, loading: null, reloading: null, replacing: null, lastCheckMs: 0, isCheckPending: false, watcher: null, log: null };
    states.set(key, state);
  }
  return state;
}

/**
 * The exported index in `dir`, loaded once per process. While running, at most every
 * {@link MANIFEST_CHECK_INTERVAL_MS} a call checks `current.json`: new deltas of the loaded version
 * are applied to it in place before the call returns (milliseconds); a new version loads in the
 * background and later calls get it (this call still gets the old one). A failed reload keeps
 * the old index. Never builds from the database; rejects with SearchIndexNotFoundError when
 * nothing was exported yet.
 */
export async function getSearchIndex(dir: string, now: () => number = Date.now): Promise<SearchIndex> {
  const key = path.resolve(dir);
  const state = stateOf(key);
  if (state.current === null) {
    const loaded = state;
    loaded.loading ??= importSearchIndex(key).finally(() => {
      loaded.loading = null;
    });
    try {
      loaded.current = await loaded.loading;
    } catch (error) {
      // The load may have been started by another copy of this module (the server's, beside the
      // routes' bundle): callers test for this module's error class.
      if (error instanceof Error && error.name === "SearchIndexNotFoundError" && !(error instanceof SearchIndexNotFoundError)) {
        const ours = new SearchIndexNotFoundError(key, "");
        ours.message = error.message;
        throw ours;
      }
      throw error;
    }
    loaded.lastCheckMs = now();
    return loaded.current;
  }
  if (state.reloading === null && now() - state.lastCheckMs >= MANIFEST_CHECK_INTERVAL_MS) {
    state.lastCheckMs = now();
    checkManifest(key, state);
  }
  await state.reloading;
  return state.current ?? getSearchIndex(dir, now);
}

/**
 * Loads the index in `dir` now (not at the first search) and follows it: a file watch on the
 * directory sees every replaced manifest (`current.json`, written by each delta and each new
 * version), and its deltas are applied, or its new version loaded, at once instead of at the
 * first search after the next {@link MANIFEST_CHECK_INTERVAL_MS} — so a newly ingested document is
 * searchable milliseconds after its delta is written. For the web server (scripts/serve.ts);
 * `loaded` settles when the first load did (null when it failed or nothing was exported yet:
 * the watch then loads the first version exported).
 */
export function followSearchIndex(dir: string, log: (message: string) => void = console.log): { loaded: Promise<SearchIndex | null>; stop: () => void } {
  const key = path.resolve(dir);
  const state = stateOf(key);
  state.log = log;
  const load = () =>
    getSearchIndex(key).catch((error: unknown) => {
      if (!(error instanceof SearchIndexNotFoundError)) log(`Search index in ${key} could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
  const loaded = (async () => {
    state.watcher?.close();
    try {
      await mkdir(key, { recursive: true });
      // Not persistent: the watch alone never keeps a process alive.
      state.watcher = watch(key, { persistent: false }, (_event, file) => {
        if (file !== MANIFEST_FILE) return;
        // During the first load: a delta written after the load read the manifest is applied once it is in.
        if (state.current === null) void load().then((index) => index && checkManifest(key, state));
        else checkManifest(key, state);
      });
      state.watcher.on("error", (error) => {
        log(`Search index in ${key}: the file watch failed (${error.message}); new deltas are picked up at the next search instead`);
        state.watcher?.close();
        state.watcher = null;
      });
    } catch (error) {
      log(`Search index in ${key}: no file watch (${error instanceof Error ? error.message : String(error)}); new deltas are picked up at the next search instead`);
    }
    return load();
  })();
  return {
    loaded,
    stop: () => {
      state.watcher?.close();
      state.watcher = null;
      state.log = null;
    },
  };
}

/** Waits for a background reload of `dir`, if one is running (for tests and shutdown). */
export async function settleSearchIndexReload(dir: string): Promise<void> {
  const state = states.get(path.resolve(dir));
  while (state?.reloading) await state.reloading;
  await state?.replacing;
}

/** Forgets the loaded index of `dir` and stops following it (tests). */
export function forgetSearchIndex(dir: string): void {
  const key = path.resolve(dir);
  states.get(key)?.watcher?.close();
  states.delete(key);
}

/** Starts a manifest check unless one is running; then marks one to follow it (the manifest it read may be older). */
function checkManifest(dir: string, state: LoaderState): void {
  if (state.reloading !== null) {
    state.isCheckPending = true;
    return;
  }
  state.isCheckPending = false;
  state.reloading = reloadIfChanged(dir, state).finally(() => {
    state.reloading = null;
    if (state.isCheckPending && states.get(dir) === state) checkManifest(dir, state);
  });
}

async function reloadIfChanged(dir: string, state: LoaderState): Promise<void> {
  const current = state.current;
  try {
    const manifest = await readSearchIndexManifest(dir);
    if (current === null) return;
    if (manifest.version !== current.version) {
      state.replacing ??= replaceVersion(dir, state).finally(() => {
        state.replacing = null;
      });
      return;
    }
    if (manifest.deltas.length <= current.appliedDeltas) return;
    const entries = manifest.deltas.slice(current.appliedDeltas);
    const deltas = await readIndexDeltas(dir, manifest, entries);
    if (state.current !== current) return;
    const started = performance.now();
    // Applied together, synchronously: no search sees a version with only some of them.
    for (const delta of deltas) applyIndexDelta(current, delta);
    const newest = deltas[deltas.length - 1];
    state.log?.(
      `Search index ${current.version}: applied ${deltas.length} delta(s), ${entries.reduce((sum, entry) => sum + entry.items, 0)} item(s), in ${(performance.now() - started).toFixed(0)} ms` +
        (newest === undefined ? "" : `, ${Date.now() - newest.basis.readAtMs} ms after the newest read the database`),
    );
  } catch (error) {
    console.error(`Search index update from ${dir} failed; keeping version ${current?.version} with ${current?.appliedDeltas} deltas`, error);
  }
}

async function replaceVersion(dir: string, state: LoaderState): Promise<void> {
  try {
    const started = performance.now();
    state.current = await importSearchIndex(dir);
    state.log?.(`Search index ${state.current.version} loaded in ${((performance.now() - started) / 1000).toFixed(1)} s (${state.current.size} items, ${state.current.appliedDeltas} deltas)`);
  } catch (error) {
    console.error(`Search index reload from ${dir} failed; keeping version ${state.current?.version}`, error);
  }
}
