import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isUpdatingGoldens, readGolden } from "./test-golden";

describe("readGolden", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "golden-"));

  it("fails on a missing golden instead of writing it", () => {
    const golden = path.join(dir, "missing.expected.json");
    expect(() => readGolden({ ok: true }, golden, false)).toThrow(/missing\.expected\.json is missing: .*UPDATE_GOLDENS=1/);
    expect(existsSync(golden)).toBe(false);
  });

  it("writes only when asked to, and then reads back what it wrote", () => {
    const golden = path.join(dir, "nested", "written.expected.json");
    expect(readGolden({ ok: true, n: 1 }, golden, true)).toEqual({ ok: true, n: 1 });
    expect(readGolden({ ok: false }, golden, false)).toEqual({ ok: true, n: 1 });
  });

  it("updates only on an explicit UPDATE_GOLDENS=1, not because the run is CI", () => {
    expect(isUpdatingGoldens({ CI: "true" })).toBe(false);
    expect(isUpdatingGoldens({ UPDATE_GOLDENS: "true" })).toBe(false);
    expect(isUpdatingGoldens({ UPDATE_GOLDENS: "1", CI: "true" })).toBe(true);
  });
});
