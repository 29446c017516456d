/**
 * npm run bench:block-bounds -- --index <dir> [--ranges 256,1024,4096] [--page 20]
 * What block-max ranking would decode, measured on an exported index before building it (issue
 * 13: the three-word query that still takes more than 10 ms at 1M reads every posting). For
 * each text query of bench:search (its words, without filters; a phrase as its words, so its
 * hits are a superset), the items are cut into ranges; a range's bound is the sum over the words
 * of the word's highest score in it (each word searched alone), and a range whose bound is below
 * the score of the page's last hit cannot hold a hit of the page. Prints, per range size, how
 * many of the ranges holding hits reach it and how many hits they hold. Prints figures only;
 * asserts nothing. bench:search's `--keep` leaves the 1M index in .data/bench-index/<db>/search.
 */
import { parseArgs } from "node:util";
import { fieldsForRestriction } from "@/lib/search/index-config";
import { importSearchIndex } from "@/lib/search/index-store";
import { matchAllTerms } from "@/lib/search/match-terms";
import { parseQuery } from "@/lib/search/parse-query";
import type { SearchIndex } from "@/lib/search/search-index";
import { BENCH_QUERIES } from "./lib/bench-queries";
import { rangeBounds } from "./lib/range-bounds";

const { values } = parseArgs({
  options: {
    index: { type: "string" },
    ranges: { type: "string", default: "256,1024,4096" },
    page: { type: "string", default: "20" },
  },
});
const ranges = (values.ranges ?? "").split(",").map(Number);
const page = Number(values.page);
if (values.index === undefined || ranges.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(page) || page < 1) {
  console.error("Usage: npm run bench:block-bounds -- --index <dir> [--ranges 256,1024,4096] [--page 20]");
  process.exit(2);
}

/** Each item's score for one word searched alone (0 where the item lacks it). */
function wordScores(index: SearchIndex, word: string): Float32Array {
  const match = matchAllTerms(index, [word], fieldsForRestriction(null));
  const scores = new Float32Array(index.size);
  for (const ordinal of match.ordinals) scores[ordinal] = match.toScore(match.score[ordinal] ?? 0);
  return scores;
}

const index = await importSearchIndex(values.index);
console.log(`Indeks: ${index.size} punkter i ${values.index}; side på ${page} hits; grænse pr. interval = summen af hvert ords højeste score i det`);
const texts = [...new Set(BENCH_QUERIES.map((query) => query.params.q ?? ""))];
for (const text of texts) {
  const plan = parseQuery(text);
  if (plan.required.length === 0) continue;
  const match = matchAllTerms(index, plan.required, fieldsForRestriction(null));
  const isHit = new Uint8Array(index.size);
  for (const ordinal of match.ordinals) isHit[ordinal] = 1;
  const scores = Array.from(match.ordinals, (ordinal) => match.score[ordinal] ?? 0).sort((a, b) => b - a);
  const floor = scores[Math.min(page, scores.length) - 1] ?? 0;
  const perWord = plan.required.map((word) => wordScores(index, word));
  const figures = ranges.map((size) => {
    const bounds = rangeBounds(perWord, isHit, floor, size);
    const share = bounds.rangesWithHits === 0 ? 0 : (100 * bounds.rangesReaching) / bounds.rangesWithHits;
    return `${size}: ${bounds.rangesReaching}/${bounds.rangesWithHits} (${share.toFixed(1)} %, ${bounds.hitsReaching} hits)`;
  });
  console.log(`${text.padEnd(36)} ${String(match.ordinals.length).padStart(7)} hits   ${figures.join("   ")}`);
}
