import { rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/lib/ingest/test-fixtures";
import { buildSearchIndex } from "@/lib/search/build-index";
import { appendIndexDelta, exportSearchIndex, readSearchIndexManifest } from "@/lib/search/index-store";
import { generateSearchDocuments } from "@/lib/search/synthetic-documents";
import { startSearchMergeTimer, type SearchMergeTimer } from "./search-merge-timer";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `isMet` holds; fails after five seconds (a loaded machine). */
async function until(isMet: () => boolean): Promise<void> {
  const started = Date.now();
  while (!isMet()) {
    if (Date.now() - started > 5_000) throw new Error("condition not met within 5 s");
    await sleep(10);
  }
}

let dir: string;
let timer: SearchMergeTimer | null = null;
beforeEach(async () => {
  dir = path.join(makeTempDir("referat-merge-timer-"), "index");
  await exportSearchIndex(buildSearchIndex(generateSearchDocuments(20, 7)), dir);
});
afterEach(async () => {
  timer?.stop();
  await timer?.running();
  timer = null;
  await rm(path.dirname(dir), { recursive: true, force: true });
});

/** Appends a delta that replaces the first document's page with itself. */
async function appendDelta(): Promise<void> {
  const manifest = await readSearchIndexManifest(dir);
  const [doc] = generateSearchDocuments(1, 7);
  if (doc === undefined) throw new Error("no synthetic document");
  const changeWatermark = manifest.deltas.length + 1;
  await appendIndexDelta(dir, manifest, { paths: [doc.url], docs: [doc], basis: { changeWatermark, readAtMs: Date.now() } });
}

describe("the web server's merge timer", () => {
  it("starts a merge once the deltas reach the threshold, never two at a time, and logs what it merges", async () => {
    let merges = 0;
    let finish = () => {};
    const logged: string[] = [];
    timer = startSearchMergeTimer({
      dir,
      thresholds: { maxDeltas: 2, maxDeltaBytes: Infinity },
      intervalMs: 20,
      log: (line) => logged.push(line),
      merge: () => {
        merges++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    await appendDelta();
    await sleep(150);
    expect(merges).toBe(0);

    await appendDelta();
    await until(() => merges === 1);
    expect(timer.running()).not.toBeNull();
    // Still due while it runs: no second merge starts.
    await sleep(150);
    expect(merges).toBe(1);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^Search index \S+: 2 delta\(s\), \d+\.\d MB; merging them into a new version in the background …$/);

    finish();
    await until(() => merges === 2);
    // The fake merge merged nothing: the deltas are still due, so the next check starts another.
    expect(merges).toBe(2);
    finish();
  });

  it("starts a merge from the bytes of the deltas, and none with merging off", async () => {
    await appendDelta();
    let merges = 0;
    timer = startSearchMergeTimer({ dir, thresholds: { maxDeltas: 0, maxDeltaBytes: 1 }, intervalMs: 20, log: () => {}, merge: async () => void merges++ });
    await sleep(150);
    expect(merges).toBe(0);
    timer.stop();
    timer = startSearchMergeTimer({ dir, thresholds: { maxDeltas: 100, maxDeltaBytes: 1 }, intervalMs: 1_000, log: () => {}, merge: async () => void merges++ });
    await until(() => merges === 1);
  });

  it("logs a failed merge and tries again at a later check", async () => {
    await appendDelta();
    const logged: string[] = [];
    let merges = 0;
    timer = startSearchMergeTimer({
      dir,
      thresholds: { maxDeltas: 1, maxDeltaBytes: Infinity },
      intervalMs: 30,
      log: (line) => logged.push(line),
      merge: async () => {
        merges++;
        throw new Error("database gone");
      },
    });
    await until(() => merges > 1);
    expect(logged.some((line) => line.includes("the background merge failed (database gone)"))).toBe(true);
  });
});
