/**
 * npm run bench:relevance [-- --items 100000 --seed 20240319 --explain --cache <file.jsonl> --generate-only --index <dir>]
 * The relevance table of bench:search without a database: generates about `--items` agenda items
 * with the corpus generator (the same minutes bench:search ingests), parses them and data/samples
 * through the real parser, builds the search index in memory and prints where each of
 * RELEVANCE_CASES ranks its sample item and how many hits the query has, with the query times.
 * `--explain` prints, for every case whose sample item is not first, the hits above it and the
 * fields its words were found in.
 * `--cache` keeps the generated documents in a JSON-lines file (written when missing, read when
 * present): parsing a million generated items takes about an hour, building their index minutes.
 * `--generate-only` writes the cache and stops. `--index <dir>` reads an exported index instead
 * (bench:search's `--keep` leaves the 1M one in .data/bench-index/<db>/search; loads in seconds)
 * and finds the sample items in it by their urls. Prints figures only; asserts nothing.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseMinutes } from "@/lib/minutes";
import { buildSearchIndexFrom, itemTerms, newIndexVersion } from "@/lib/search/build-index";
import { importSearchIndex } from "@/lib/search/index-store";
import { meetingSearchDocuments } from "@/lib/search/meeting-search-documents";
import { parseQuery } from "@/lib/search/parse-query";
import { searchItems } from "@/lib/search/query";
import type { SearchDocument } from "@/lib/search/search-document";
import type { SearchIndex } from "@/lib/search/search-index";
import { DEFAULT_SEARCH_PARAMS } from "@/lib/search/search-params";
import { generatedSearchDocuments, ITEMS_PER_MEETING, readDocumentCache, writeDocumentCache } from "./lib/bench-documents";
import { formatRelevance, RANK_DEPTH, RELEVANCE_CASES, type RelevanceRow } from "./lib/bench-relevance";

const SAMPLES_DIR = path.join(process.cwd(), "data/samples");
const REPS = 20;

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "100000" },
    seed: { type: "string", default: "20240319" },
    explain: { type: "boolean", default: false },
    cache: { type: "string" },
    "generate-only": { type: "boolean", default: false },
    index: { type: "string" },
  },
});
const items = Number(values.items);
const seed = Number(values.seed);
if (!Number.isInteger(items) || items < 0 || !Number.isInteger(seed)) {
  console.error("Usage: npm run bench:relevance -- [--items N] [--seed N] [--explain]");
  process.exit(2);
}

async function sampleDocuments(): Promise<SearchDocument[]> {
  const docs: SearchDocument[] = [];
  for (const file of (await readdir(SAMPLES_DIR)).sort()) {
    const parsed = parseMinutes(await readFile(path.join(SAMPLES_DIR, file), "utf8"));
    if (!parsed.ok) throw new Error(`${file}: the sample does not parse`);
    docs.push(...meetingSearchDocuments(parsed.meeting, 1 + docs.length));
  }
  return docs;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Fields of `ordinal` holding a word that starts with each query term: "title:ukrain(2) body:ukrainsk(5)". */
function describeMatch(index: SearchIndex, ordinal: number, terms: readonly string[]): string {
  const { fields } = itemTerms(index, ordinal);
  const parts: string[] = [];
  for (const term of terms) {
    for (const { field, terms: fieldTerms } of fields) {
      const counts = new Map<string, number>();
      for (const word of fieldTerms) if (word.startsWith(term)) counts.set(word, (counts.get(word) ?? 0) + 1);
      if (counts.size > 0) parts.push(`${field}[${fieldTerms.length}]:${[...counts].map(([word, n]) => `${word}×${n}`).join(",")}`);
    }
  }
  return parts.join(" ");
}

const started = performance.now();
const samples = await sampleDocuments();
const meetings = Math.ceil(items / ITEMS_PER_MEETING);
if (values.cache !== undefined && !existsSync(values.cache)) await writeDocumentCache(values.cache, generatedSearchDocuments(meetings, seed), console.log);
if (values["generate-only"]) process.exit(0);
const cache = values.cache;
async function* allDocuments(): AsyncGenerator<SearchDocument> {
  yield* samples;
  if (cache !== undefined) yield* readDocumentCache(cache);
  else if (items > 0) yield* generatedSearchDocuments(meetings, seed);
}
async function loadIndex(): Promise<SearchIndex> {
  if (values.index !== undefined) {
    const imported = await importSearchIndex(values.index);
    console.log(`Indeks over ${imported.size} punkter indlæst fra ${values.index} på ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return imported;
  }
  // Generated (or read from the cache), parsed and indexed in one stream: the documents are never all held at once.
  const built = await buildSearchIndexFrom(allDocuments(), newIndexVersion(), { changeWatermark: 0, readAtMs: Date.now() });
  console.log(`Indeks over ${built.size} punkter (${samples.length} fra data/samples) genereret, parset og bygget på ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return built;
}
const index = await loadIndex();
const { postings, dictionary } = index.segments.terms.byteSize;
console.log(`Termsegment: ${index.segments.terms.termCount} termer, postings ${(postings / 1024 / 1024).toFixed(0)} MB, ordbog ${(dictionary / 1024 / 1024).toFixed(0)} MB`);

const isSample = (municipalitySlug: string, number: string, url: string, relevanceCase: (typeof RELEVANCE_CASES)[number]) =>
  municipalitySlug === relevanceCase.municipality && number === relevanceCase.number && samples.some((doc) => doc.url === url);

const rows: RelevanceRow[] = [];
const times: number[] = [];
for (const relevanceCase of RELEVANCE_CASES) {
  const params = { ...DEFAULT_SEARCH_PARAMS, q: relevanceCase.q };
  for (let rep = 0; rep < REPS; rep++) {
    const t0 = performance.now();
    searchItems(index, params);
    times.push(performance.now() - t0);
  }
  const { hits, total } = searchItems(index, params, RANK_DEPTH);
  const at = hits.findIndex((hit) => isSample(hit.municipalitySlug, hit.number, hit.url, relevanceCase));
  rows.push({ relevanceCase, ours: at < 0 ? null : at + 1, postgres: null, oursHits: total, postgresHits: null });
  if (values.explain && at !== 0) {
    const terms = parseQuery(relevanceCase.q).required;
    const ordinalOf = (url: string) => index.items.url.indexOf(url);
    console.log(`\n${relevanceCase.q} → ${relevanceCase.municipality}/${relevanceCase.number}: rang ${at < 0 ? `> ${RANK_DEPTH}` : at + 1}`);
    const shown = hits.slice(0, Math.min(at < 0 ? 3 : at + 1, 4));
    if (at > 3) shown.push(hits[at] ?? hits[0]!);
    for (const hit of shown) {
      const ordinal = ordinalOf(hit.url);
      const mark = isSample(hit.municipalitySlug, hit.number, hit.url, relevanceCase) ? "*" : " ";
      console.log(`  ${mark} ${hit.title.slice(0, 60).padEnd(60)} ${describeMatch(index, ordinal, terms)}`);
    }
  }
}

times.sort((a, b) => a - b);
console.log("");
for (const line of formatRelevance(rows)) console.log(line);
console.log(`Søgetid over ${times.length} søgninger (side 1, uddrag og facetter): p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`);
