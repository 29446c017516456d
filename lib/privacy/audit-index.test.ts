import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "@/lib/search/build-index";
import { exportSearchIndex } from "@/lib/search/index-store";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { generateSearchDocuments } from "@/lib/search/synthetic-documents";
import { scanSearchIndexExport } from "./audit-index";

const directories = temporaryDirectories("audit-index-");

describe("scanSearchIndexExport", () => {
  it("decompresses every item with the dictionary behind its file's header, and reports a damaged dictionary", async () => {
    const dir = directories.create();
    const manifest = await exportSearchIndex(buildSearchIndex(generateSearchDocuments(40, 5)), dir);
    const clean = await scanSearchIndexExport(dir);
    expect(clean.findings).toEqual([]);
    expect(clean.scanned["punkter i indekset"]).toBeGreaterThanOrEqual(40);

    const dictionary = path.join(dir, manifest.path, "sections-dictionary.bin");
    const bytes = await readFile(dictionary);
    await writeFile(dictionary, bytes.subarray(0, bytes.length - 1));
    const damaged = await scanSearchIndexExport(dir);
    expect(damaged.findings).toEqual([
      { location: path.join(dir, manifest.path, "sections.bin"), problem: expect.stringMatching(/mangler sin ordbog/u) },
    ]);
  });
});
