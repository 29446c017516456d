import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "./temporary-directories";

const removed: string[] = [];
const directories = temporaryDirectories("temporary-directories-", (dir) => removed.push(dir));
let created: string[] = [];

// The two tests run in order: the second sees what the first left.
describe("temporaryDirectories", () => {
  it("makes a fresh, empty directory for each call", () => {
    created = [directories.create(), directories.create()];
    const [first, second] = created;
    expect(first).not.toBe(second);
    expect(path.basename(first ?? "")).toMatch(/^temporary-directories-/u);
    writeFileSync(path.join(first ?? "", "file.txt"), "kept until the test ends");
    directories.track(`${second}-renamed`);
  });

  it("removes every directory of the test before, with its files, telling beforeRemove first", () => {
    expect(created).toHaveLength(2);
    for (const dir of created) expect(existsSync(dir)).toBe(false);
    expect(removed).toEqual([...created, `${created[1]}-renamed`]);
  });
});
