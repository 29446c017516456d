import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { FileSectionStore } from "./section-store";

/**
 * Test support: a file of an exported index as the text it holds, for tests that search every
 * index file for a word: gzipped files decompressed, the section store (`sections.bin`) decoded
 * item by item, the item ids as numbers, anything else read as UTF-8 (the item string columns too). Grepping the compressed bytes would find nothing
 * and pass for the wrong reason.
 */
export async function exportFileText(file: string): Promise<string> {
  if (file.endsWith(".gz")) return gunzipSync(await readFile(file)).toString("utf8");
  // The item ids are raw Int32s: as decimal numbers, one a line, so a grep for an id finds it.
  if (path.basename(file) === "items-id.bin") {
    const bytes = await readFile(file);
    return Array.from(new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)).join("\n");
  }
  if (path.basename(file) !== "sections.bin") return readFile(file, "utf8");
  const dir = path.dirname(file);
  const items = (await stat(path.join(dir, "sections-offsets.bin"))).size / Float64Array.BYTES_PER_ELEMENT - 1;
  const store = await FileSectionStore.open(dir, items);
  return JSON.stringify(Array.from({ length: items }, (_, ordinal) => store.at(ordinal)));
}
