import { readdir, rm } from "node:fs/promises";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishedItemsSource } from "@/lib/data/published-items";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { forgetSearchIndex, getSearchIndex } from "@/lib/search/get-search-index";
import { searchFromQuery, searchScope, type SearchOutcome } from "@/lib/search/search-service";
import { exportFileText } from "@/lib/search/test-export-files";
import { foldDanish } from "@/lib/text/fold-danish";
import { rebuildSearchIndex } from "@/scripts/lib/rebuild-search-index";
import { ingestFiles } from "./ingest-files";
import { renameCommittee } from "./rename-committee";
import { VEJEN_SAMPLE, makeTempDir } from "./test-fixtures";

/** The promise: a closing correction leaves search within a second, without a new index. */
const DEADLINE_MS = 1_000;
const MARKER = "Zorblaxsagen";
const OPEN_TITLE = "Punkt 6: Orientering om erfaringer fra projekt Fritidspas (B)";
const CLOSED_TITLE = "Punkt 6: Lukket: Orientering om erfaringer fra projekt Fritidspas (B)";

/** The Vejen sample with MARKER in the body of item 6, open or (the correction) closed. */
function vejenWithItem6(closed: boolean): string {
  const sample = readFileSync(VEJEN_SAMPLE, "utf8");
  const [before, rest] = sample.split(OPEN_TITLE);
  if (before === undefined || rest === undefined) throw new Error(`${VEJEN_SAMPLE} no longer has "${OPEN_TITLE}"`);
  const body = rest.replace("Sagsfremstilling\n\n", `Sagsfremstilling\n\nBorgeren i ${MARKER} har klaget over sagsbehandlingen.\n\n`);
  if (body === rest) throw new Error(`${VEJEN_SAMPLE}: item 6 has no Sagsfremstilling`);
  return `${before}${closed ? CLOSED_TITLE : OPEN_TITLE}${body}`;
}

let db: TestDatabase;
let indexDir: string;
beforeEach(async () => {
  db = await createTestDatabase();
  indexDir = makeTempDir("referat-correction-index-");
  forgetSearchIndex(indexDir);
});
afterEach(async () => {
  forgetSearchIndex(indexDir);
  await rm(indexDir, { recursive: true, force: true });
  await db.drop();
});

const source = () => ({ indexDir, published: publishedItemsSource(db.prisma) });
const search = (q: string): Promise<SearchOutcome> => searchFromQuery(new URLSearchParams({ q }), source());

async function hitUrls(q: string): Promise<string[]> {
  const outcome = await search(q);
  if (!outcome.ok) throw new Error(`search "${q}" refused: ${outcome.messageEn}`);
  return outcome.result.hits.map((hit) => hit.url);
}

/** Ingests the open version from a file of its own, builds the index and checks the item is found; returns the file. */
async function publishOpenAndIndex(): Promise<string> {
  const file = path.join(makeTempDir(), "vejen.txt");
  writeFileSync(file, vejenWithItem6(false));
  await ingestFiles(db.prisma, [file]);
  await rebuildSearchIndex(db.prisma, () => {}, indexDir);
  expect(await hitUrls(MARKER)).toHaveLength(1);
  return file;
}

