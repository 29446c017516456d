import { mkdirSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishedItemsSource } from "@/lib/data/published-items";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { renameCommittee } from "@/lib/ingest/rename-committee";
import { makeTempDir, SAMPLES_DIR, vejenMeetingWithMarker } from "@/lib/ingest/test-fixtures";
import { forgetSearchIndex, getSearchIndex, MANIFEST_CHECK_INTERVAL_MS } from "@/lib/search/get-search-index";
import { termFrequencies } from "@/lib/search/index-postings";
import { importSearchIndex, readSearchIndexManifest } from "@/lib/search/index-store";
import { itemDate, itemOutcome, type SearchIndex } from "@/lib/search/search-index";
import { searchFromQuery } from "@/lib/search/search-service";
import { rebuildSearchIndex } from "./rebuild-search-index";
import { coveringPaths, updateSearchIndex } from "./update-search-index";

const MEETINGS = 3;
const VARIANTS = 3;
const COMMITTEE_NAMES = ["Udvalget for Arbejdsmarked og Integration", "Beskæftigelsesudvalget", "Udvalg for Job og Uddannelse"];

/** A unique word in item 6 of one meeting variant. */
const marker = (meeting: number, variant: number) => `Zorblax${meeting}v${variant}`;

/** Meeting `meeting` with item 6 carrying the variant's marker, open or closed. */
const vejenMeeting = (meeting: number, variant: number, isItem6Closed = false): string =>
  vejenMeetingWithMarker(meeting, marker(meeting, variant), isItem6Closed);

type Write = { kind: "ingest"; meeting: number; variant: number; isItem6Closed: boolean } | { kind: "rename"; name: number };

const writes: fc.Arbitrary<Write> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("ingest" as const), meeting: fc.nat(MEETINGS - 1), variant: fc.nat(VARIANTS - 1), isItem6Closed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rename" as const), name: fc.nat(COMMITTEE_NAMES.length - 1) }) },
);

/** Queries whose answers are compared: every marker, words of many items, a phrase, a facet browse. */
const QUERIES: Array<Record<string, string>> = [
  ...Array.from({ length: MEETINGS * VARIANTS }, (_, i) => ({ q: marker(Math.floor(i / VARIANTS), i % VARIANTS) })),
  { q: "Fritidspas" },
  { q: "sygedagpenge" },
  { q: '"har klaget over"' },
  { q: '"negativ social kontrol"' },
  { q: 'social -"negativ social kontrol"' },
  { q: "borgeren -sygedagpenge" },
  { q: "beskæftigelse", sort: "nyeste" },
  { q: "borgeren", felt: "sagsfremstilling" },
  { kommune: "vejen" },
  { q: "ledighed", kommune: "faxe" },
];

/** What a build stores of each item the index still holds, sorted: equal for equal contents. */
function liveItems(index: SearchIndex): string[] {
  const rows: string[] = [];
  for (let ordinal = 0; ordinal < index.size; ordinal++) {
    if (index.removed?.[ordinal] === 1) continue;
    const items = index.items;
    rows.push(
      JSON.stringify([
        items.url.get(ordinal),
        items.title.get(ordinal),
        items.number.get(ordinal),
        itemDate(index, ordinal),
        itemOutcome(index, ordinal),
        items.caseNumber.get(ordinal),
        items.decision.get(ordinal),
        items.sections.at(ordinal),
        index.municipalities[index.facets.municipality[ordinal] ?? -1],
        index.committees[index.facets.committee[ordinal] ?? -1],
        index.facets.kle[ordinal],
        index.facets.year[ordinal],
        index.facets.day[ordinal],
      ]),
    );
  }
  return rows.sort();
}

/** Every term and word pair with the number of live items holding it (those no live item holds left out). */
function liveTermFrequencies(index: SearchIndex): Array<[string, number]> {
  return [...termFrequencies(index), ...termFrequencies(index, true)];
}

let db: TestDatabase;
let work: string;
beforeEach(async () => {
  db = await createTestDatabase();
  work = makeTempDir("referat-incremental-");
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
  await db.drop();
});

