/**
 * npm run bench:segment [-- --items 100000 --cache /tmp/rp/docs100k.jsonl --run-postings 8000000 --memory]
 * What building, writing and reading a postings segment (lib/search/segment) costs for a
 * full build's terms: feeds each item's encoded terms per field (as build-index.ts's itemTerms
 * computes them) to a 5-field builder and its word pairs to a 1-field builder, spilling sorted
 * runs into a temporary directory (in memory with --memory), and prints build time, peak heap,
 * postings and dictionary bytes, open time and postings() time for frequent and rare terms.
 * Documents come from `--cache` (one SearchDocument a line) when given or present, else from
 * the synthetic generator. Run with `node --expose-gc --import tsx` for stable heap figures.
 * Prints figures only; asserts nothing.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { encodeForIndex, scanWords } from "@/lib/search/danish-encoder";
import { PAIR_SEPARATOR, SEARCH_FIELDS, sectionField, type SearchFieldName } from "@/lib/search/index-config";
import type { SearchDocument } from "@/lib/search/search-document";
import { Segment } from "@/lib/search/segment/segment";
import { SegmentBuilder } from "@/lib/search/segment/segment-builder";
import { generateSearchDocuments } from "@/lib/search/synthetic-documents";
import { readDocumentCache } from "./lib/bench-documents";

const MB = 1024 * 1024;
const DEFAULT_CACHE = "/tmp/rp/docs100k.jsonl";
const LOOKUPS = 2000;

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "100000" },
    cache: { type: "string" },
    "run-postings": { type: "string" },
    memory: { type: "boolean", default: false },
  },
});
const items = Number(values.items);
const runPostings = values["run-postings"] === undefined ? undefined : Number(values["run-postings"]);
if (!Number.isInteger(items) || items <= 0 || (runPostings !== undefined && !(Number.isInteger(runPostings) && runPostings > 0))) {
  console.error("Usage: npm run bench:segment -- [--items N] [--cache file.jsonl] [--run-postings N] [--memory]");
  process.exit(2);
}
const cache = values.cache ?? (existsSync(DEFAULT_CACHE) ? DEFAULT_CACHE : undefined);

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
let peakHeap = 0;
function sampleHeap(): void {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  peakHeap = Math.max(peakHeap, heapUsed + arrayBuffers);
}

async function* documents(): AsyncGenerator<SearchDocument> {
  if (cache === undefined) {
    yield* generateSearchDocuments(items);
    return;
  }
  let count = 0;
  for await (const doc of readDocumentCache(cache)) {
    if (count++ >= items) return;
    yield doc;
  }
}

/** The texts of each field of `doc`, as search-index.ts's fieldTexts reads them from a built index. */
function fieldTexts(doc: SearchDocument, field: SearchFieldName): string[] {
  switch (field) {
    case "title":
      return [doc.title];
    case "decision":
      return doc.decision ? [doc.decision] : [];
    case "meta":
      return [doc.caseNumber ?? "", doc.committee, doc.municipality].filter((text) => text !== "");
    case "lead":
    case "body":
      return doc.sections.filter((section) => !(section.kind === "beslutning" && section.text === doc.decision) && sectionField(section.kind) === field).map((section) => section.text);
  }
}

function wordPairs(texts: readonly string[], pairs: Set<string>): void {
  for (const text of texts) {
    let previous: string | null = null;
    for (const word of scanWords(text)) {
      if (word.isStopWord) continue;
      if (previous !== null) pairs.add(`${previous}${PAIR_SEPARATOR}${word.term}`);
      previous = word.term;
    }
  }
}

function microseconds(start: bigint, calls: number): string {
  return `${(Number(process.hrtime.bigint() - start) / 1000 / calls).toFixed(1)} µs`;
}

/** Mean postings() time over every field holding the term, for `positions`. */
function timePostings(segment: Segment, positions: readonly number[]): { perCall: string; postings: number } {
  let postings = 0;
  let calls = 0;
  const start = process.hrtime.bigint();
  for (const position of positions) {
    for (let field = 0; field < segment.fields; field++) {
      const list = segment.postings(position, field);
      if (list === null) continue;
      postings += list.ordinals.length;
      calls++;
    }
  }
  return { perCall: microseconds(start, Math.max(calls, 1)), postings: calls === 0 ? 0 : Math.round(postings / calls) };
}

