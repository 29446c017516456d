import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSearchIndex, buildSearchIndexFrom } from "./build-index";
import type { SearchDocument } from "./search-document";
import type { SearchIndex } from "./search-index";
import { SpillSectionStore, writeSectionStore } from "./section-store";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { generateSearchDocuments } from "./synthetic-documents";

const directories = temporaryDirectories("streamed-build-");
const basis = { changeWatermark: 0, readAtMs: 0 };
const version = "20240101T000000000Z-aaaaaa";

async function* streamed(docs: readonly SearchDocument[]): AsyncGenerator<SearchDocument> {
  for (const doc of docs) yield doc;
}

/** Every file the index's segments and sections are written to, by name, as bytes. */
async function writtenFiles(index: SearchIndex): Promise<Map<string, Buffer>> {
  const dir = directories.create();
  await index.segments.terms.writeTo(dir, "terms");
  await index.segments.pairs.writeTo(dir, "pairs");
  await writeSectionStore(dir, index.items.sections, index.size);
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
}

/** The full build as `npm run index` runs it: streamed, sections compressed on a worker, postings spilled. */
async function buildAsRebuildDoes(docs: readonly SearchDocument[]): Promise<SearchIndex> {
  const spillDir = directories.create();
  return await buildSearchIndexFrom(streamed(docs), version, basis, SpillSectionStore.create(spillDir), undefined, spillDir);
}

describe("the streamed full build", () => {
  it("writes the same segment and section bytes as the in-memory build", async () => {
    const docs = generateSearchDocuments(600, 11);
    const expected = await writtenFiles(buildSearchIndex(docs, version, basis));
    const files = await writtenFiles(await buildAsRebuildDoes(docs));
    expect([...files.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(expected.size).toBeGreaterThan(4);
    for (const [name, bytes] of expected) expect(files.get(name)?.equals(bytes), name).toBe(true);
  });

  it("indexes every item under a committee's last name when the committee is renamed while the build reads", async () => {
    const docs = generateSearchDocuments(200, 12);
    const renamed = docs[0]?.committeeSlug;
    // The items read after the first hundred carry the committee's new name.
    const changed = docs.map((doc, i) => (i >= 100 && doc.committeeSlug === renamed ? { ...doc, committee: "Udvalget for Omdøbte Sager" } : doc));
    expect(changed.filter((doc, i) => doc.committeeSlug === renamed && i < 100).length).toBeGreaterThan(0);
    const expected = await writtenFiles(buildSearchIndex(changed, version, basis));
    const files = await writtenFiles(await buildAsRebuildDoes(changed));
    for (const [name, bytes] of expected) expect(files.get(name)?.equals(bytes), name).toBe(true);
  });
});
