import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/lib/ingest/test-fixtures";
import { INDEX_FORMAT_VERSION } from "@/lib/search/index-config";
import { MANIFEST_FILE, type SearchIndexManifest } from "@/lib/search/index-store";
import { checkKeptIndex, keptDataDir } from "./bench-kept-index";

describe("checkKeptIndex", () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir("bench-kept-index-");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes a manifest whose full build read watermark `built` and whose deltas read `deltas`. */
  const writeManifest = async (built: number, deltas: number[] = [], formatVersion = INDEX_FORMAT_VERSION) => {
    const manifest: SearchIndexManifest = {
      formatVersion,
      version: "20261202T080000000Z-abc123",
      path: "v-20261202T080000000Z-abc123",
      size: 2000,
      createdAt: "2026-12-02T08:00:00.000Z",
      basis: { changeWatermark: built, readAtMs: 0 },
      deltas: deltas.map((changeWatermark, i) => ({ file: `delta-${i}.json`, basis: { changeWatermark, readAtMs: 0 }, items: 9 })),
    };
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest));
  };

  it("builds when nothing is kept", async () => {
    expect(await checkKeptIndex(dir, 7, false)).toEqual({ isReusable: false, reason: expect.stringContaining("intet brugbart gemt indeks") });
  });

  it("reuses an index that reflects the database's change watermark, through its full build or its last delta", async () => {
    await writeManifest(7);
    expect(await checkKeptIndex(dir, 7, false)).toMatchObject({ isReusable: true, manifest: { size: 2000 } });
    await writeManifest(7, [8, 9]);
    expect(await checkKeptIndex(dir, 9, false)).toMatchObject({ isReusable: true });
  });

  it("builds when the database changed since, when the format is another or when asked to", async () => {
    await writeManifest(7, [8]);
    expect(await checkKeptIndex(dir, 10, false)).toEqual({ isReusable: false, reason: expect.stringMatching(/ændringsmærke 8, databasen er ved 10/) });
    expect(await checkKeptIndex(dir, 8, true)).toEqual({ isReusable: false, reason: "--rebuild-index" });
    await writeManifest(8, [], INDEX_FORMAT_VERSION - 1);
    expect(await checkKeptIndex(dir, 8, false)).toEqual({ isReusable: false, reason: expect.stringContaining("intet brugbart gemt indeks") });
  });

  it("keeps the index beside the database's name under .data/bench-index", () => {
    expect(keptDataDir("bench_search_2000_20240319", "/work/x")).toBe("/work/x/.data/bench-index/bench_search_2000_20240319");
  });
});
