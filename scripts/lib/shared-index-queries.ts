import type { SearchParams } from "@/lib/search/search-params";

/** A mix of the bench:search query kinds (one word, several words, a phrase, facets) for bench:shared-index. */
export const SHARED_INDEX_QUERIES: Array<Partial<SearchParams>> = [
  { q: "budget" },
  { q: "kommune" },
  { q: "skole trafik" },
  { q: "lokalplan høring borgere" },
  { q: '"tages til efterretning"' },
  { q: "budget", aar: ["2023"] },
  { q: "", kommune: ["vejen"] },
];
