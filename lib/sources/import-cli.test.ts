import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { startFakeFirstAgenda, type FakeFirstAgenda } from "./test-support/fake-firstagenda";
import { CLOSED_MARKER, fixtureCommittees, IDS } from "./test-support/firstagenda-fixtures";

const run = promisify(execFile);

let db: TestDatabase;
let site: FakeFirstAgenda;
beforeEach(async () => {
  db = await createTestDatabase();
  site = await startFakeFirstAgenda(fixtureCommittees());
});
afterEach(async () => {
  await site.close();
  await db.drop();
});

/** `npm run import` as a person runs it, on the test database, with its own data folder. */
async function importCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: db.url, REFERATPORTALEN_DATA_DIR: mkdtempSync(path.join(tmpdir(), "import-cli-")), IMPORT_DELAY_MS: "0" };
  try {
    const { stdout, stderr } = await run(path.resolve("node_modules/.bin/tsx"), ["scripts/import.ts", ...args], { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run import", () => {
  it("prints progress and the summary table, and exits 1 when a meeting failed", async () => {
    site.missing.add(IDS.teknikOld);
    const first = await importCli("firstagenda", site.url, "--municipality", "Vejen");
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/nye \(ok\)\s+4/);
    expect(first.stdout).toMatch(/fejlet \(failed\)\s+1/);
    expect(first.stdout).toContain("Teknik- og Miljøudvalget 2025-11-10 (Referat)");
    expect(first.stdout + first.stderr).not.toContain(CLOSED_MARKER);

    site.missing.clear();
    const second = await importCli("firstagenda", site.url, "-m", "Vejen");
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/nye \(ok\)\s+1/);
    expect(second.stdout).toMatch(/uændret \(unchanged\)\s+4/);
  });

  it("refuses a site whose municipality it cannot tell, with exit code 2", async () => {
    const result = await importCli("firstagenda", site.url);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Kommunen for ${site.url} kendes ikke; angiv --municipality.`);
  });
});
