import { mkdirSync, writeFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishedItemsSource } from "@/lib/data/published-items";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { makeTempDir, SAMPLES_DIR, vejenMeetingWithMarker } from "@/lib/ingest/test-fixtures";
import { forgetSearchIndex, getSearchIndex, MANIFEST_CHECK_INTERVAL_MS, settleSearchIndexReload } from "@/lib/search/get-search-index";
import { readSearchIndexManifest } from "@/lib/search/index-store";
import { searchFromQuery } from "@/lib/search/search-service";
import { exportFileText } from "@/lib/search/test-export-files";
import { foldDanish } from "@/lib/text/fold-danish";
import { compactSearchIndex, isMergeDue, readDeltaBacklog } from "./compact-search-index";
import { withIndexBuildLock } from "./index-write-lock";
import { rebuildSearchIndex } from "./rebuild-search-index";
import { mergeInChildProcess } from "./search-merge-timer";
import { updateSearchIndex } from "./update-search-index";

const ALWAYS = { maxDeltas: 1, maxDeltaBytes: Infinity };

/** A unique word in item 6 of one meeting variant. */
const marker = (meeting: number, variant: number) => `Quuxmerge${meeting}v${variant}`;

/** Meeting `meeting` with item 6 carrying the variant's marker, open or closed. */
const vejenMeeting = (meeting: number, variant: number, isItem6Closed = false): string =>
  vejenMeetingWithMarker(meeting, marker(meeting, variant), isItem6Closed);

let db: TestDatabase;
let work: string;
let indexDir: string;
let files: string;
beforeEach(async () => {
  db = await createTestDatabase();
  work = makeTempDir("referat-compaction-");
  indexDir = path.join(work, "index");
  files = path.join(work, "files");
  mkdirSync(files);
  forgetSearchIndex(indexDir);
  await ingestFiles(db.prisma, [path.join(SAMPLES_DIR, "faxe-2023-11-06-beskaeftigelse-og-integration.txt")]);
  await rebuildSearchIndex(db.prisma, () => {}, indexDir);
});
afterEach(async () => {
  forgetSearchIndex(indexDir);
  await rm(work, { recursive: true, force: true });
  await db.drop();
});

/** Ingests meeting `meeting` in `variant` and appends its delta, as every write does. */
async function write(meeting: number, variant: number, isItem6Closed = false): Promise<void> {
  const file = path.join(files, `vejen-${meeting}.txt`);
  writeFileSync(file, vejenMeeting(meeting, variant, isItem6Closed));
  await ingestFiles(db.prisma, [file]);
  await updateSearchIndex(db.prisma, () => {}, indexDir);
}

async function total(q: string, dir = indexDir): Promise<number> {
  const outcome = await searchFromQuery(new URLSearchParams({ q }), { indexDir: dir, published: publishedItemsSource(db.prisma) });
  if (!outcome.ok) throw new Error(outcome.messageEn);
  return outcome.result.total;
}

/**
 * Hits for `q` once the loaded index caught up: a closed item leaves search within a second of
 * its write (the promise of lib/ingest/correction-closes-item.test.ts), so wait up to that.
 */
async function totalWithinASecond(q: string, expected: number): Promise<number> {
  const deadline = Date.now() + 1_000;
  let found = await total(q);
  while (found !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    found = await total(q);
  }
  return found;
}

/** Index files (any version, delta or manifest) holding any of `needles`, case-insensitively. */
async function indexFilesContaining(needles: string[]): Promise<string[]> {
  const entries = await readdir(indexDir, { recursive: true, withFileTypes: true });
  const paths = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  expect(paths.length).toBeGreaterThan(5);
  const found: string[] = [];
  for (const file of paths) {
    const text = (await exportFileText(file)).toLowerCase();
    if (needles.some((needle) => text.includes(needle.toLowerCase()))) found.push(path.relative(indexDir, file));
  }
  return found;
}

/** Holds the full-build lock as another process would, until `release` (which waits for the hold to end). */
async function holdBuildLock(): Promise<{ release: () => Promise<void> }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let isHolding = false;
  const holding = withIndexBuildLock(db.prisma, async () => {
    isHolding = true;
    await held;
  });
  while (!isHolding) await new Promise((resolve) => setTimeout(resolve, 10));
  return {
    release: async () => {
      release();
      await holding;
    },
  };
}