describe("incremental index updates", () => {
  it("give the same hits and index contents as a full rebuild after any sequence of ingests, corrections, closings, withdrawals and renames", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(writes, { minLength: 3, maxLength: 7 }), async (sequence) => {
        run++;
        const incremental = path.join(work, `incremental-${run}`);
        const full = path.join(work, `full-${run}`);
        const files = path.join(work, `files-${run}`);
        forgetSearchIndex(incremental);
        forgetSearchIndex(full);
        await db.drop();
        db = await createTestDatabase();
        mkdirSync(files, { recursive: true });
        // Another municipality, so a rename's delta replacing "/vejen" must leave Faxe alone.
        await ingestFiles(db.prisma, [path.join(SAMPLES_DIR, "faxe-2023-11-06-beskaeftigelse-og-integration.txt")]);
        await rebuildSearchIndex(db.prisma, () => {}, incremental);
        // A server that loaded the index before the writes and follows their deltas, as `npm start` does.
        let clock = Date.now();
        const follow = () => getSearchIndex(incremental, () => (clock += MANIFEST_CHECK_INTERVAL_MS));
        let following = await follow();

        for (const write of sequence) {
          const before = await readSearchIndexManifest(incremental);
          await applyWrite(db, files, write);
          await updateSearchIndex(db.prisma, () => {}, incremental);
          const after = await readSearchIndexManifest(incremental);
          // Only a correction closing an indexed item rebuilds (to purge its text from the files).
          if (write.kind === "rename" || !write.isItem6Closed) {
            expect(after.version).toBe(before.version);
            expect(after.deltas.length - before.deltas.length).toBeLessThanOrEqual(1);
          }
          if (after.version !== before.version) {
            forgetSearchIndex(incremental);
            following = await follow();
          }
          expect(await follow()).toBe(following);
          await rebuildSearchIndex(db.prisma, () => {}, full);
          forgetSearchIndex(full);
          const rebuilt = await importSearchIndex(full);
          expect(rebuilt.size).toBeGreaterThan(0);
          expectSameRows(liveItems(following), liveItems(rebuilt), write);
          expectSameRows(liveTermFrequencies(following).map((row) => row.join(" ")), liveTermFrequencies(rebuilt).map((row) => row.join(" ")), write);
          expect(following.liveSize).toBe(rebuilt.size);
          for (const query of QUERIES) expect(await answer(incremental, query), JSON.stringify({ write, query })).toEqual(await answer(full, query));
        }
        // A restart loads the full build and every delta: the same contents.
        forgetSearchIndex(incremental);
        const restarted = await getSearchIndex(incremental);
        expect(restarted).not.toBe(following);
        expectSameRows(liveItems(restarted), liveItems(following), "restart");
      }),
      { numRuns: 4 },
    );
    // Two full builds per write (the reference and, on closings, the purge): ~50 s on a loaded 2-core machine.
  }, 240_000);

  it("finds every queried marker in at least one run of the comparison (the queries are not vacuous)", async () => {
    const files = path.join(work, "files");
    mkdirSync(files, { recursive: true });
    const dir = path.join(work, "index");
    await ingestFiles(db.prisma, [path.join(SAMPLES_DIR, "faxe-2023-11-06-beskaeftigelse-og-integration.txt")]);
    await rebuildSearchIndex(db.prisma, () => {}, dir);
    for (let meeting = 0; meeting < MEETINGS; meeting++) {
      await applyWrite(db, files, { kind: "ingest", meeting, variant: meeting % VARIANTS, isItem6Closed: false });
      await updateSearchIndex(db.prisma, () => {}, dir);
    }
    const totals = await Promise.all(QUERIES.map(async (query) => (await answer(dir, query)).total ?? 0));
    const expectedFound = QUERIES.map((query) => !/^Zorblax/.test(query.q ?? "") || ["Zorblax0v0", "Zorblax1v1", "Zorblax2v2"].includes(query.q ?? ""));
    expect(totals.map((total) => total > 0)).toEqual(expectedFound);
    expect((await readSearchIndexManifest(dir)).deltas).toHaveLength(MEETINGS);
  });
});

