import { readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { makeTempDir, SAMPLES_DIR, vejenMeetingWithMarker } from "@/lib/ingest/test-fixtures";
import { readSearchIndexManifest } from "@/lib/search/index-store";
import { SectionCompressor } from "@/lib/search/section-compressor";
import { SpillSectionStore } from "@/lib/search/section-store";
import { settledThreadCount, threadCount } from "@/lib/test-support/thread-count";
import { rebuildSearchIndex } from "./rebuild-search-index";

let db: TestDatabase;
let work: string;
beforeAll(async () => {
  db = await createTestDatabase();
  work = makeTempDir("referat-rebuild-");
  // More section text than one batch of the compressor (256 K characters): its worker fails while the build reads.
  const files = Array.from({ length: 8 }, (_, meeting) => {
    const file = path.join(work, `vejen-${meeting}.txt`);
    writeFileSync(file, vejenMeetingWithMarker(meeting, `Rebuildmarker${meeting}`));
    return file;
  });
  await ingestFiles(db.prisma, [SAMPLES_DIR, ...files]);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await db.drop();
});

describe("rebuildSearchIndex", () => {
  it("fails with the compressor's error when its worker dies mid-build: the current version stays, the spill files go, no worker is left", async () => {
    const indexDir = path.join(work, "index");
    const good = await rebuildSearchIndex(db.prisma, () => {}, indexDir);
    const entries = (await readdir(indexDir)).sort();
    expect(entries).toEqual(["current.json", good.path]);
    const threads = threadCount();
    expect(threads).toBeGreaterThan(0);

    let compressed = 0;
    let failedSpillDir = "";
    // zlib has no level 99: the real worker throws on its first batch, as a crash would.
    const failing = (spillDir: string) =>
      SpillSectionStore.create((failedSpillDir = spillDir), (onCompressed) =>
        new SectionCompressor(99, Buffer.alloc(0), (bytes) => {
          compressed++;
          onCompressed(bytes);
        }),
      );
    await expect(rebuildSearchIndex(db.prisma, () => {}, indexDir, { createSectionStore: failing })).rejects.toThrow(
      /^The section compressor's worker failed: .*"options\.level" is out of range/u,
    );
    expect(compressed).toBe(0);
    // No new or half-written version, no staging directory, no spill directory (.build-*).
    expect((await readdir(indexDir)).sort()).toEqual(entries);
    expect(await readSearchIndexManifest(indexDir)).toEqual(good);
    // The worker thread has stopped.
    expect(await settledThreadCount(threads)).toBeLessThanOrEqual(threads);
    // No descriptor left open on the failed build's deleted spill files (it would keep their space
    // on disk until a garbage collection; the good build's are linked into its version).
    expect(failedSpillDir).not.toBe("");
    expect(openFilesUnder(failedSpillDir)).toEqual([]);

    // The next build succeeds.
    const next = await rebuildSearchIndex(db.prisma, () => {}, indexDir);
    expect((await readdir(indexDir)).sort()).toEqual(["current.json", next.path]);
  });
});

/** The files below `dir` this process holds open (Linux: /proc/self/fd), deleted ones included. */
function openFilesUnder(dir: string): string[] {
  return readdirSync("/proc/self/fd").flatMap((fd) => {
    try {
      const target = readlinkSync(path.join("/proc/self/fd", fd));
      return target.startsWith(`${dir}/`) ? [target] : [];
    } catch {
      return [];
    }
  });
}
