import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { foldDanish } from "@/lib/text/fold-danish";
import { buildSearchIndex, newIndexVersion } from "./build-index";
import { forgetSearchIndex, getSearchIndex, MANIFEST_CHECK_INTERVAL_MS, settleSearchIndexReload } from "./get-search-index";
import { INDEX_FORMAT_VERSION } from "./index-config";
import {
  exportSearchIndex,
  importSearchIndex,
  itemColumnName,
  MANIFEST_FILE,
  PAIRS_SEGMENT,
  readSearchIndexManifest,
  SearchIndexNotFoundError,
  STRING_COLUMNS,
  TERMS_SEGMENT,
} from "./index-store";
import { searchItems } from "./query";
import { CorruptIndexFileError } from "./section-store";
import { Segment } from "./segment/segment";
import { TermRanges } from "./segment/term-ranges";
import { columnFiles } from "./string-column";
import { exportFileText } from "./test-export-files";
import type { SearchDocument } from "./search-document";
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from "./search-params";
import { generateSearchDocuments } from "./synthetic-documents";

const directories = temporaryDirectories("search-index-");

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

const ROUND_TRIP_QUERIES: Array<Partial<SearchParams>> = [
  { q: "fleksjob" },
  { q: "sygedagpenge" },
  { q: "sygedagpenge ukraine", sort: "nyeste" },
  { q: '"negativ social kontrol"' },
  { q: "høringssvar -klage" },
  { q: "hoeringssvar", side: 2 },
  { q: "Aabenraa" },
  { q: "får" },
  { q: "2000" },
  { q: "1.500.000" },
  { q: "15.00.00-A00" },
  { q: "touchskærme", felt: "beslutning" },
  { q: "ældre", felt: "titel" },
  { q: "budget", kommune: ["vejen", "faxe"], aar: ["2022", "2023"] },
  { q: "", udfald: ["approved"], emne: ["15"] },
  { q: "", udvalg: ["vejen/oekonomiudvalget"], side: 3 },
  { q: "klage", udfald: ["rejected", "noted"], sort: "nyeste" },
];

describe("index export and import", () => {
  it("returns the same results after build → export → import", async () => {
    const dir = directories.create();
    const built = buildSearchIndex(generateSearchDocuments(600, 3));
    await exportSearchIndex(built, dir);
    const imported = await importSearchIndex(dir);
    expect(imported.version).toBe(built.version);
    for (const query of ROUND_TRIP_QUERIES) {
      const params = { ...DEFAULT_SEARCH_PARAMS, ...query };
      const before = searchItems(built, params);
      expect(searchItems(imported, params)).toEqual(before);
    }
    expect(searchItems(built, { ...DEFAULT_SEARCH_PARAMS, q: "fleksjob" }).total).toBeGreaterThan(20);
  });

  it("never writes an item that was not added: a closed item's text is absent from every file", async () => {
    const dir = directories.create();
    const marker = "Lukketpunktmarkør Sørensensag";
    const openMarker = "Åbentpunktmarkør Jensensag";
    const openItems = generateSearchDocuments(50, 9);
    const first = openItems[0] as SearchDocument;
    openItems[0] = { ...first, sections: [...first.sections, { kind: "sagsfremstilling", heading: "Sagsfremstilling", text: openMarker }] };
    // The stand-in for a closed item: it exists in the data but the caller never passes it on.
    const closed: SearchDocument = { ...first, id: 999_999, title: marker, decision: marker, sections: [] };
    expect(closed.title).toBe(marker);
    await exportSearchIndex(buildSearchIndex(openItems), dir);

    const contents = await Promise.all((await filesUnder(dir)).map(exportFileText));
    const all = contents.join("\n");
    for (const needle of [marker, foldDanish(marker), "lukketpunktmark", "soerensensag", "999999"]) {
      expect(all.toLowerCase()).not.toContain(needle.toLowerCase());
    }
    // The grep itself works: the open item's marker is there, raw and as index terms.
    expect(all).toContain(openMarker);
    expect(all).toContain("aabentpunktmarkoer");
  });

  it("swaps the manifest atomically and deletes every older version at once", async () => {
    const dir = directories.create();
    const versions: string[] = [];
    for (let i = 0; i < 3; i++) {
      const index = buildSearchIndex(generateSearchDocuments(20, i + 1), newIndexVersion(new Date(Date.UTC(2024, 0, 1, 0, 0, i))));
      versions.push(index.version);
      await exportSearchIndex(index, dir);
      expect((await readdir(dir)).sort()).toEqual([MANIFEST_FILE, `v-${index.version}`].sort());
    }
    expect((await readSearchIndexManifest(dir)).version).toBe(versions[2]);
  });

  it("keeps the newer of two concurrent exports current, whichever finishes last", async () => {
    const dir = directories.create();
    const older = buildSearchIndex(generateSearchDocuments(10, 1), newIndexVersion(new Date(Date.UTC(2024, 0, 1))), { changeWatermark: 7, readAtMs: 1 });
    const newer = buildSearchIndex(generateSearchDocuments(10, 2), newIndexVersion(new Date(Date.UTC(2024, 0, 2))), { changeWatermark: 9, readAtMs: 2 });
    await exportSearchIndex(newer, dir);
    expect((await exportSearchIndex(older, dir)).version).toBe(newer.version);
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_FILE, `v-${newer.version}`].sort());
    expect((await importSearchIndex(dir)).basis).toEqual({ changeWatermark: 9, readAtMs: 2 });
  });
});

