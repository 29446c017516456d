import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** True when the run was asked to rewrite the golden files (`UPDATE_GOLDENS=1`). */
export const isUpdatingGoldens = (env: Readonly<Record<string, string | undefined>> = process.env): boolean => env.UPDATE_GOLDENS === "1";

/**
 * The expected value stored in `goldenPath`, for a test to compare `actual` with. Writes `actual`
 * there first only when `update` is set; a missing golden is an error otherwise, so a run (CI
 * above all) can never bless its own output by comparing it with itself.
 */
export function readGolden(actual: unknown, goldenPath: string, update: boolean): unknown {
  if (update) {
    mkdirSync(dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, `${JSON.stringify(actual, null, 2)}\n`);
  }
  if (!existsSync(goldenPath)) {
    throw new Error(`${goldenPath} is missing: write it deliberately with UPDATE_GOLDENS=1 and review it before committing.`);
  }
  return JSON.parse(readFileSync(goldenPath, "utf8"));
}
