import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SearchParams } from "@/lib/search/search-params";
import { queryLabel, type BenchQuery } from "./bench-queries";

/**
 * The results file of `npm run bench:search -- --results <file.jsonl>`: one JSON line per measured
 * query, appended as each query finishes, so a 1M comparison can be run in parts over several
 * sessions and printed together with `--report <file.jsonl>` (no database needed).
 */

// Issue 13's targets on a 2-core machine; printed against the figures, never asserted in tests.
/** p95 target: 50 ms at 1M items, 25 ms below. */
export const TARGET_P95_MS = (items: number): number => (items >= 1_000_000 ? 50 : 25);
export const TARGET_P50_MS = 10;
export const TARGET_SPEEDUP = 10;

/** One engine's figures for one query: latency percentiles over the timed runs and its hit count. */
export interface EngineTiming {
  p50: number;
  p95: number;
  total: number;
}

/** One line of a results file: everything the comparison table prints for one query, and where it was measured. */
export interface BenchResult {
  /** queryLabel of the query: the key a report groups by. */
  label: string;
  /** 1-based number in the set when measured (the set's order may change; the label does not). */
  number: number;
  kind: BenchQuery["kind"];
  params: Partial<SearchParams>;
  flexSearch: EngineTiming;
  postgres: EngineTiming;
  /** PostgreSQL p50 / FlexSearch p50. */
  ratio: number;
  warmup: number;
  reps: number;
  /** Generated items asked for (`--items`). */
  items: number;
  /** Open items in the index searched. */
  indexSize: number;
  database: string;
  indexVersion: string;
  /** The PostgreSQL peer's definition version (bench-postgres.ts): a changed peer answers another question. */
  peer: string;
  /** ISO time the query's measurement finished. */
  at: string;
  /** os.loadavg() when it finished: 1, 5 and 15 minutes. */
  loadavg: number[];
}

/** PostgreSQL p50 / FlexSearch p50, as the table prints it. */
export function speedRatio(flexSearch: EngineTiming, postgres: EngineTiming): number {
  return postgres.p50 / Math.max(flexSearch.p50, 0.001);
}

/** Appends one result line to `file` (created with its folder when missing). */
export async function appendResult(file: string, result: BenchResult): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await appendFile(file, `${JSON.stringify(result)}\n`);
}

/** Thrown for a results file that cannot be read or combined; the message (Danish) names the file and line. */
export class ResultsFileError extends Error {}