async function main(): Promise<void> {
  const spillDir = values.memory ? undefined : await mkdtemp(path.join(os.tmpdir(), "bench-segment-spill-"));
  const exportDir = await mkdtemp(path.join(os.tmpdir(), "bench-segment-export-"));
  try {
    gc();
    const baseHeap = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const terms = new SegmentBuilder({ fields: SEARCH_FIELDS.length, spillDir, runPostings });
    const pairs = new SegmentBuilder({ fields: 1, spillDir, runPostings });
    let encodeNs = 0n;
    let addNs = 0n;
    let ordinal = 0;
    let postingsAdded = 0;
    for await (const doc of documents()) {
      const encodeStart = process.hrtime.bigint();
      const fields: { field: number; terms: string[] }[] = [];
      const itemPairs = new Set<string>();
      SEARCH_FIELDS.forEach(({ name }, field) => {
        const texts = fieldTexts(doc, name).map((text) => text.normalize("NFC"));
        const fieldTerms = texts.flatMap(encodeForIndex);
        if (fieldTerms.length === 0) return;
        fields.push({ field, terms: fieldTerms });
        postingsAdded += new Set(fieldTerms).size;
        wordPairs(texts, itemPairs);
      });
      const addStart = process.hrtime.bigint();
      terms.addItem(ordinal, fields);
      pairs.addItem(ordinal, itemPairs.size === 0 ? [] : [{ field: 0, terms: [...itemPairs] }]);
      addNs += process.hrtime.bigint() - addStart;
      encodeNs += addStart - encodeStart;
      ordinal++;
      if (ordinal % 1000 === 0) sampleHeap();
    }
    const finishStart = process.hrtime.bigint();
    sampleHeap();
    const termSegment = await terms.finish();
    sampleHeap();
    const pairSegment = await pairs.finish();
    sampleHeap();
    const finishNs = process.hrtime.bigint() - finishStart;
    console.log(`${ordinal} punkter (${cache ?? "syntetiske"}), ${values.memory ? "i hukommelsen" : `spill, runPostings ${runPostings ?? "standard"}`}, ${postingsAdded} term-postings`);
    console.log(`kodning (encodeForIndex, ordpar): ${(Number(encodeNs) / 1e9).toFixed(1)} s`);
    console.log(`byg: addItem ${(Number(addNs) / 1e9).toFixed(1)} s + finish ${(Number(finishNs) / 1e9).toFixed(1)} s`);
    console.log(`største heap + typed arrays under bygningen: ${((peakHeap - baseHeap) / MB).toFixed(0)} MB over ${(baseHeap / MB).toFixed(0)} MB (stikprøve hver 1000. punkt)`);

    const writeStart = process.hrtime.bigint();
    await termSegment.writeTo(exportDir, "terms");
    await pairSegment.writeTo(exportDir, "pairs");
    console.log(`writeTo: ${(Number(process.hrtime.bigint() - writeStart) / 1e6).toFixed(0)} ms`);
    for (const [name, segment] of [["terms", termSegment], ["pairs", pairSegment]] as const) {
      const onDisk = await Promise.all((await readdir(exportDir)).filter((file) => file.startsWith(`${name}-`)).map(async (file) => (await stat(path.join(exportDir, file))).size));
      console.log(`${name}: ${segment.termCount} termer, postings ${(segment.byteSize.postings / MB).toFixed(1)} MB, ordbog ${(segment.byteSize.dictionary / MB).toFixed(1)} MB, filer ${(onDisk.reduce((a, b) => a + b, 0) / MB).toFixed(1)} MB`);
    }
    gc();
    const before = process.memoryUsage();
    const openStart = process.hrtime.bigint();
    const opened = await Segment.open(exportDir, "terms");
    const openedPairs = await Segment.open(exportDir, "pairs");
    console.log(`open (begge): ${(Number(process.hrtime.bigint() - openStart) / 1e6).toFixed(0)} ms`);
    gc();
    const after = process.memoryUsage();
    console.log(`open holder: heap +${((after.heapUsed - before.heapUsed) / MB).toFixed(1)} MB, typed arrays/Buffers +${((after.arrayBuffers - before.arrayBuffers) / MB).toFixed(1)} MB`);

    const byFrequency = Array.from({ length: opened.termCount }, (_, i) => i).sort((a, b) => opened.documentFrequency(b) - opened.documentFrequency(a));
    const frequent = byFrequency.slice(0, 20);
    const rare = byFrequency.filter((position) => opened.documentFrequency(position) === 1);
    const rareSample = Array.from({ length: Math.min(LOOKUPS, rare.length) }, (_, i) => rare[Math.floor((i * rare.length) / LOOKUPS)] ?? 0);
    // Warm-up: the first calls compile the decoder.
    timePostings(opened, frequent.slice(0, 3));
    timePostings(opened, rare.slice(0, LOOKUPS));
    for (const [label, positions] of [["hyppigste 20", frequent], [`sjældne (df 1, ${rareSample.length})`, rareSample]] as const) {
      const { perCall, postings } = timePostings(opened, positions);
      console.log(`postings() ${label}: ${perCall} pr. kald (felt), ${postings} postings i snit; fx "${opened.term(positions[0] ?? 0)}" df ${opened.documentFrequency(positions[0] ?? 0)}`);
    }
    const pairPositions = Array.from({ length: Math.min(LOOKUPS, openedPairs.termCount) }, (_, i) => Math.floor((i * openedPairs.termCount) / LOOKUPS));
    console.log(`postings() ordpar (${pairPositions.length} jævnt fordelt): ${timePostings(openedPairs, pairPositions).perCall} pr. kald`);
    const findStart = process.hrtime.bigint();
    for (const position of rareSample) opened.find(opened.term(position));
    console.log(`term()+find(): ${microseconds(findStart, Math.max(rareSample.length, 1))} pr. kald`);
    const prefixStart = process.hrtime.bigint();
    for (const prefix of ["ko", "kommun", "fleksjob", "b", "2"]) opened.prefixRange(prefix);
    console.log(`prefixRange: ${microseconds(prefixStart, 5)} pr. kald`);
  } finally {
    if (spillDir !== undefined) await rm(spillDir, { recursive: true, force: true });
    await rm(exportDir, { recursive: true, force: true });
  }
}

await main();
