import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { watchBuild } from "./watch-build";

describe("watchBuild", () => {
  it("reports each change of .next/BUILD_ID once, a build under way (no file) included", async () => {
    const distDir = mkdtempSync(path.join(os.tmpdir(), "next-dist-"));
    writeFileSync(path.join(distDir, "BUILD_ID"), "first\n");
    const seen: Array<string | null> = [];
    const stop = watchBuild(distDir, (id) => seen.push(id), 20);
    const wait = () => new Promise((resolve) => setTimeout(resolve, 80));
    try {
      await wait();
      expect(seen).toEqual([]);
      rmSync(path.join(distDir, "BUILD_ID"));
      await wait();
      writeFileSync(path.join(distDir, "BUILD_ID"), "second\n");
      await wait();
      await wait();
      expect(seen).toEqual([null, "second"]);
    } finally {
      stop();
    }
  });
});
