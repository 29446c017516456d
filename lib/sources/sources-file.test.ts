import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSourcesFile } from "./sources-file";

function write(body: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sources-")), "sources.json");
  writeFileSync(file, body);
  return file;
}

describe("readSourcesFile", () => {
  it("reads sites with their municipality and committees", async () => {
    const file = write(JSON.stringify({ sources: [{ url: "https://dagsordener.vejen.dk" }, { kind: "firstagenda", url: "https://x.dk", municipality: "Lemvig", committees: ["Byrådet", 3] }] }));
    expect(await readSourcesFile(file)).toEqual([
      { kind: "firstagenda", url: "https://dagsordener.vejen.dk", municipality: null, committees: [] },
      { kind: "firstagenda", url: "https://x.dk", municipality: "Lemvig", committees: ["Byrådet"] },
    ]);
  });

  it("names the file and the entry that is wrong", async () => {
    await expect(readSourcesFile(write(`{"sources": [{"url": "https://a.dk"}, {"kind": "pdf", "url": "https://b.dk"}]}`))).rejects.toThrow(/sources\.json: sources\[1\]: ukendt kind "pdf"/);
    await expect(readSourcesFile(write(`{"sources": [{}]}`))).rejects.toThrow(/sources\[0\]: mangler "url"/);
    await expect(readSourcesFile(write(`{"sources": [`))).rejects.toThrow(/sources\.json: ikke gyldig JSON/);
    await expect(readSourcesFile("/nonexistent/sources.json")).rejects.toThrow("/nonexistent/sources.json: filen findes ikke");
  });
});
