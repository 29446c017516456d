/**
 * npm run bench:parse [-- --sizes 1,4,8 --rounds 3]
 * Parser speed, without a database: the five samples (average per document, target < 10 ms),
 * then generated documents of growing size in each shape that once was slow or crashed (many
 * items, unpunctuated text, one huge line, a million short lines). Linear parsing shows as a
 * time ratio near the size ratio (8 MB / 4 MB ≈ 2); the quadratic page-break join was ≈ 3.6.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateBigDocument, type BigDocumentShape } from "@/lib/corpus/big-document";
import { parseMinutes } from "@/lib/minutes";

const MB = 1024 * 1024;
const SAMPLE_TARGET_MS = 10;
const SHAPES: BigDocumentShape[] = ["items", "unpunctuated", "single-line", "many-lines"];

const { values } = parseArgs({ options: { sizes: { type: "string", default: "1,4,8" }, rounds: { type: "string", default: "3" } } });
const sizes = values.sizes.split(",").map(Number);
const rounds = Number(values.rounds);
if (sizes.some((size) => !(size > 0)) || !(rounds >= 1)) {
  console.error("Usage: npm run bench:parse -- [--sizes 1,4,8] [--rounds 3]");
  process.exit(2);
}

/** Median wall-clock time of `rounds` runs of `fn`, in ms. */
function medianMs(fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const samplesDir = path.resolve("data/samples");
const samples = readdirSync(samplesDir).map((file) => readFileSync(path.join(samplesDir, file), "utf8"));
for (const text of samples) parseMinutes(text);
const perSample = medianMs(() => {
  for (let i = 0; i < 20; i += 1) for (const text of samples) parseMinutes(text);
}) / (20 * samples.length);
console.log(`Samples: ${perSample.toFixed(2)} ms per document (target < ${SAMPLE_TARGET_MS} ms → ${perSample < SAMPLE_TARGET_MS ? "met" : "NOT met"})`);

const rows: Array<Record<string, string | number>> = [];
for (const shape of SHAPES) {
  let previous: { size: number; ms: number } | null = null;
  for (const size of sizes) {
    const text = generateBigDocument(size * MB, shape);
    let error: string | null = null;
    const ms = medianMs(() => {
      const result = parseMinutes(text);
      if (!result.ok) error = result.error.reason;
    });
    rows.push({
      shape,
      MB: size,
      ms: Math.round(ms),
      "MB/s": Number((size / (ms / 1000)).toFixed(1)),
      "time ratio / size ratio": previous ? Number((ms / previous.ms / (size / previous.size)).toFixed(2)) : "",
      result: error ?? "ok",
    });
    previous = { size, ms };
  }
}
console.log(`\nParser on generated documents (median of ${rounds}; a ratio near 1 is linear):`);
console.table(rows);
