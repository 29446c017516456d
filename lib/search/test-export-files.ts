import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { FileSectionStore } from "./section-store";

/**
 * Test support: a file of an exported index as the text it holds, for tests that search every
 * index file for a word: gzipped files decompressed, the section store (`sections.bin`) decoded
 * item by item, anything else read as UTF-8. Grepping the compressed bytes would find nothing
 * and pass for the wrong reason.
 */
export async function exportFileText(file: string): Promise<string> {
  if (file.endsWith(".gz")) return gunzipSync(await readFile(file)).toString("utf8");
  if (path.basename(file) !== "sections.bin") return readFile(file, "utf8");
  const dir = path.dirname(file);
  const items = (await stat(path.join(dir, "sections-offsets.bin"))).size / Float64Array.BYTES_PER_ELEMENT - 1;
  const store = await FileSectionStore.open(dir, items);
  return JSON.stringify(Array.from({ length: items }, (_, ordinal) => store.at(ordinal)));
}
