import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { claimServerLock, ServerAlreadyRunningError } from "./server-lock";

describe("claimServerLock", () => {
  it("refuses a second server on the same data folder with a Danish message naming the first", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "referatportalen-data-"));
    // Another live process holds the folder.
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      await new Promise((resolve) => other.once("spawn", resolve));
      writeFileSync(path.join(dataDir, "server.pid"), `${other.pid}\n3000\n`);
      expect(() => claimServerLock(dataDir, 3001)).toThrow(ServerAlreadyRunningError);
      expect(() => claimServerLock(dataDir, 3001)).toThrow(`Portalen kører allerede på datamappen ${dataDir} (proces ${other.pid}, http://localhost:3000)`);
      expect(readFileSync(path.join(dataDir, "server.pid"), "utf8")).toBe(`${other.pid}\n3000\n`);
    } finally {
      other.kill();
    }
  });

  it("takes over a lock whose process is gone, and gives it up again", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "referatportalen-data-"));
    const file = path.join(dataDir, "server.pid");
    writeFileSync(file, "999999\n3000\n");
    const release = claimServerLock(dataDir, 3002);
    expect(readFileSync(file, "utf8")).toBe(`${process.pid}\n3002\n`);
    release();
    expect(existsSync(file)).toBe(false);
    // Free again.
    claimServerLock(dataDir, 3003)();
  });
});