describe("a running server following the deltas", () => {
  it("finds a new document within two seconds of its ingest, and never again an item a correction closed once it is gone", async () => {
    const files = path.join(work, "files");
    mkdirSync(files, { recursive: true });
    const indexDir = path.join(work, "index");
    forgetSearchIndex(indexDir);
    await applyWrite(db, files, { kind: "ingest", meeting: 0, variant: 0, isItem6Closed: false });
    await rebuildSearchIndex(db.prisma, () => {}, indexDir);
    const total = async (q: string) => (await answer(indexDir, { q })).total;
    expect(await total(marker(0, 0))).toBe(1);

    await applyWrite(db, files, { kind: "ingest", meeting: 1, variant: 1, isItem6Closed: false });
    const ingested = Date.now();
    await updateSearchIndex(db.prisma, () => {}, indexDir);
    while ((await total(marker(1, 1))) === 0) {
      expect(Date.now() - ingested).toBeLessThan(2_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await readSearchIndexManifest(indexDir)).deltas).toHaveLength(1);

    // Searches run throughout the correction, its delta and the full build that purges the text.
    const seen: Array<{ startedAt: number; total: number }> = [];
    let isPolling = true;
    const polling = (async () => {
      while (isPolling) {
        const startedAt = Date.now();
        seen.push({ startedAt, total: (await total(marker(0, 0))) ?? -1 });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const version = (await readSearchIndexManifest(indexDir)).version;
    await applyWrite(db, files, { kind: "ingest", meeting: 0, variant: 0, isItem6Closed: true });
    const closedAt = Date.now();
    await updateSearchIndex(db.prisma, () => {}, indexDir);
    expect((await readSearchIndexManifest(indexDir)).version).not.toBe(version);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    isPolling = false;
    await polling;

    const gone = seen.findIndex((search) => search.startedAt > closedAt && search.total === 0);
    expect(gone).toBeGreaterThan(0);
    expect(seen[gone]?.startedAt ?? Infinity).toBeLessThan(closedAt + 1_000);
    const later = seen.slice(gone);
    expect(later.length).toBeGreaterThan(20);
    expect(later.filter((search) => search.total !== 0)).toEqual([]);
    expect(seen.slice(0, gone).some((search) => search.total === 1)).toBe(true);
  });
});

describe("coveringPaths", () => {
  it("keeps a municipality over its meetings, and a sibling whose name extends it", () => {
    expect(coveringPaths(["/vejen/a/2024-03-19", "/vejen", "/vejen-2/a/2024-01-01", "/faxe/b/2023-11-06", "/faxe/b/2023-11-06"])).toEqual([
      "/faxe/b/2023-11-06",
      "/vejen",
      "/vejen-2/a/2024-01-01",
    ]);
    expect(coveringPaths(["/vejen", "/"])).toEqual(["/"]);
  });
});

/** Rows only one side holds, shortened, so a failure reads as a diff of a few lines. */
function expectSameRows(actual: readonly string[], expected: readonly string[], context: unknown): void {
  expect(expected.length).toBeGreaterThan(0);
  const short = (row: string) => row.slice(0, 160);
  const actualSet = new Set(actual);
  const expectedSet = new Set(expected);
  const difference = { extra: actual.filter((row) => !expectedSet.has(row)).map(short), missing: expected.filter((row) => !actualSet.has(row)).map(short) };
  expect(difference, JSON.stringify(context)).toEqual({ extra: [], missing: [] });
  expect(actual.length).toBe(expected.length);
}

async function applyWrite(db: TestDatabase, files: string, write: Write): Promise<void> {
  if (write.kind === "ingest") {
    const file = path.join(files, `vejen-${write.meeting}.txt`);
    writeFileSync(file, vejenMeeting(write.meeting, write.variant, write.isItem6Closed));
    await ingestFiles(db.prisma, [file]);
    return;
  }
  const committee = await db.prisma.committee.findFirst({ where: { municipality: { slug: "vejen" } }, select: { slug: true } });
  if (committee === null) return;
  await renameCommittee(db.prisma, "vejen", committee.slug, COMMITTEE_NAMES[write.name] ?? "");
}

/** Everything a search answers, hits in URL order (ties in rank may order differently). */
async function answer(indexDir: string, query: Record<string, string>) {
  const outcome = await searchFromQuery(new URLSearchParams(query), { indexDir, published: publishedItemsSource(db.prisma) }, { pageSize: 500 });
  // A facet value neither index knows yet is refused by both alike.
  if (!outcome.ok) return { refused: outcome.status, message: outcome.messageEn };
  const { hits, total, facets } = outcome.result;
  return { total, facets, hits: [...hits].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)) };
}
