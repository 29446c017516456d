import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, stat, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { SECTION_KINDS } from "@/lib/minutes/vocabulary";
import { findCprNumbers } from "@/lib/privacy/redact-cpr";
import type { StoredSection } from "./search-index";
import { SECTION_DICTIONARY } from "./section-dictionary";
import { CorruptIndexFileError, FileSectionStore, MemorySectionStore, SpillSectionStore, writeSectionStore } from "./section-store";
import { generateSearchDocuments } from "./synthetic-documents";

const directories = temporaryDirectories("section-store-");

/** Synthetic items' sections, with items that have none. */
function sampleSections(): StoredSection[][] {
  const items = generateSearchDocuments(300, 11).map((doc) => doc.sections);
  // Items without sections are stored as no bytes at all.
  return [...items, [], ...items.slice(0, 5), []];
}

/** A file store exported from `items`, with its directory. */
async function exported(items: readonly StoredSection[][]): Promise<{ dir: string; store: FileSectionStore }> {
  const memory = new MemorySectionStore();
  for (const sections of items) memory.push(sections);
  const dir = directories.create();
  await writeSectionStore(dir, memory, items.length);
  return { dir, store: await FileSectionStore.open(dir, items.length) };
}

describe("the exported section store", () => {
  it("compresses with a dictionary of open sample text that holds no CPR number and no closed marker", () => {
    expect(SECTION_DICTIONARY.length).toBeGreaterThan(10_000);
    expect(findCprNumbers(SECTION_DICTIONARY)).toEqual([]);
    expect(SECTION_DICTIONARY).not.toMatch(/lukket|fortrolig/i);
  });

  it("holds each item's sections compressed: the file is a fraction of their JSON, and every item reads back", async () => {
    const items = sampleSections();
    expect(items.length).toBeGreaterThan(300);
    const { dir, store } = await exported(items);
    const json = items.reduce((sum, sections) => sum + Buffer.byteLength(JSON.stringify(sections), "utf8"), 0);
    const { size } = await stat(path.join(dir, "sections.bin"));
    // Measured 3.4× on real minutes and 3.9× on the corpus generator's; below 2× means it is not compressed.
    expect(size * 2).toBeLessThan(json);
    items.forEach((sections, ordinal) => expect(store.at(ordinal)).toEqual(sections));
    expect(store.at(items.length)).toEqual([]);
  });

  it("writes a spilled build's file in the same layout, compressed as it is pushed", async () => {
    const items = sampleSections();
    const spillDir = directories.create();
    const spill = SpillSectionStore.create(spillDir);
    for (const sections of items) spill.push(sections);
    const dir = directories.create();
    await writeSectionStore(dir, spill, items.length);
    const direct = await exported(items);
    expect(readFileSync(path.join(dir, "sections.bin"))).toEqual(readFileSync(path.join(direct.dir, "sections.bin")));
    expect(readFileSync(path.join(dir, "sections-offsets.bin"))).toEqual(readFileSync(path.join(direct.dir, "sections-offsets.bin")));
    const store = await FileSectionStore.open(dir, items.length);
    items.forEach((sections, ordinal) => expect(store.at(ordinal)).toEqual(sections));
  });

  it("reads with the dictionary its export carries, not the one the code holds now", async () => {
    const items = sampleSections().slice(0, 40);
    const { dir } = await exported(items);
    const dictionary = path.join(dir, "sections-dictionary.bin");
    expect((await readFile(dictionary)).length).toBeGreaterThan(1000);
    const other = Buffer.from(`${SECTION_KINDS.join(" ")} another dictionary`);
    await writeFile(dictionary, Buffer.concat([Buffer.from(`${JSON.stringify({ bytes: other.length, sha256: sha256(other) })}\n`), other]));
    const store = await FileSectionStore.open(dir, items.length);
    // Items compressed with the other dictionary no longer decode: the file's own is used.
    expect(() => items.forEach((_, ordinal) => store.at(ordinal))).toThrow(CorruptIndexFileError);
  });

  it("refuses a truncated, damaged or headerless dictionary when it opens, naming sections-dictionary.bin", async () => {
    const items = sampleSections().slice(0, 20);
    const { dir } = await exported(items);
    const file = path.join(dir, "sections-dictionary.bin");
    const bytes = await readFile(file);
    const body = bytes.indexOf(0x0a) + 1;
    expect(bytes.subarray(body)).toEqual(Buffer.from(SECTION_DICTIONARY, "utf8"));
    const flipped = Buffer.from(bytes);
    // A byte near the end, which the items compressed here may never refer to.
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] ?? 0) ^ 0x20;
    const damages: Array<[string, Buffer, string]> = [
      ["truncated", bytes.subarray(0, bytes.length - 1), "bytes, its header says"],
      ["cut in half", bytes.subarray(0, Math.floor(bytes.length / 2)), "bytes, its header says"],
      ["one byte changed", flipped, "SHA-256"],
      ["without its header (format 11)", bytes.subarray(body), "no dictionary header"],
      ["empty", Buffer.alloc(0), "no dictionary header"],
    ];
    for (const [damage, content, reason] of damages) {
      await writeFile(file, content);
      await expect(FileSectionStore.open(dir, items.length), damage).rejects.toThrow(CorruptIndexFileError);
      await expect(FileSectionStore.open(dir, items.length), damage).rejects.toThrow(`Corrupt search index file ${file}: `);
      await expect(FileSectionStore.open(dir, items.length), damage).rejects.toThrow(reason);
    }
    await writeFile(file, bytes);
    const store = await FileSectionStore.open(dir, items.length);
    items.forEach((sections, ordinal) => expect(store.at(ordinal)).toEqual(sections));
  });

  it("names the file when it is truncated, damaged or its offsets do not fit", async () => {
    const items = sampleSections().slice(0, 50);
    const damaged = await exported(items);
    const data = path.join(damaged.dir, "sections.bin");
    const bytes = await readFile(data);
    // Garbage in the middle of item 3's bytes; the file keeps its length.
    const offsets = new Float64Array(new Uint8Array(await readFile(path.join(damaged.dir, "sections-offsets.bin"))).buffer);
    const start = offsets[3] ?? 0;
    expect((offsets[4] ?? 0) - start).toBeGreaterThan(8);
    bytes.fill(0xff, start + 2, start + 8);
    await writeFile(data, bytes);
    const store = await FileSectionStore.open(damaged.dir, items.length);
    expect(() => store.at(3)).toThrow(new RegExp(`Corrupt search index file ${escape(data)}: item 3 `));
    expect(store.at(2)).toEqual(items[2]);

    const truncated = await exported(items);
    await truncate(path.join(truncated.dir, "sections.bin"), 100);
    await expect(FileSectionStore.open(truncated.dir, items.length)).rejects.toThrow(path.join(truncated.dir, "sections.bin"));

    const shortOffsets = await exported(items);
    await truncate(path.join(shortOffsets.dir, "sections-offsets.bin"), 8 * 10 + 3);
    await expect(FileSectionStore.open(shortOffsets.dir, items.length)).rejects.toThrow(path.join(shortOffsets.dir, "sections-offsets.bin"));
  });
});

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
