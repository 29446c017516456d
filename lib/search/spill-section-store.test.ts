import { readdir } from "node:fs/promises";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { SECTION_KINDS } from "@/lib/minutes/vocabulary";
import { buildSearchIndex, buildSearchIndexFrom } from "./build-index";
import { exportSearchIndex, importSearchIndex } from "./index-store";
import { searchItems } from "./query";
import type { SearchDocument } from "./search-document";
import type { StoredSection } from "./search-index";
import { DEFAULT_SEARCH_PARAMS } from "./search-params";
import { FileSectionStore, MemorySectionStore, SpillSectionStore, writeSectionStore } from "./section-store";
import { generateSearchDocuments } from "./synthetic-documents";
import { settledThreadCount, threadCount } from "@/lib/test-support/thread-count";

const directories = temporaryDirectories("spill-sections-");

const section: fc.Arbitrary<StoredSection> = fc.record({
  kind: fc.constantFrom(...SECTION_KINDS),
  heading: fc.string(),
  // Long texts too, so items cross the spill buffer's 8 MB flushes.
  text: fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ minLength: 1, maxLength: 3 }).map((s) => s.repeat(400_000))),
});

async function* streamed(docs: readonly SearchDocument[]): AsyncGenerator<SearchDocument> {
  for (const doc of docs) yield doc;
}

describe("SpillSectionStore", () => {
  it("stops its compressor's worker when the documents fail mid-build, the build failing with their error", async () => {
    const docs = generateSearchDocuments(300, 8);
    const spill = SpillSectionStore.create(directories.create());
    const threads = threadCount();
    expect(threads).toBeGreaterThan(0);
    let threadsWhileBuilding = 0;
    async function* failing(): AsyncGenerator<SearchDocument> {
      for (const [i, doc] of docs.entries()) {
        if (i === 250) {
          threadsWhileBuilding = threadCount();
          throw new Error("the database went away");
        }
        yield doc;
      }
    }
    await expect(buildSearchIndexFrom(failing(), "20240101T000000000Z-aaaaaa", { changeWatermark: 0, readAtMs: 0 }, spill)).rejects.toThrow("the database went away");
    // The worker ran (a thread more) and is gone: a failed build leaves nothing running.
    expect(threadsWhileBuilding).toBeGreaterThan(threads);
    expect(await settledThreadCount(threads)).toBeLessThanOrEqual(threads);
  });

  it("reads back every item's sections, before and after the export links its file", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(section, { maxLength: 4 }), { minLength: 1, maxLength: 40 }), async (items) => {
        const dir = directories.create();
        const spill = SpillSectionStore.create(dir);
        const memory = new MemorySectionStore();
        for (const sections of items) {
          spill.push(sections);
          memory.push(sections);
        }
        expect(spill.length).toBe(items.length);
        // Read back in an order other than written, while some are still buffered.
        for (let i = items.length - 1; i >= 0; i--) expect(spill.at(i)).toEqual(memory.at(i));
        expect(spill.at(items.length)).toEqual([]);
        const exported = directories.create();
        await writeSectionStore(exported, spill, items.length);
        const file = await FileSectionStore.open(exported, items.length);
        items.forEach((sections, i) => expect(file.at(i)).toEqual(sections));
      }),
      { numRuns: 25 },
    );
    // Compressing texts of a megabyte and more, 25 times over: ~15 s of CPU, longer on a loaded machine.
  }, 180_000);

  it("gives the streamed build the same index as the in-memory build, exported and imported", async () => {
    const docs = generateSearchDocuments(400, 5);
    expect(docs.length).toBe(400);
    const basis = { changeWatermark: 0, readAtMs: 0 };
    const inMemory = buildSearchIndex(docs, "20240101T000000000Z-aaaaaa", basis);
    const spillDir = directories.create();
    const spilled = await buildSearchIndexFrom(streamed(docs), "20240101T000000000Z-aaaaaa", basis, SpillSectionStore.create(spillDir));
    const dir = directories.create();
    await exportSearchIndex(spilled, dir);
    expect((await readdir(spillDir)).length).toBe(1);
    const imported = await importSearchIndex(dir);
    const queries = ["fleksjob", "sygedagpenge ukraine", '"negativ social kontrol"', "budget", "", "høringssvar -klage"];
    for (const q of queries) {
      const params = { ...DEFAULT_SEARCH_PARAMS, q };
      const expected = searchItems(inMemory, params);
      expect(searchItems(spilled, params)).toEqual(expected);
      expect(searchItems(imported, params)).toEqual(expected);
    }
    for (let ordinal = 0; ordinal < docs.length; ordinal++) expect(imported.items.sections.at(ordinal)).toEqual(inMemory.items.sections.at(ordinal));
  });
});
