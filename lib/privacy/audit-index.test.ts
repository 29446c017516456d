import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "@/lib/search/build-index";
import { exportSearchIndex } from "@/lib/search/index-store";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { generateSearchDocuments } from "@/lib/search/synthetic-documents";
import { testDocument } from "@/lib/search/test-documents";
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

  it("finds a CPR number in every index term that holds it: the word, its section-kind term and its word pairs", async () => {
    const dir = directories.create();
    const manifest = await exportSearchIndex(
      buildSearchIndex([testDocument(1, { sections: [{ kind: "sagsfremstilling", heading: "Sagsfremstilling", text: "Borger 010203-1234 klager" }] })]),
      dir,
    );
    const inTerms = (await scanSearchIndexExport(dir)).findings.filter((finding) => finding.location.includes(" term "));
    const at = (segment: string) => inTerms.filter((finding) => finding.location.startsWith(path.join(dir, manifest.path, `${segment}-*`)));
    // The word once as itself and once under its section's kind, both quoted as the word; two pairs.
    expect(at("terms").map((finding) => finding.problem)).toEqual(['CPR-nummer: "[CPR-nummer]"', 'CPR-nummer: "[CPR-nummer]"']);
    expect(at("pairs")).toHaveLength(2);
  });
});
