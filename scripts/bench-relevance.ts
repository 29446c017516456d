/**
 * npm run bench:relevance [-- --items 100000 --seed 20240319 --explain --cache <file.jsonl> --generate-only]
 * The relevance table of bench:search without a database: generates about `--items` agenda items
 * with the corpus generator (the same minutes bench:search ingests), parses them and data/samples
 * through the real parser, builds the search index in memory and prints where each of
 * RELEVANCE_CASES ranks its sample item and how many hits the query has, with the query times.
 * `--explain` prints, for every case whose sample item is not first, the hits above it and the
 * fields its words were found in.
 * `--cache` keeps the generated documents in a JSON-lines file (written when missing, read when
 * present): parsing a million generated items takes about an hour, building their index minutes.
 * `--generate-only` writes the cache and stops. Prints figures only; asserts nothing.
 */
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { readdir, readFile, rename } from "node:fs/promises";
import readline from "node:readline";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus } from "@/lib/corpus/generate-corpus";
import { parseMinutes } from "@/lib/minutes";
import { buildSearchIndex, itemTerms } from "@/lib/search/build-index";
import { meetingSearchDocuments } from "@/lib/search/meeting-search-documents";
import { parseQuery } from "@/lib/search/parse-query";
import { searchItems } from "@/lib/search/query";
import type { SearchDocument } from "@/lib/search/search-document";
import type { SearchIndex } from "@/lib/search/search-index";
import { DEFAULT_SEARCH_PARAMS } from "@/lib/search/search-params";
import { formatRelevance, RANK_DEPTH, RELEVANCE_CASES, type RelevanceRow } from "./lib/bench-relevance";

// Measured: the generator yields 9.26 open and closed items per meeting on average (bench-search.ts).
const ITEMS_PER_MEETING = 9.2;
const SAMPLES_DIR = path.join(process.cwd(), "data/samples");
const REPS = 20;

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "100000" },
    seed: { type: "string", default: "20240319" },
    explain: { type: "boolean", default: false },
    cache: { type: "string" },
    "generate-only": { type: "boolean", default: false },
  },
});
const items = Number(values.items);
const seed = Number(values.seed);
if (!Number.isInteger(items) || items < 0 || !Number.isInteger(seed)) {
  console.error("Usage: npm run bench:relevance -- [--items N] [--seed N] [--explain]");
  process.exit(2);
}

function* generatedDocuments(meetings: number): Generator<SearchDocument> {
  let id = 1_000_000;
  for (const generated of generateCorpus({ meetings, seed })) {
    const parsed = parseMinutes(generated.text);
    if (!parsed.ok) continue;
    const docs = meetingSearchDocuments(parsed.meeting, id);
    id += docs.length;
    yield* docs;
  }
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

/** Writes the generated documents to `file` (through a temporary file), one JSON object a line. */
async function writeCache(file: string, meetings: number): Promise<void> {
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  let count = 0;
  for (const doc of generatedDocuments(meetings)) {
    if (!out.write(`${JSON.stringify(doc)}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    if (++count % 50_000 === 0) console.log(`  ${count} punkter genereret og parset`);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await rename(tmp, file);
}

async function readCache(file: string): Promise<SearchDocument[]> {
  const docs: SearchDocument[] = [];
  for await (const line of readline.createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
    if (line !== "") docs.push(JSON.parse(line) as SearchDocument);
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
if (values.cache !== undefined && !existsSync(values.cache)) await writeCache(values.cache, meetings);
if (values["generate-only"]) process.exit(0);
const cached = values.cache === undefined ? null : await readCache(values.cache);
function* allDocuments(): Generator<SearchDocument> {
  yield* samples;
  if (cached !== null) {
    // Handed over one by one and dropped, so only the index holds them.
    for (let i = 0; i < cached.length; i++) {
      yield cached[i] as SearchDocument;
      cached[i] = undefined as unknown as SearchDocument;
    }
  } else if (items > 0) yield* generatedDocuments(meetings);
}
// Generated, parsed and indexed in one stream, so the documents are never all held at once.
const index = buildSearchIndex(allDocuments());
console.log(`Indeks over ${index.size} punkter (${samples.length} fra data/samples) genereret, parset og bygget på ${((performance.now() - started) / 1000).toFixed(1)} s`);
let repeats = 0;
for (const postings of index.frequencies.values()) repeats += postings.ordinals.length;
console.log(`Gentagelser (term-frequencies.ts): ${index.frequencies.size} termer, ${repeats} (punkt, felt)-par, ${((repeats * 5) / 1024 / 1024).toFixed(0)} MB i typede arrays`);

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
