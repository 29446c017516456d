import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

/**
 * Test support: a function making fresh temporary directories under the system's, every one
 * removed after each test (and any extra path handed to `track`, e.g. a directory a test renamed
 * one to). Call it at a test file's top level. `beforeRemove` runs on each first (e.g. to forget
 * an index loaded from it).
 */
export function temporaryDirectories(prefix: string, beforeRemove: (dir: string) => void = () => {}): { create(): string; track(dir: string): void } {
  const directories: string[] = [];
  afterEach(() => {
    for (const dir of directories.splice(0)) {
      beforeRemove(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return {
    create() {
      const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
      directories.push(dir);
      return dir;
    },
    track(dir) {
      directories.push(dir);
    },
  };
}
