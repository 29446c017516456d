import path from "node:path";
import { importSearchIndex, readSearchIndexManifest } from "./index-store";
import type { SearchIndex } from "./search-index";

/** How often a loaded index checks the manifest for a newer version. */
export const MANIFEST_CHECK_INTERVAL_MS = 5_000;

interface LoaderState {
  current: SearchIndex | null;
  /** The first load, shared by concurrent callers. */
  loading: Promise<SearchIndex> | null;
  /** A background reload after a manifest change. */
  reloading: Promise<void> | null;
  lastCheckMs: number;
}

// One state per index directory and process, kept on globalThis so Next.js dev reloads of this
// module do not load a second copy.
const globalStore = globalThis as typeof globalThis & { __referatSearchIndexes?: Map<string, LoaderState> };
const states = (globalStore.__referatSearchIndexes ??= new Map<string, LoaderState>());

/**
 * The exported index in `dir`, loaded once per process. While running, at most every
 * {@link MANIFEST_CHECK_INTERVAL_MS} a call checks `current.json`; when it names a new version the
 * new index loads in the background and later calls get it (this call still gets the old one).
 * A failed reload keeps the old index. Never builds from the database; rejects with
 * SearchIndexNotFoundError when nothing was exported yet.
 */
export async function getSearchIndex(dir: string, now: () => number = Date.now): Promise<SearchIndex> {
  const key = path.resolve(dir);
  let state = states.get(key);
  if (state === undefined) {
    state = { current: null, loading: null, reloading: null, lastCheckMs: 0 };
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
    state.reloading = reloadIfChanged(key, state).finally(() => {
      if (state !== undefined) state.reloading = null;
    });
  }
  return state.current;
}

/** Waits for a background reload of `dir`, if one is running (for tests and shutdown). */
export async function settleSearchIndexReload(dir: string): Promise<void> {
  await states.get(path.resolve(dir))?.reloading;
}

/** Forgets the loaded index of `dir` (tests). */
export function forgetSearchIndex(dir: string): void {
  states.delete(path.resolve(dir));
}

async function reloadIfChanged(dir: string, state: LoaderState): Promise<void> {
  try {
    const manifest = await readSearchIndexManifest(dir);
    if (manifest.version === state.current?.version) return;
    state.current = await importSearchIndex(dir);
  } catch (error) {
    console.error(`Search index reload from ${dir} failed; keeping version ${state.current?.version}`, error);
  }
}