describe("isMergeDue", () => {
  it("is due from the count or the bytes of the deltas, whichever comes first, and never with merging off or no deltas", () => {
    const backlog = { version: "v", deltas: 10, bytes: 5_000 };
    expect(isMergeDue(backlog, { maxDeltas: 10, maxDeltaBytes: Infinity })).toBe(true);
    expect(isMergeDue(backlog, { maxDeltas: 11, maxDeltaBytes: Infinity })).toBe(false);
    expect(isMergeDue(backlog, { maxDeltas: 11, maxDeltaBytes: 5_000 })).toBe(true);
    expect(isMergeDue(backlog, { maxDeltas: 11, maxDeltaBytes: 5_001 })).toBe(false);
    expect(isMergeDue(backlog, { maxDeltas: 0, maxDeltaBytes: 1 })).toBe(false);
    expect(isMergeDue({ ...backlog, deltas: 0, bytes: 0 }, { maxDeltas: 1, maxDeltaBytes: 0 })).toBe(false);
    expect(isMergeDue(null, ALWAYS)).toBe(false);
  });
});

describe("the background merge of the index's deltas", () => {
  it("merges them into a new version that holds only live items, with the same answers, while a loaded server goes on searching", async () => {
    await write(0, 0);
    await write(1, 1);
    await write(0, 2); // replaces meeting 0's items: the first ones stay in the index, marked removed
    const before = await readSearchIndexManifest(indexDir);
    expect(before.deltas).toHaveLength(3);
    const backlog = await readDeltaBacklog(indexDir);
    expect(backlog).toMatchObject({ version: before.version, deltas: 3 });
    expect(backlog?.bytes).toBeGreaterThan(10_000);

    let clock = Date.now();
    const follow = () => getSearchIndex(indexDir, () => (clock += MANIFEST_CHECK_INTERVAL_MS));
    const loaded = await follow();
    expect(loaded.size).toBeGreaterThan(loaded.liveSize);
    const queries = [marker(0, 0), marker(1, 1), marker(0, 2), "sygedagpenge", '"har klaget over"'];
    const answersBefore = await Promise.all(queries.map((q) => total(q)));
    expect(answersBefore).toEqual([0, 1, 1, expect.any(Number), expect.any(Number)]);
    expect(answersBefore[3]).toBeGreaterThan(0);
    expect(answersBefore[4]).toBeGreaterThanOrEqual(2);

    expect(await compactSearchIndex(db.prisma, () => {}, indexDir, { maxDeltas: 4, maxDeltaBytes: Infinity })).toBe("not-due");
    expect((await readSearchIndexManifest(indexDir)).version).toBe(before.version);

    const logged: string[] = [];
    expect(await compactSearchIndex(db.prisma, (line) => logged.push(line), indexDir, { maxDeltas: 3, maxDeltaBytes: Infinity })).toBe("merged");
    const after = await readSearchIndexManifest(indexDir);
    expect(after.version).not.toBe(before.version);
    expect(after.deltas).toEqual([]);
    expect(logged[0]).toMatch(/merging 3 delta\(s\)/);
    // The old version and its deltas are gone from disk.
    expect((await readdir(indexDir)).filter((name) => name.startsWith("v-"))).toEqual([after.path]);

    // The server still holds the old version until its next manifest check, then loads the new one.
    await follow();
    await settleSearchIndexReload(indexDir);
    const merged = await follow();
    expect(merged.version).toBe(after.version);
    expect(merged.size).toBe(merged.liveSize);
    expect(merged.size).toBe(loaded.liveSize);
    expect(await Promise.all(queries.map((q) => total(q)))).toEqual(answersBefore);
    expect(await readDeltaBacklog(indexDir)).toEqual({ version: after.version, deltas: 0, bytes: 0 });
    expect(await compactSearchIndex(db.prisma, () => {}, indexDir, ALWAYS)).toBe("not-due");
  });

  it("keeps a write that lands while the merge builds: its delta moves to the new version", async () => {
    await write(0, 0);
    await write(1, 1);
    const before = await readSearchIndexManifest(indexDir);
    const outcome = await compactSearchIndex(db.prisma, () => {}, indexDir, ALWAYS, {
      // The build has read the database and built the index; this write commits and appends its delta now.
      beforeExport: async () => {
        await write(2, 2);
        await write(1, 0);
        expect((await readSearchIndexManifest(indexDir)).deltas).toHaveLength(before.deltas.length + 2);
      },
    });
    expect(outcome).toBe("merged");
    const after = await readSearchIndexManifest(indexDir);
    expect(after.version).not.toBe(before.version);
    expect(after.deltas).toHaveLength(2);
    expect(await total(marker(2, 2))).toBe(1);
    expect(await total(marker(1, 0))).toBe(1);
    expect(await total(marker(1, 1))).toBe(0);
    expect(await total(marker(0, 0))).toBe(1);

    // The same answers as a full build after the writes.
    const full = path.join(work, "full");
    await rebuildSearchIndex(db.prisma, () => {}, full);
    for (const q of [marker(0, 0), marker(1, 0), marker(1, 1), marker(2, 2), "sygedagpenge", "Fritidspas"]) {
      expect(await total(q), q).toBe(await total(q, full));
    }
    forgetSearchIndex(full);
  });

  it("runs as the web server runs it: `npm run index -- --if-due` in a child process, merging only when due", async () => {
    // The child finds the index where the portal keeps it: <REFERATPORTALEN_DATA_DIR>/search.
    const childDir = path.join(work, "search");
    await rebuildSearchIndex(db.prisma, () => {}, childDir);
    writeFileSync(path.join(files, "vejen-2.txt"), vejenMeeting(2, 2));
    await ingestFiles(db.prisma, [path.join(files, "vejen-2.txt")]);
    await updateSearchIndex(db.prisma, () => {}, childDir);
    const before = await readSearchIndexManifest(childDir);
    expect(before.deltas).toHaveLength(1);
    const env = { ...process.env, DATABASE_URL: db.url, REFERATPORTALEN_DATA_DIR: work, SEARCH_MERGE_MB: "0" };

    await mergeInChildProcess({ ...env, SEARCH_MERGE_DELTAS: "2" });
    expect(await readSearchIndexManifest(childDir)).toEqual(before);
    await mergeInChildProcess({ ...env, SEARCH_MERGE_DELTAS: "1" });
    const merged = await readSearchIndexManifest(childDir);
    expect(merged.version).not.toBe(before.version);
    expect(merged.deltas).toEqual([]);
    expect(await total(marker(2, 2), childDir)).toBe(1);
    forgetSearchIndex(childDir);
  }, 120_000);

  it("leaves the deltas to a full build another process runs", async () => {
    await write(0, 0);
    const other = await holdBuildLock();
    try {
      expect(await compactSearchIndex(db.prisma, () => {}, indexDir, ALWAYS)).toBe("busy");
    } finally {
      await other.release();
    }
    expect((await readSearchIndexManifest(indexDir)).deltas).toHaveLength(1);
    expect(await compactSearchIndex(db.prisma, () => {}, indexDir, ALWAYS)).toBe("merged");
  });
});

