import type { SearchParams } from "@/lib/search/search-params";

/** One query of the search benchmark's fixed set: its kind and the search parameters. */
export interface BenchQuery {
  kind: "1 ord" | "3 ord" | "frase" | "filter";
  params: Partial<SearchParams>;
}

/** The fixed query set of `npm run bench:search`, in the order it runs and is numbered (from 1). */
export const BENCH_QUERIES: readonly BenchQuery[] = [
  { kind: "1 ord", params: { q: "Ukraine" } },
  { kind: "1 ord", params: { q: "fleksjob" } },
  { kind: "1 ord", params: { q: "sygedagpenge" } },
  { kind: "1 ord", params: { q: "touchskærme" } },
  { kind: "1 ord", params: { q: "hoeringssvar" } },
  { kind: "1 ord", params: { q: "kommune" } },
  { kind: "1 ord", params: { q: "budget" } },
  { kind: "3 ord", params: { q: "negativ social kontrol" } },
  { kind: "3 ord", params: { q: "Ankestyrelsen klager afgørelser" } },
  { kind: "3 ord", params: { q: "forvaltningen orienterer udvalget" } },
  { kind: "3 ord", params: { q: "integration flygtninge bolig" } },
  { kind: "frase", params: { q: '"negativ social kontrol"' } },
  { kind: "frase", params: { q: '"tages til efterretning"' } },
  { kind: "frase", params: { q: '"Ankestyrelsens afgørelser"' } },
  { kind: "filter", params: { q: "Ankestyrelsen klager", kommune: ["vejle"] } },
  { kind: "filter", params: { q: "sygedagpenge", kommune: ["vejen", "varde"] } },
  { kind: "filter", params: { q: "Ukraine", aar: ["2024"] } },
  { kind: "filter", params: { q: "budget", aar: ["2023"], udfald: ["approved"] } },
  { kind: "filter", params: { q: "fleksjob", udfald: ["noted"], sort: "nyeste" } },
];

/**
 * A query's label: its text, then each filter as `name=value+value` ("sygedagpenge kommune=vejen+varde").
 * It names the query in `--queries` and in a results file, so it holds no comma and is unique in the set.
 */
export function queryLabel(query: BenchQuery): string {
  const { q = "", ...filters } = query.params;
  const parts = Object.entries(filters).map(([name, value]) => `${name}=${Array.isArray(value) ? value.join("+") : String(value)}`);
  return [q, ...parts].join(" ");
}

/** Thrown for a `--queries` entry that names no query of the set. */
export class QuerySelectionError extends Error {}

/**
 * The queries `--queries` selects, as 0-based positions in `queries`, in the set's order and
 * each once: comma-separated entries, each a 1-based number or an exact label (queryLabel).
 * Throws {@link QuerySelectionError} (in Danish, naming the entry) for an entry that is neither.
 */
export function parseQuerySelection(text: string, queries: readonly BenchQuery[] = BENCH_QUERIES): number[] {
  const labels = queries.map(queryLabel);
  const selected = new Set<number>();
  const entries = text.split(",").map((entry) => entry.trim());
  if (entries.every((entry) => entry === "")) throw new QuerySelectionError(`--queries er tom; vælg numre 1–${queries.length} eller etiketter (se --list-queries)`);
  for (const entry of entries) {
    if (entry === "") continue;
    if (/^\d+$/.test(entry)) {
      const number = Number(entry);
      if (number < 1 || number > queries.length) throw new QuerySelectionError(`--queries: nummer ${entry} findes ikke (sættet har 1–${queries.length}; se --list-queries)`);
      selected.add(number - 1);
      continue;
    }
    const position = labels.indexOf(entry);
    if (position < 0) throw new QuerySelectionError(`--queries: ingen forespørgsel hedder "${entry}" (se --list-queries)`);
    selected.add(position);
  }
  return [...selected].sort((a, b) => a - b);
}

/** The numbered set as `--list-queries` prints it: number, kind and label. */
export function formatQueryList(queries: readonly BenchQuery[] = BENCH_QUERIES): string[] {
  return queries.map((query, i) => `${String(i + 1).padStart(2)}  ${query.kind.padEnd(6)}  ${queryLabel(query)}`);
}