/** Polls `q` until `isSettled` holds for its hits' URLs or DEADLINE_MS passed since `since`; returns the last URLs. */
async function hitUrlsOnceSettled(q: string, since: number, isSettled: (urls: string[]) => boolean): Promise<string[]> {
  for (;;) {
    const urls = await hitUrls(q);
    if (isSettled(urls) || Date.now() - since > DEADLINE_MS) return urls;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Polls `q` until it finds nothing; returns how long that took, or throws after DEADLINE_MS. */
async function msUntilGone(q: string, since: number): Promise<number> {
  for (;;) {
    const outcome = await search(q);
    if (outcome.ok && outcome.result.total === 0) return Date.now() - since;
    if (Date.now() - since > DEADLINE_MS) throw new Error(`"${q}" still found ${Date.now() - since} ms after the correction: ${JSON.stringify(outcome)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every text-like column of every table holding `needle`, as "Table.column". */
async function columnsContaining(needle: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column_name: string }>(`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY')`);
    expect(columns.rows.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const { table_name, column_name } of columns.rows) {
      const result = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${client.escapeIdentifier(table_name)} WHERE ${client.escapeIdentifier(column_name)}::text ILIKE $1`,
        [`%${needle}%`],
      );
      if ((result.rows[0]?.n ?? 0) > 0) found.push(`${table_name}.${column_name}`);
    }
    return found;
  } finally {
    await client.end();
  }
}

async function indexFilesContaining(needles: string[]): Promise<string[]> {
  const entries = await readdir(indexDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  expect(files.length).toBeGreaterThan(5);
  const found: string[] = [];
  for (const file of files) {
    const text = (await exportFileText(file)).toLowerCase();
    if (needles.some((needle) => text.includes(needle.toLowerCase()))) found.push(path.relative(indexDir, file));
  }
  return found;
}

describe("a correction that closes an item", () => {
  it("takes its body out of search within a second, and out of every stored text and index version", async () => {
    const file = path.join(makeTempDir(), "vejen.txt");
    writeFileSync(file, vejenWithItem6(false));
    expect((await ingestFiles(db.prisma, [file])).ok).toBe(1);
    await rebuildSearchIndex(db.prisma, () => {}, indexDir);
    const version = (await getSearchIndex(indexDir)).version;

    // Published open: found, quoted, and stored.
    const before = await search(MARKER);
    if (!before.ok) throw new Error(before.messageEn);
    expect(before.result.hits.map((hit) => hit.url)).toEqual(["/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-6"]);
    expect(JSON.stringify(before.result.hits[0]?.snippet)).toContain(MARKER);
    expect((await columnsContaining(MARKER)).sort()).toEqual(["Section.blocks", "Section.text", "SourceDocument.text"]);
    expect(await indexFilesContaining([MARKER])).not.toEqual([]);
    expect(await hitUrls("sygedagpenge")).toContain("/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-4");
    // Exports are kept per scope (the CSV route): it holds while nothing changes.
    const scopeBefore = await searchScope(source());
    expect(await searchScope(source())).toBe(scopeBefore);

    writeFileSync(file, vejenWithItem6(true));
    expect(await ingestFiles(db.prisma, [file])).toMatchObject({ updated: 1, failed: 0 });
    const committed = Date.now();
    const closed = await db.prisma.agendaItem.findFirstOrThrow({ where: { number: "6" }, include: { sections: true } });
    expect(closed).toMatchObject({ closed: true, sections: [] });

    expect(await msUntilGone(MARKER, committed)).toBeLessThanOrEqual(DEADLINE_MS);
    expect(await searchScope(source())).not.toBe(scopeBefore);
    // No new index was loaded: the filter did it. The closed item is not found by its title
    // either (the index holds its old body), and nothing of the result quotes the body.
    expect((await getSearchIndex(indexDir)).version).toBe(version);
    expect(await hitUrls("Fritidspas")).toEqual([]);
    for (const q of ["sagsbehandlingen", '"har klaget over"', "Borgeren"]) {
      const outcome = await search(q);
      expect(JSON.stringify(outcome)).not.toContain(MARKER);
      expect(JSON.stringify(outcome)).not.toContain("punkt-6");
    }
    // Items the correction left as they were are still found, from the same index.
    expect(await hitUrls("sygedagpenge")).toContain("/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-4");

    // The superseded version's text is gone with the correction's commit; only hash and metadata stay.
    expect(await columnsContaining(MARKER)).toEqual([]);
    const versions = await db.prisma.sourceDocument.findMany({ orderBy: { id: "asc" }, select: { text: true, sha256: true, meetings: { select: { id: true } } } });
    expect(versions.map((v) => ({ hasText: v.text !== "", shown: v.meetings.length > 0 }))).toEqual([
      { hasText: false, shown: false },
      { hasText: true, shown: true },
    ]);

    // The next index replaces the old version on disk instead of keeping it.
    await rebuildSearchIndex(db.prisma, () => {}, indexDir);
    expect((await readdir(indexDir)).filter((name) => name.startsWith("v-"))).toHaveLength(1);
    expect(await indexFilesContaining([MARKER, foldDanish(MARKER), "zorblax"])).toEqual([]);
  });

  it("finds the item again when the correction is withdrawn and the open version comes back", async () => {
    const file = await publishOpenAndIndex();

    writeFileSync(file, vejenWithItem6(true));
    await ingestFiles(db.prisma, [file]);
    expect(await msUntilGone(MARKER, Date.now())).toBeLessThanOrEqual(DEADLINE_MS);

    // The municipality withdraws the correction: the open version's bytes again.
    writeFileSync(file, vejenWithItem6(false));
    expect(await ingestFiles(db.prisma, [file])).toMatchObject({ updated: 1 });
    expect(await hitUrlsOnceSettled(MARKER, Date.now(), (urls) => urls.length > 0)).toEqual(["/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-6"]);
  });

  it("checks only the changed meeting: the same committee's second meeting that day keeps its item", async () => {
    const dir = makeTempDir();
    const first = path.join(dir, "vejen.txt");
    const second = path.join(dir, "vejen-ekstra.txt");
    const atSix = (text: string) => text.replace("2024 kl. 14:00", "2024 kl. 18:00");
    writeFileSync(first, vejenWithItem6(false));
    writeFileSync(second, atSix(vejenWithItem6(false)));
    // One at a time: the first file's meeting gets the day's plain URL key, the second "-2".
    await ingestFiles(db.prisma, [first]);
    await ingestFiles(db.prisma, [second]);
    await rebuildSearchIndex(db.prisma, () => {}, indexDir);
    const meeting = "/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19";
    expect((await hitUrls(MARKER)).sort()).toEqual([`${meeting}-2/punkt-6`, `${meeting}/punkt-6`]);

    // "…/2024-03-19-2/…" sorts between "…/2024-03-19" and "…/2024-03-19/…": the first meeting's
    // items must still be found under its path.
    writeFileSync(first, vejenWithItem6(true));
    await ingestFiles(db.prisma, [first]);
    expect(await hitUrlsOnceSettled(MARKER, Date.now(), (urls) => urls.length < 2)).toEqual([`${meeting}-2/punkt-6`]);

    writeFileSync(second, atSix(vejenWithItem6(true)));
    await ingestFiles(db.prisma, [second]);
    expect(await msUntilGone(MARKER, Date.now())).toBeLessThanOrEqual(DEADLINE_MS);
  });

  it("leaves out a renamed committee's items, whose indexed URLs are old, until the next index", async () => {
    await publishOpenAndIndex();

    await renameCommittee(db.prisma, "vejen", "udvalget-for-arbejdsmarked-og-integration", "Arbejdsmarkedsudvalget");
    expect(await msUntilGone(MARKER, Date.now())).toBeLessThanOrEqual(DEADLINE_MS);
    await rebuildSearchIndex(db.prisma, () => {}, indexDir);
    forgetSearchIndex(indexDir);
    expect(await hitUrls(MARKER)).toEqual(["/vejen/arbejdsmarkedsudvalget/2024-03-19/punkt-6"]);
  });
});
