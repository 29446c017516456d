import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addCompileHints, COMPILE_HINT } from "./compile-hints";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "compile-hints-"));
  await mkdir(path.join(dir, "nested"));
  await writeFile(path.join(dir, "a.js"), "(globalThis.TURBOPACK||[]).push([1]);\n");
  await writeFile(path.join(dir, "nested", "b.js"), "console.log(1)");
  await writeFile(path.join(dir, "style.css"), "body{margin:0}");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("addCompileHints", () => {
  it("puts the hint on the first line of every .js file, nested ones included, and nothing else", async () => {
    expect(await addCompileHints(dir)).toEqual({ changed: 2, files: 2 });
    expect(await readFile(path.join(dir, "a.js"), "utf8")).toBe(`${COMPILE_HINT}\n(globalThis.TURBOPACK||[]).push([1]);\n`);
    expect(await readFile(path.join(dir, "nested", "b.js"), "utf8")).toBe(`${COMPILE_HINT}\nconsole.log(1)`);
    expect(await readFile(path.join(dir, "style.css"), "utf8")).toBe("body{margin:0}");
  });

  it("is idempotent: a second run changes nothing", async () => {
    await addCompileHints(dir);
    expect(await addCompileHints(dir)).toEqual({ changed: 0, files: 2 });
    const text = await readFile(path.join(dir, "a.js"), "utf8");
    expect(text.split(COMPILE_HINT).length - 1).toBe(1);
  });

  it("is the exact comment V8 reads", () => {
    expect(COMPILE_HINT).toBe("//# allFunctionsCalledOnLoad");
  });
});
