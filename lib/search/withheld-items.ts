import { holdsDocument } from "./build-index";
import type { SearchDocument } from "./search-document";
import type { SearchIndex } from "./search-index";
import { ordinalsUnder } from "./url-order";

/**
 * How stale the answer to "which items changed since this index was built" may be: a search
 * waits for a fresh check when the last one started longer ago than this. Half the one-second
 * promise, so a check that takes a while still keeps it.
 */
export const WITHHELD_CHECK_INTERVAL_MS = 500;

/** Change rows read per check; a longer backlog is treated as "everything changed". */
const CHANGE_BATCH = 5_000;

/** Slack on the change feed's retention, for clocks and long transactions. */
const RETENTION_MARGIN_MS = 24 * 60 * 60_000;

/** What the database publishes now, as the search filter reads it. */
export interface PublishedItemsSource {
  /** Changed paths recorded after `afterId` (PageChange rows), in id order, at most `limit`. */
  readChanges(afterId: number, limit: number): Promise<Array<{ id: number; path: string }>>;
  /** The newest change id visible now (0 when there is none). */
  readNewestChangeId(): Promise<number>;
  /**
   * Every item published now whose page is `path` or below it ("/" for all), as the index
   * build reads it: open items only.
   */
  readPublished(paths: readonly string[]): AsyncIterable<SearchDocument>;
  /** Change rows older than this are deleted, so a longer gap between checks cannot trust them. */
  retentionMs: number;
}

/**
 * The items withheld from one loaded index at one moment: a new object whenever the set
 * changes (or another index is loaded), the same one otherwise, so it also scopes anything
 * computed from search results (a cached export is valid while it is the current one).
 */
export interface WithheldItems {
  /** 1 for an ordinal whose indexed text the database no longer publishes; null: none. */
  readonly mask: Uint8Array | null;
  /**
   * The {@link SearchIndex.appliedDeltas} the mask was computed for: a search must use it only
   * with the index in that state (a delta applied since adds ordinals no check has seen).
   */
  readonly appliedDeltas: number;
}

interface FilterState {
  /** Newest change row already checked. */
  lastChangeId: number;
  /** When the newest check that succeeded started; changes committed before it are covered. */
  checkedAtMs: number;
  /** Whether any check succeeded since this index was loaded. */
  hasChecked: boolean;
  withheld: WithheldItems;
  checking: Promise<void> | null;
}

// Per loaded index, on globalThis so Next.js dev reloads of this module share it; a new index
// version, or a delta applied to one, gets a fresh state (its own basis), and the old one goes
// with its index.
const globalStore = globalThis as typeof globalThis & { __referatWithheldItems?: WeakMap<SearchIndex, FilterState> };
const states = (globalStore.__referatWithheldItems ??= new WeakMap<SearchIndex, FilterState>());

/**
 * The items of `index` a search must not show: those under a page changed after the index was
 * built (a PageChange row past its watermark) whose stored fields are no longer exactly what the
 * database publishes — an item a correction closed, removed or rewrote, or one moved to another
 * URL. Waits for a check of the database when the last one started
 * {@link WITHHELD_CHECK_INTERVAL_MS} or more ago, so a search never answers from an older view
 * of the database than that; concurrent searches share one check. Rejects when the database
 * cannot be read (fail closed: the caller answers without results).
 */
export async function withheldItems(index: SearchIndex, source: PublishedItemsSource, now: () => number = Date.now): Promise<WithheldItems> {
  let state = states.get(index);
  // A delta replaced the items of every change up to its watermark; later ones are checked anew,
  // its new ordinals included.
  if (state === undefined || state.withheld.appliedDeltas !== index.appliedDeltas) {
    state = {
      lastChangeId: index.basis.changeWatermark,
      checkedAtMs: index.basis.readAtMs,
      hasChecked: false,
      withheld: { mask: null, appliedDeltas: index.appliedDeltas },
      checking: null,
    };
    states.set(index, state);
  }
  // A check that was already running may have started before the change this search must see.
  for (let round = 0; round < 3 && (!state.hasChecked || now() - state.checkedAtMs >= WITHHELD_CHECK_INTERVAL_MS); round++) {
    const current = state;
    current.checking ??= checkChanges(index, current, source, now).finally(() => {
      current.checking = null;
    });
    await current.checking;
    // A delta applied during the check: this state is stale, the new one must be checked.
    if (current.withheld.appliedDeltas !== index.appliedDeltas) return withheldItems(index, source, now);
  }
  return state.withheld;
}

async function checkChanges(index: SearchIndex, state: FilterState, source: PublishedItemsSource, now: () => number): Promise<void> {
  const startedAtMs = now();
  // Rows may have been pruned since the last check: the feed cannot say what changed.
  const mayHaveLostRows = startedAtMs - state.checkedAtMs > source.retentionMs - RETENTION_MARGIN_MS;
  const rows = mayHaveLostRows ? [] : await source.readChanges(state.lastChangeId, CHANGE_BATCH);
  if (mayHaveLostRows || rows.length === CHANGE_BATCH) {
    // Read before the items: a change committed later has a larger id and is checked next time.
    const newest = await source.readNewestChangeId();
    await checkPaths(index, state, source, ["/"]);
    state.lastChangeId = Math.max(state.lastChangeId, newest);
  } else if (rows.length > 0) {
    await checkPaths(index, state, source, [...new Set(rows.map((row) => row.path))]);
    state.lastChangeId = rows[rows.length - 1]?.id ?? state.lastChangeId;
  }
  state.checkedAtMs = startedAtMs;
  state.hasChecked = true;
}

/** Re-decides every indexed item under `paths`: shown only when the database publishes it unchanged. */
async function checkPaths(index: SearchIndex, state: FilterState, source: PublishedItemsSource, paths: readonly string[]): Promise<void> {
  // By URL: a correction gives every item of its meeting a new id, and the URL is the item's key.
  const affected = new Map<string, number[]>();
  const removed = index.removed;
  for (const path of paths) {
    for (const ordinal of ordinalsUnder(index, path)) {
      if (removed !== null && removed[ordinal] === 1) continue;
      const url = index.items.url.get(ordinal);
      const ordinals = affected.get(url);
      if (ordinals) ordinals.push(ordinal);
      else affected.set(url, [ordinal]);
    }
  }
  if (affected.size === 0) return;
  const unchanged = new Set<number>();
  for await (const doc of source.readPublished(paths)) {
    for (const ordinal of affected.get(doc.url) ?? []) if (holdsDocument(index, ordinal, doc)) unchanged.add(ordinal);
  }
  const before = state.withheld.mask;
  const mask = before ? Uint8Array.from(before) : new Uint8Array(index.size);
  let isChanged = false;
  for (const ordinals of affected.values()) {
    for (const ordinal of ordinals) {
      const value = unchanged.has(ordinal) ? 0 : 1;
      isChanged ||= mask[ordinal] !== value;
      mask[ordinal] = value;
    }
  }
  // Copy on write: a WithheldItems object, once handed out, never changes.
  if (isChanged) state.withheld = { mask, appliedDeltas: state.withheld.appliedDeltas };
}
