import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { discoverFiles } from "./discover-files";
import { makeTempDir, writeFixture } from "./test-fixtures";

describe("discoverFiles", () => {
  it("finds each file once in a folder with a symbolic link back to itself, and says so", async () => {
    const root = makeTempDir("discover-loop-");
    const file = writeFixture(root, "referat.txt", "x");
    symlinkSync(root, path.join(root, "ring"));
    const discovery = await discoverFiles([root]);
    expect(discovery.files).toEqual([file]);
    expect(discovery.skipped).toEqual([{ file: path.join(root, "ring"), reason: expect.stringMatching(/^symbolsk link i ring: peger tilbage på mappen /) }]);
  });

  it("finishes on a loop of two links in every folder (exponential when followed)", { timeout: 10_000 }, async () => {
    const root = makeTempDir("discover-loops-");
    const a = path.join(root, "a");
    const b = path.join(root, "b");
    mkdirSync(a);
    mkdirSync(b);
    writeFixture(a, "a.txt", "x");
    writeFixture(b, "b.md", "x");
    for (const [dir, other] of [[a, b], [b, a]] as const) {
      symlinkSync(other, path.join(dir, "til-den-anden"));
      symlinkSync(root, path.join(dir, "til-roden"));
    }
    const discovery = await discoverFiles([root]);
    // In name order a/til-den-anden is the first way to b, so b itself is the second.
    expect(discovery.files).toEqual([path.join(a, "a.txt"), path.join(a, "til-den-anden", "b.md")]);
    expect(discovery.skipped.map((s) => [path.relative(root, s.file), s.reason.split(":")[0]?.split(" som ")[0]])).toEqual([
      ["a/til-den-anden/til-den-anden", "symbolsk link i ring"],
      ["a/til-den-anden/til-roden", "symbolsk link i ring"],
      ["a/til-roden", "symbolsk link i ring"],
      ["b", "samme mappe"],
    ]);
  });

  it("lists a file reached twice, by its own name and through a link, once", async () => {
    const root = makeTempDir("discover-twice-");
    const file = writeFixture(root, "referat.txt", "x");
    symlinkSync(file, path.join(root, "zz-link.txt"));
    const discovery = await discoverFiles([root, file]);
    expect(discovery.files).toEqual([file]);
    expect(discovery.skipped.map((s) => s.reason)).toEqual([`samme fil som ${file} (via et symbolsk link)`, `samme fil som ${file} (via et symbolsk link)`]);
  });
});