describe("getSearchIndex", () => {
  it("loads once, then picks up a newer export in the background", async () => {
    const dir = directories.create();
    forgetSearchIndex(dir);
    const first = buildSearchIndex(generateSearchDocuments(30, 1));
    await exportSearchIndex(first, dir);
    let clock = 1_000_000;
    const now = () => clock;

    const loaded = await getSearchIndex(dir, now);
    expect(loaded.version).toBe(first.version);
    expect(await getSearchIndex(dir, now)).toBe(loaded);

    const second = buildSearchIndex(generateSearchDocuments(40, 2));
    await exportSearchIndex(second, dir);
    clock += MANIFEST_CHECK_INTERVAL_MS - 1;
    expect((await getSearchIndex(dir, now)).version).toBe(first.version);
    await settleSearchIndexReload(dir);
    clock += 1;
    // The check starts now; this call still answers from the old index.
    expect((await getSearchIndex(dir, now)).version).toBe(first.version);
    await settleSearchIndexReload(dir);
    const reloaded = await getSearchIndex(dir, now);
    expect(reloaded.version).toBe(second.version);
    expect(reloaded.size).toBe(40);
    forgetSearchIndex(dir);
  });

  it("keeps the version it serves when a newer one has a damaged sections-dictionary.bin, then loads the next good one", async () => {
    const dir = directories.create();
    forgetSearchIndex(dir);
    const version = (second: number) => newIndexVersion(new Date(Date.UTC(2024, 0, 1, 0, 0, second)));
    const first = buildSearchIndex(generateSearchDocuments(30, 1), version(1));
    await exportSearchIndex(first, dir);
    let clock = 1_000_000;
    const now = () => clock;
    expect((await getSearchIndex(dir, now)).version).toBe(first.version);

    const damaged = await exportSearchIndex(buildSearchIndex(generateSearchDocuments(40, 2), version(2)), dir);
    const dictionary = path.join(dir, damaged.path, "sections-dictionary.bin");
    const bytes = await readFile(dictionary);
    await writeFile(dictionary, bytes.subarray(0, bytes.length - 1));
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      clock += MANIFEST_CHECK_INTERVAL_MS;
      await getSearchIndex(dir, now);
      await settleSearchIndexReload(dir);
      const kept = await getSearchIndex(dir, now);
      expect(kept.version).toBe(first.version);
      expect(String(errors.mock.calls[0]?.[1])).toContain(dictionary);
      // Its version directory is gone, but its open files still answer: phrases are checked against the sections.
      const phrase = (first.items.sections.at(0)[0]?.text ?? "").split(/\s+/).slice(0, 3).join(" ");
      const params = { ...DEFAULT_SEARCH_PARAMS, q: `"${phrase}"` };
      expect(searchItems(kept, params).total).toBeGreaterThan(0);
      expect(searchItems(kept, params)).toEqual(searchItems(first, params));
      for (let ordinal = 0; ordinal < kept.size; ordinal++) expect(kept.items.sections.at(ordinal).length).toBeGreaterThan(0);
    } finally {
      errors.mockRestore();
    }

    const third = buildSearchIndex(generateSearchDocuments(50, 3), version(3));
    await exportSearchIndex(third, dir);
    clock += MANIFEST_CHECK_INTERVAL_MS;
    await getSearchIndex(dir, now);
    await settleSearchIndexReload(dir);
    expect((await getSearchIndex(dir, now)).version).toBe(third.version);
    forgetSearchIndex(dir);
  });

  it("rejects when nothing was exported", async () => {
    const dir = directories.create();
    await expect(getSearchIndex(dir)).rejects.toThrow(/npm run index/);
    forgetSearchIndex(dir);
  });

  it("refuses an export of an older format with the rebuild hint", async () => {
    const dir = directories.create();
    await exportSearchIndex(buildSearchIndex(generateSearchDocuments(10, 4)), dir);
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), "utf8")) as { formatVersion: number };
    await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify({ ...manifest, formatVersion: 7 }));
    await expect(importSearchIndex(dir)).rejects.toThrow(new SearchIndexNotFoundError(dir, `format 7, expected ${INDEX_FORMAT_VERSION}`));
    expect(INDEX_FORMAT_VERSION).toBe(17);
  });

  it("keeps its postings in segments and its item columns as byte columns and raw arrays, and names any file truncated when it will not load", async () => {
    const dir = directories.create();
    const docs = generateSearchDocuments(60, 6);
    // Small ranges, so that every file of the range tables holds some.
    await exportSearchIndex(buildSearchIndex(docs, undefined, undefined, undefined, { rangeShift: 3, rangedMinFrequency: 4 }), dir);
    const { path: versionPath } = await readSearchIndexManifest(dir);
    const versionDir = path.join(dir, versionPath);
    const names = (await filesUnder(versionDir)).map((file) => path.relative(versionDir, file)).sort();
    expect(names.filter((name) => name.endsWith(".gz"))).toEqual([]);
    const segmentFiles = [...Segment.fileNames(TERMS_SEGMENT), ...Segment.fileNames(PAIRS_SEGMENT), ...TermRanges.fileNames(TERMS_SEGMENT)];
    expect(segmentFiles.length).toBeGreaterThan(2);
    const itemFiles = ["items-id.bin", ...STRING_COLUMNS.flatMap((name) => Object.values(columnFiles("", itemColumnName(name))))];
    const orderFiles = ["order-by-date.bin", "order-by-url.bin", "facet-municipality.bin", "facet-day.bin", "facet-outcome.bin"];
    expect(names).toEqual(expect.arrayContaining([...segmentFiles, ...itemFiles, ...orderFiles]));
    // Every file of the version, whatever new ones an export writes: JSON files fail to parse instead.
    const isJson = (name: string) => name.endsWith(".json");
    expect(names.filter(isJson).sort()).toEqual(["labels.json", "meta.json", "pairs-bound-words.json", "pairs-header.json", "pairs-ranges.json", "terms-bound-words.json", "terms-header.json", "terms-ranges.json"]);
    expect(names).toContain("sections-dictionary.bin");
    // The pairs segment has bitmaps only (no pair is ranked by ranges): its tables, bounds and word bounds are empty.
    const emptyByDesign = ["pairs-ranged-terms.bin", "pairs-range-tables.bin", "pairs-range-bounds.bin", "pairs-word-bounds.bin"];
    expect(names).toEqual(expect.arrayContaining([...emptyByDesign, "pairs-bitmaps.bin", "pairs-bitmap-terms.bin"]));
    for (const name of names) {
      const file = path.join(versionDir, name);
      const bytes = await readFile(file);
      if (emptyByDesign.includes(name)) {
        expect(bytes.length, name).toBe(0);
        continue;
      }
      expect(bytes.length, name).toBeGreaterThan(1);
      await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      if (isJson(name)) {
        await expect(importSearchIndex(dir), name).rejects.toThrow();
      } else {
        await expect(importSearchIndex(dir), name).rejects.toThrow(CorruptIndexFileError);
        await expect(importSearchIndex(dir), name).rejects.toThrow(file);
      }
      await writeFile(file, bytes);
    }
    expect((await importSearchIndex(dir)).size).toBe(docs.length);
  });
});
