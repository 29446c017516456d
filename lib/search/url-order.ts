import type { SearchIndex } from "./search-index";

/**
 * The ordinals of `index` sorted by URL (removed ones included), built on first use and then
 * kept on the index: appending items merges into it (see {@link mergeUrlOrder}).
 */
export function urlOrder(index: SearchIndex): Uint32Array {
  const urls = index.items.url;
  index.byUrl ??= Uint32Array.from({ length: index.size }, (_, i) => i).sort((a, b) => compare(urls[a] ?? "", urls[b] ?? "") || a - b);
  return index.byUrl;
}

/** Merges the ordinals from `first` on into an existing URL order (a no-op while none is built). */
export function mergeUrlOrder(index: SearchIndex, first: number): void {
  if (index.byUrl === null) return;
  const urls = index.items.url;
  const added = Uint32Array.from({ length: index.size - first }, (_, i) => first + i).sort((a, b) => compare(urls[a] ?? "", urls[b] ?? "") || a - b);
  index.byUrl = mergeSorted(index.byUrl, added, (a, b) => compare(urls[a] ?? "", urls[b] ?? "") || a - b);
}

/** Ordinals whose URL lies below the page `path` (a meeting or municipality; "/" for all), removed ones included. */
export function ordinalsUnder(index: SearchIndex, path: string): Uint32Array {
  const byUrl = urlOrder(index);
  if (path === "/") return byUrl;
  const urls = index.items.url;
  // URLs starting with "<path>/" are one run in sorted order ("<path>-2/…" sorts apart from it).
  const below = path.endsWith("/") ? path : `${path}/`;
  let low = 0;
  let high = byUrl.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(urls[byUrl[mid] ?? 0] ?? "", below) < 0) low = mid + 1;
    else high = mid;
  }
  let end = low;
  while (end < byUrl.length && (urls[byUrl[end] ?? 0] ?? "").startsWith(below)) end++;
  return byUrl.subarray(low, end);
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
