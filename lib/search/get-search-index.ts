import path from "node:path";
import { applyIndexDelta } from "./index-delta";
import { importSearchIndex, readIndexDeltas, readSearchIndexManifest } from "./index-store";
import type { SearchIndex } from "./search-index";

/**
 * How often a loaded index checks the manifest for new deltas or a newer version: a document
 * is searchable this long after its ingest wrote the delta (the target is five seconds).
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
}

// One state per index directory and process, kept on globalThis so Next.js dev reloads of this
// module do not load a second copy.
const globalStore = globalThis as typeof globalThis & { __referatSearchIndexes?: Map<string, LoaderState> };
const states = (globalStore.__referatSearchIndexes ??= new Map<string, LoaderState>());

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
  let state = states.get(key);
  if (state === undefined) {
    state = { current: null, loading: null, reloading: null, replacing: null, lastCheckMs: 0 };
    states.set(key, state);
  }
  if (state.current === null) {
    const loaded = state;
    loaded.loading ??= importSearchIndex(key).finally(() => {
      loaded.loading = null;
    });
    loaded.current = await loaded.loading;
    loaded.lastCheckMs = now();
    return loaded.current;
  }
  if (state.reloading === null && now() - state.lastCheckMs >= MANIFEST_CHECK_INTERVAL_MS) {
    state.lastCheckMs = now();
    const checking = state;
    checking.reloading = reloadIfChanged(key, checking).finally(() => {
      checking.reloading = null;
    });
  }
  await state.reloading;
  return state.current ?? getSearchIndex(dir, now);
}

/** Waits for a background reload of `dir`, if one is running (for tests and shutdown). */
export async function settleSearchIndexReload(dir: string): Promise<void> {
  const state = states.get(path.resolve(dir));
  await state?.reloading;
  await state?.replacing;
}

/** Forgets the loaded index of `dir` (tests). */
export function forgetSearchIndex(dir: string): void {
  states.delete(path.resolve(dir));
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
    const deltas = await readIndexDeltas(dir, manifest, manifest.deltas.slice(current.appliedDeltas));
    // Applied together, synchronously: no search sees a version with only some of them.
    if (state.current === current) for (const delta of deltas) applyIndexDelta(current, delta);
  } catch (error) {
    console.error(`Search index update from ${dir} failed; keeping version ${current?.version} with ${current?.appliedDeltas} deltas`, error);
  }
}

async function replaceVersion(dir: string, state: LoaderState): Promise<void> {
  try {
    state.current = await importSearchIndex(dir);
  } catch (error) {
    console.error(`Search index reload from ${dir} failed; keeping version ${state.current?.version}`, error);
  }
}
