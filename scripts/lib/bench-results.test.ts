import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/lib/ingest/test-fixtures";
import { BENCH_QUERIES, formatQueryList, parseQuerySelection, queryLabel, QuerySelectionError } from "./bench-queries";
import { appendResult, combineResults, formatLatencySpread, formatReport, formatTableRow, formatTimingTargets, readResults, ResultsFileError, summarizeFlexSearch, type BenchResult } from "./bench-results";

const LABELS = BENCH_QUERIES.map(queryLabel);

describe("the query set's labels", () => {
  it("are unique and hold no comma, so --queries can name each", () => {
    expect(LABELS).toHaveLength(19);
    expect(new Set(LABELS).size).toBe(LABELS.length);
    expect(LABELS.filter((label) => label.includes(","))).toEqual([]);
  });

  it("name the filters", () => {
    expect(LABELS[15]).toBe("sygedagpenge kommune=vejen+varde");
    expect(formatQueryList()[15]).toBe("16  filter  sygedagpenge kommune=vejen+varde");
  });
});

describe("parseQuerySelection", () => {
  it("selects any subset named by numbers and labels in any order, once each, in the set's order", () => {
    const entries = fc.array(
      fc.record({ position: fc.nat(BENCH_QUERIES.length - 1), byLabel: fc.boolean(), padded: fc.boolean() }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(entries, (picked) => {
        const text = picked
          .map(({ position, byLabel, padded }) => {
            const entry = byLabel ? (LABELS[position] ?? "") : String(position + 1);
            return padded ? ` ${entry} ` : entry;
          })
          .join(",");
        const expected = [...new Set(picked.map((entry) => entry.position))].sort((a, b) => a - b);
        expect(parseQuerySelection(text)).toEqual(expected);
      }),
    );
  });

  it.each([
    ["0", /nummer 0 findes ikke/],
    ["20", /nummer 20 findes ikke/],
    ["1,Ukrainee", /ingen forespørgsel hedder "Ukrainee"/],
    ["sygedagpenge kommune=vejen", /ingen forespørgsel hedder/],
    ["", /tom/],
    [" , ", /tom/],
  ])("refuses %j", (text, message) => {
    expect(() => parseQuerySelection(text)).toThrow(QuerySelectionError);
    expect(() => parseQuerySelection(text)).toThrow(message);
  });
});

/** A result line for the query at `position`, with figures that tell lines apart. */
function result(position: number, p50: number, overrides: Partial<BenchResult> = {}): BenchResult {
  const query = BENCH_QUERIES[position];
  if (query === undefined) throw new Error(`no query ${position}`);
  return {
    label: queryLabel(query),
    number: position + 1,
    kind: query.kind,
    params: query.params,
    flexSearch: { p50, p95: p50 * 2, total: 1000 + position },
    postgres: { p50: p50 * 40, p95: p50 * 80, total: 900 + position },
    ratio: 40,
    warmup: 5,
    reps: 100,
    items: 1_000_000,
    indexSize: 993_208,
    database: "bench_search_1000000_20240319",
    indexVersion: "20261202T080000Z-abc",
    peer: "0123456789ab",
    at: "2026-12-02T08:30:00.000Z",
    loadavg: [1.5, 1.2, 1],
    ...overrides,
  };
}

describe("the results file", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = makeTempDir("bench-results-");
    file = path.join(dir, "parts", "1m.jsonl");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("appends one JSON line per result, creating the file and its folder, and reads them back in order", async () => {
    await appendResult(file, result(0, 1));
    await appendResult(file, result(1, 2));
    const text = await readFile(file, "utf8");
    expect(text.split("\n")).toHaveLength(3);
    expect(text.endsWith("\n")).toBe(true);
    const read = await readResults(file);
    expect(read.map(({ line, result: r }) => [line, r.label, r.flexSearch.p50])).toEqual([
      [1, "Ukraine", 1],
      [2, "fleksjob", 2],
    ]);
  });

  it("combines the latest line per query in the set's order and lists the queries still missing", async () => {
    await appendResult(file, result(5, 3));
    await appendResult(file, result(0, 1));
    await appendResult(file, result(5, 7));
    const combined = combineResults(file, await readResults(file), BENCH_QUERIES);
    expect(combined.rows.map((row) => [row.label, row.flexSearch.p50])).toEqual([
      ["Ukraine", 1],
      ["kommune", 7],
    ]);
    expect(combined.missing.map((query) => query.number)).toEqual([2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const report = formatReport(file, combined, BENCH_QUERIES).join("\n");
    expect(report).toContain("2 af 19 forespørgsler målt");
    expect(report).toMatch(/ 6 1 ord  kommune +7\.00 \/ 14\.00 ms +280\.0 \/ 560\.0 ms +40× +1005\/905/);
    expect(report).toContain("Median af faktorerne (PostgreSQL p50 / FlexSearch p50): 40×");
    expect(report).toMatch(/p50 ≤ 10 ms: +OPFYLDT/);
    expect(report).toContain("Mangler stadig (17): 2,3,4,5,7,8,9,10,11,12,13,14,15,16,17,18,19");
  });

  it("says when every query of the set is in", async () => {
    for (const position of BENCH_QUERIES.keys()) await appendResult(file, result(position, 1));
    const combined = combineResults(file, await readResults(file), BENCH_QUERIES);
    expect(combined.rows).toHaveLength(BENCH_QUERIES.length);
    expect(combined.missing).toEqual([]);
    expect(formatReport(file, combined, BENCH_QUERIES).join("\n")).toContain("Alle 19 forespørgsler er målt.");
  });

  it.each([
    ["item counts", { items: 100_000 }],
    ["databases", { database: "bench_search_0a1b2c3d" }],
    ["peer definitions", { peer: "ffffffffffff" }],
  ])("refuses to mix %s, naming the lines", async (_, overrides) => {
    await appendResult(file, result(0, 1));
    await appendResult(file, result(1, 1));
    await appendResult(file, result(2, 1, overrides));
    const lines = await readResults(file);
    expect(() => combineResults(file, lines, BENCH_QUERIES)).toThrow(ResultsFileError);
    expect(() => combineResults(file, lines, BENCH_QUERIES)).toThrow(/blander målinger[\s\S]*linje 1: [\s\S]*linje 3: /);
  });

  it("names the file and line of a line cut off by a crash", async () => {
    await appendResult(file, result(0, 1));
    await writeFile(file, `${await readFile(file, "utf8")}${JSON.stringify(result(1, 1)).slice(0, 40)}`);
    await expect(readResults(file)).rejects.toThrow(`${file}:2: ikke en gyldig JSON-linje`);
  });

  it("refuses an empty or missing file", async () => {
    await expect(readResults(file)).rejects.toThrow(ResultsFileError);
    const empty = path.join(dir, "empty.jsonl");
    await writeFile(empty, "\n");
    expect(() => combineResults(empty, [], BENCH_QUERIES)).toThrow(/ingen resultatlinjer/);
    const lines = await readResults(empty);
    expect(lines).toEqual([]);
    expect(() => combineResults(empty, lines, BENCH_QUERIES)).toThrow(`${empty}: ingen resultatlinjer`);
  });
});

describe("timing the index alone (--skip-peer)", () => {
  const query = BENCH_QUERIES[0];
  const timing = { p50: 12.5, p95: 40.25, total: 46_510 };

  it("prints the index's figures with dashes for the peer's, and targets without a ratio", () => {
    expect(query).toBeDefined();
    const row = formatTableRow(1, query ?? { kind: "1 ord", params: {} }, timing, null);
    expect(row).toContain("12.50 / 40.25 ms");
    expect(row).toContain("46510/–");
    expect(row).not.toContain("×");
    const summary = summarizeFlexSearch([timing, { p50: 3, p95: 60, total: 1 }]);
    expect([summary.worstP50, summary.worstP95, summary.count]).toEqual([12.5, 60, 2]);
    const targets = formatTimingTargets(summary, 1_000_000, false).join("\n");
    expect(targets).toContain("højeste p95 60.00 ms");
    expect(targets).toContain("ikke målt");
    expect(targets).not.toContain("NaN");
  });

  it("counts the queries within each target and pools every run for the set's own p50 and p95", () => {
    // Two queries of 100 runs: one all at 4 ms, one all at 80 ms but five at 900 ms.
    const fast = Array.from({ length: 100 }, () => 4);
    const slow = Array.from({ length: 100 }, (_, i) => (i < 5 ? 900 : 80));
    const line = formatLatencySpread([{ p50: 4, p95: 4, total: 1 }, { p50: 80, p95: 900, total: 1 }], [...fast, ...slow], 1_000_000);
    expect(line).toContain("p50 ≤ 10 ms 1 af 2");
    expect(line).toContain("p95 ≤ 50 ms 1 af 2");
    expect(line).toContain("alle 200 målte kørsler samlet: p50 80.00 ms, p95 80.00 ms");
  });
});