/** The result lines of `file` in file order, each with its line number. */
export async function readResults(file: string): Promise<Array<{ line: number; result: BenchResult }>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ResultsFileError(`${file}: kan ikke læses (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const results: Array<{ line: number; result: BenchResult }> = [];
  for (const [i, raw] of text.split("\n").entries()) {
    if (raw.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // A line cut off by a crash mid-write is the only expected kind; it is named, not skipped.
      throw new ResultsFileError(`${file}:${i + 1}: ikke en gyldig JSON-linje`);
    }
    if (!isBenchResult(parsed)) throw new ResultsFileError(`${file}:${i + 1}: ikke en resultatlinje fra bench:search`);
    results.push({ line: i + 1, result: parsed });
  }
  return results;
}

function isBenchResult(value: unknown): value is BenchResult {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const isTiming = (t: unknown) =>
    typeof t === "object" && t !== null && ["p50", "p95", "total"].every((key) => typeof (t as Record<string, unknown>)[key] === "number");
  return (
    typeof v.label === "string" &&
    typeof v.items === "number" &&
    typeof v.database === "string" &&
    typeof v.peer === "string" &&
    isTiming(v.flexSearch) &&
    isTiming(v.postgres)
  );
}

/** A results file combined against the query set. */
export interface CombinedResults {
  items: number;
  database: string;
  peer: string;
  /** The latest line of each query of the set that has one, in the set's order. */
  rows: BenchResult[];
  /** Queries of the set with no line yet. */
  missing: Array<{ number: number; label: string }>;
  /** Labels in the file that are not in the set (an older set); left out of the table. */
  unknown: string[];
}

/**
 * The latest line (the last in the file) per query label of `queries`. Refuses
 * ({@link ResultsFileError}) a file that mixes item counts, databases or peer definitions,
 * naming the first line of each: their figures answer different questions.
 */
export function combineResults(file: string, lines: ReadonlyArray<{ line: number; result: BenchResult }>, queries: readonly BenchQuery[]): CombinedResults {
  const first = lines[0];
  if (first === undefined) throw new ResultsFileError(`${file}: ingen resultatlinjer`);
  const runs = new Map<string, number>();
  for (const { line, result } of lines) {
    const key = `${result.items} punkter, database ${result.database}, peer ${result.peer}`;
    if (!runs.has(key)) runs.set(key, line);
  }
  if (runs.size > 1) {
    const listed = [...runs].map(([key, line]) => `  linje ${line}: ${key}`).join("\n");
    throw new ResultsFileError(`${file}: blander målinger af forskellige punktantal, databaser eller PostgreSQL-peers; brug én fil pr. kombination:\n${listed}`);
  }
  const latest = new Map<string, BenchResult>();
  for (const { result } of lines) latest.set(result.label, result);
  const labels = queries.map(queryLabel);
  const rows: BenchResult[] = [];
  const missing: Array<{ number: number; label: string }> = [];
  labels.forEach((label, i) => {
    const row = latest.get(label);
    if (row === undefined) missing.push({ number: i + 1, label });
    else rows.push(row);
  });
  const known = new Set(labels);
  return {
    items: first.result.items,
    database: first.result.database,
    peer: first.result.peer,
    rows,
    missing,
    unknown: [...latest.keys()].filter((label) => !known.has(label)),
  };
}

const LABEL_WIDTH = 52;

/** The comparison table's header line. */
export function formatTableHeader(): string {
  return `${"Forespørgsel".padEnd(LABEL_WIDTH)} ${"FlexSearch p50/p95".padStart(20)} ${"PostgreSQL p50/p95".padStart(22)} ${"faktor".padStart(7)} ${"hits F/PG".padStart(15)}`;
}

/** One row of the comparison table: number, kind and label, both engines' p50/p95, the ratio and both hit counts. */
export function formatTableRow(number: number, query: BenchQuery, flexSearch: EngineTiming, postgres: EngineTiming | null): string {
  const label = `${String(number).padStart(2)} ${query.kind.padEnd(6)} ${queryLabel(query)}`;
  const peer = postgres === null ? "–" : `${postgres.p50.toFixed(1)} / ${postgres.p95.toFixed(1)} ms`;
  const ratio = postgres === null ? "–" : `${speedRatio(flexSearch, postgres).toFixed(0)}×`;
  const hits = `${flexSearch.total}/${postgres === null ? "–" : postgres.total}`;
  return `${label.slice(0, LABEL_WIDTH).padEnd(LABEL_WIDTH)} ${`${flexSearch.p50.toFixed(2)} / ${flexSearch.p95.toFixed(2)} ms`.padStart(20)} ${peer.padStart(22)} ${ratio.padStart(7)} ${hits.padStart(15)}`;
}

/** What the target lines are computed from. */
export interface TimingSummary {
  count: number;
  medianRatio: number;
  minRatio: number;
  worstP50: number;
  worstP95: number;
  /** Queries where FlexSearch found fewer hits than PostgreSQL. */
  fewerHits: number;
}

/** The summary of the measured rows; `count` 0 when there are none. */
export function summarizeTimings(rows: ReadonlyArray<{ flexSearch: EngineTiming; postgres: EngineTiming }>): TimingSummary {
  const ratios = rows.map((row) => speedRatio(row.flexSearch, row.postgres)).sort((a, b) => a - b);
  return {
    count: rows.length,
    medianRatio: ratios[Math.min(ratios.length - 1, Math.floor(0.5 * ratios.length))] ?? 0,
    minRatio: ratios[0] ?? 0,
    worstP50: Math.max(0, ...rows.map((row) => row.flexSearch.p50)),
    worstP95: Math.max(0, ...rows.map((row) => row.flexSearch.p95)),
    fewerHits: rows.filter((row) => row.flexSearch.total < row.postgres.total).length,
  };
}

/** The summary of FlexSearch's timings alone (`--skip-peer`): no ratio, no hit comparison. */
export function summarizeFlexSearch(timings: readonly EngineTiming[]): TimingSummary {
  return {
    count: timings.length,
    medianRatio: Number.NaN,
    minRatio: Number.NaN,
    worstP50: Math.max(0, ...timings.map((timing) => timing.p50)),
    worstP95: Math.max(0, ...timings.map((timing) => timing.p95)),
    fewerHits: 0,
  };
}

/**
 * How many queries meet each latency target on their own, and the p50/p95 of every timed run of
 * the set taken together (`times`: all runs of all queries), the other reading of "p50 and p95
 * over the fixed query set".
 */
export function formatLatencySpread(timings: readonly EngineTiming[], times: readonly number[], items: number): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const p95Target = TARGET_P95_MS(items);
  const within = (pick: (timing: EngineTiming) => number, target: number) => timings.filter((timing) => pick(timing) <= target).length;
  return (
    `  forespørgsler inden for målet: p50 ≤ ${TARGET_P50_MS} ms ${within((timing) => timing.p50, TARGET_P50_MS)} af ${timings.length}, ` +
    `p95 ≤ ${p95Target} ms ${within((timing) => timing.p95, p95Target)} af ${timings.length}; ` +
    `alle ${sorted.length} målte kørsler samlet: p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms`
  );
}

/** "OPFYLDT" or "IKKE opfyldt". */
export const verdict = (isMet: boolean): string => (isMet ? "OPFYLDT" : "IKKE opfyldt");

/** The median-ratio line printed under the table. */
export function formatRatioLine(summary: TimingSummary): string {
  return `Median af faktorerne (PostgreSQL p50 / FlexSearch p50): ${summary.medianRatio.toFixed(0)}×, laveste ${summary.minRatio.toFixed(0)}×`;
}

/** The target lines of the query timings (p95, p50 at 1M, the speed-up), as bench:search prints them. */
export function formatTimingTargets(summary: TimingSummary, items: number, withPeer = true): string[] {
  const p95Target = TARGET_P95_MS(items);
  return [
    `  p95 ≤ ${p95Target} ms:                    ${verdict(summary.worstP95 <= p95Target)} (højeste p95 ${summary.worstP95.toFixed(2)} ms)`,
    ...(items >= 1_000_000 ? [`  p50 ≤ ${TARGET_P50_MS} ms:                    ${verdict(summary.worstP50 <= TARGET_P50_MS)} (højeste p50 ${summary.worstP50.toFixed(2)} ms)`] : []),
    withPeer
      ? `  ≥ ${TARGET_SPEEDUP}× PostgreSQL (median):       ${verdict(summary.medianRatio >= TARGET_SPEEDUP)} (${summary.medianRatio.toFixed(0)}×)`
      : `  ≥ ${TARGET_SPEEDUP}× PostgreSQL (median):       ikke målt (--skip-peer; se --report)`,
  ];
}

/**
 * The report `--report` prints: where and when the lines were measured, the table from the
 * latest line per query, the median ratio, the timing targets (over the measured queries only)
 * and the queries still missing.
 */
export function formatReport(file: string, combined: CombinedResults, queries: readonly BenchQuery[]): string[] {
  const { rows, missing } = combined;
  const byLabel = new Map(queries.map((query) => [queryLabel(query), query]));
  const numberOf = new Map(queries.map((query, i) => [queryLabel(query), i + 1]));
  const distinct = (values: Array<string | number>) => [...new Set(values)].join(", ");
  const lines = [
    `Resultater fra ${file}: database ${combined.database}, ${combined.items} punkter (indeks: ${distinct(rows.map((row) => row.indexSize))} åbne punkter; version ${distinct(rows.map((row) => row.indexVersion))}), PostgreSQL-peer ${combined.peer}`,
    `${rows.length} af ${queries.length} forespørgsler målt; ${distinct(rows.map((row) => row.warmup))} opvarmninger og ${distinct(rows.map((row) => row.reps))} målte kørsler i hver motor`,
    "",
    `${formatTableHeader()}  målt (UTC), load 1 min`,
  ];
  for (const row of rows) {
    const query = byLabel.get(row.label);
    if (query === undefined) continue;
    lines.push(`${formatTableRow(numberOf.get(row.label) ?? row.number, query, row.flexSearch, row.postgres)}  ${row.at.slice(0, 16).replace("T", " ")}, ${(row.loadavg[0] ?? 0).toFixed(2)}`);
  }
  const summary = summarizeTimings(rows);
  lines.push(formatRatioLine(summary), "", `Mål (issue 13; over de ${summary.count} målte forespørgsler):`, ...formatTimingTargets(summary, combined.items));
  lines.push(`  færre hits end PostgreSQL i ${summary.fewerHits} af ${summary.count} forespørgsler`);
  if (missing.length > 0) {
    lines.push("", `Mangler stadig (${missing.length}): ${missing.map((query) => query.number).join(",")}`, ...missing.map((query) => `  ${String(query.number).padStart(2)}  ${query.label}`));
  } else {
    lines.push("", `Alle ${queries.length} forespørgsler er målt.`);
  }
  if (combined.unknown.length > 0) lines.push(`Ikke i sættet (udeladt): ${combined.unknown.join("; ")}`);
  return lines;
}