describe("full builds", () => {
  it("run one at a time: a build waits for the one another process runs, so the later one reads later data and wins", async () => {
    await write(0, 0);
    const other = await holdBuildLock();
    const before = await readSearchIndexManifest(indexDir);
    let isDone = false;
    const waiting = rebuildSearchIndex(db.prisma, () => {}, indexDir).then(() => (isDone = true));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(isDone).toBe(false);
    expect((await readSearchIndexManifest(indexDir)).version).toBe(before.version);
    await other.release();
    await waiting;
    expect((await readSearchIndexManifest(indexDir)).version).not.toBe(before.version);
  });
});

describe("a correction that closes an indexed item", () => {
  const needles = (meeting: number, variant: number) => [marker(meeting, variant), foldDanish(marker(meeting, variant))];

  it("leaves no index file holding its text once the write's index update returns", async () => {
    await write(0, 0);
    expect(await total(marker(0, 0))).toBe(1);
    expect(await indexFilesContaining(needles(0, 0))).not.toEqual([]);
    await write(0, 0, true);
    expect(await indexFilesContaining(needles(0, 0))).toEqual([]);
    expect(await totalWithinASecond(marker(0, 0), 0)).toBe(0);
  });

  it("leaves no index file holding its text when it lands while a merge builds from the item's open text", async () => {
    await write(0, 0);
    let writing: Promise<void> | null = null;
    const outcome = await compactSearchIndex(db.prisma, () => {}, indexDir, ALWAYS, {
      beforeExport: async () => {
        const deltas = (await readSearchIndexManifest(indexDir)).deltas.length;
        const file = path.join(files, "vejen-0.txt");
        writeFileSync(file, vejenMeeting(0, 0, true));
        await ingestFiles(db.prisma, [file]);
        // The writer appends its delta, then waits for this build before it purges.
        writing = updateSearchIndex(db.prisma, () => {}, indexDir);
        while ((await readSearchIndexManifest(indexDir)).deltas.length === deltas) await new Promise((resolve) => setTimeout(resolve, 10));
      },
    });
    expect(outcome).toBe("merged");
    expect(writing).not.toBeNull();
    await writing;
    expect(await indexFilesContaining(needles(0, 0))).toEqual([]);
    expect(await totalWithinASecond(marker(0, 0), 0)).toBe(0);
    expect(await total("sygedagpenge")).toBeGreaterThan(0);
  });
});
