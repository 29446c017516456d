import type { SearchIndex } from "./search-index";

/**
 * The ordinals of `index` sorted by URL (removed ones included), built on first use and then
 * kept on the index: appending items merges into it (see {@link mergeUrlOrder}).
 */
export function urlOrder(index: SearchIndex): Uint32Array {
  if (index.byUrl === null) {
    // Decoded once for the sort rather than twice a comparison (a million items: 20 million of them).
    const urls = Array.from({ length: index.size }, (_, i) => index.items.url.get(i));
    index.byUrl = Uint32Array.from({ length: index.size }, (_, i) => i).sort((a, b) => compare(urls[a] ?? "", urls[b] ?? "") || a - b);
  }
  return index.byUrl;
}

/**
 * Merges the ordinals from `first` on into an existing URL order (a no-op while none is built).
 * Each added one finds its place by binary search, so a delta decodes a few URLs per item added
 * rather than every URL of the index.
 */
export function mergeUrlOrder(index: SearchIndex, first: number): void {
  const byUrl = index.byUrl;
  if (byUrl === null) return;
  const url = (ordinal: number) => index.items.url.get(ordinal);
  const added = Array.from({ length: index.size - first }, (_, i) => ({ ordinal: first + i, url: url(first + i) })).sort(
    (a, b) => compare(a.url, b.url) || a.ordinal - b.ordinal,
  );
  const merged = new Uint32Array(byUrl.length + added.length);
  let copied = 0;
  added.forEach(({ ordinal, url: addedUrl }, k) => {
    // Added ordinals are above every existing one, so among equal URLs they come after.
    let low = copied;
    let high = byUrl.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(url(byUrl[mid] ?? 0), addedUrl) <= 0) low = mid + 1;
      else high = mid;
    }
    merged.set(byUrl.subarray(copied, low), copied + k);
    merged[low + k] = ordinal;
    copied = low;
  });
  merged.set(byUrl.subarray(copied), copied + added.length);
  index.byUrl = merged;
}

/**
 * True when `index` holds an item at `url` that no delta removed. A binary search over the URL
 * order: a few URLs decoded, where a set of every URL would copy them all onto the heap.
 */
export function holdsUrl(index: SearchIndex, url: string): boolean {
  const byUrl = urlOrder(index);
  const urls = index.items.url;
  for (let at = lowerBound(index, byUrl, url); at < byUrl.length; at++) {
    const ordinal = byUrl[at] ?? 0;
    if (urls.get(ordinal) !== url) return false;
    if (index.removed?.[ordinal] !== 1) return true;
  }
  return false;
}

/**
 * {@link holdsUrl} for `lookups` questions: a binary search each (3 µs at 100,000 items), or for
 * many (meeting arrivals' first run over a whole archive) one set of every held URL, dropped
 * with the returned function: a million URLs decoded onto the heap take 0.3 s.
 */
export function heldUrls(index: SearchIndex, lookups: number): (url: string) => boolean {
  if (lookups < index.size / 8) return (url) => holdsUrl(index, url);
  const urls = new Set<string>();
  for (let ordinal = 0; ordinal < index.size; ordinal++) if (index.removed?.[ordinal] !== 1) urls.add(index.items.url.get(ordinal));
  return (url) => urls.has(url);
}

/** Ordinals whose URL lies below the page `path` (a meeting or municipality; "/" for all), removed ones included. */
export function ordinalsUnder(index: SearchIndex, path: string): Uint32Array {
  const byUrl = urlOrder(index);
  if (path === "/") return byUrl;
  const urls = index.items.url;
  // URLs starting with "<path>/" are one run in sorted order ("<path>-2/…" sorts apart from it).
  const below = path.endsWith("/") ? path : `${path}/`;
  const low = lowerBound(index, byUrl, below);
  let end = low;
  while (end < byUrl.length && urls.get(byUrl[end] ?? 0).startsWith(below)) end++;
  return byUrl.subarray(low, end);
}

/** The first position of the URL order `byUrl` whose URL is not below `url` (binary search). */
function lowerBound(index: SearchIndex, byUrl: Uint32Array, url: string): number {
  let low = 0;
  let high = byUrl.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(index.items.url.get(byUrl[mid] ?? 0), url) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Merges two lists each sorted by `order` into one sorted list. */
export function mergeSorted(a: Uint32Array, b: Uint32Array, order: (x: number, y: number) => number): Uint32Array {
  const merged = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (order(x, y) <= 0) {
      merged[k++] = x;
      i++;
    } else {
      merged[k++] = y;
      j++;
    }
  }
  merged.set(a.subarray(i), k);
  merged.set(b.subarray(j), k + a.length - i);
  return merged;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
