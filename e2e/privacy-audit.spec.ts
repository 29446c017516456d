import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";

const run = promisify(execFile);

/**
 * The first promise, checked on the running portal: `npm run audit:privacy --site` crawls every
 * page, RSC payload, search answer, CSV, Atom feed and the sitemap of the e2e server, and scans
 * its database and search index, for CPR numbers and closed items' text. Once per run (desktop).
 */
test("the privacy audit finds no CPR number and no closed item's text on the running portal", async ({ baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one crawl per run is enough");
  test.setTimeout(600_000);
  expect(baseURL).toBeDefined();
  let output: { stdout: string; stderr: string };
  try {
    output = await run(path.resolve("node_modules/.bin/tsx"), ["scripts/audit-privacy.ts", "--site", baseURL ?? ""], {
      env: { ...process.env, REFERATPORTALEN_DATA_DIR: ".data/e2e" },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run audit:privacy failed:\n${failed.stdout ?? ""}\n${failed.stderr ?? ""}`);
  }
  // The report lists what each part scanned; a crawl that reached no page would be no check.
  const counted = (name: string) => Number(new RegExp(`(\\d+) ${name}`).exec(output.stdout)?.[1] ?? 0);
  for (const part of ["HTML-sider", "RSC-svar", "API-svar", "CSV-filer", "Atom-feeds", "lukkede punkter", "indekstekster"]) {
    expect(counted(part), part).toBeGreaterThan(0);
  }
  expect(output.stdout).toContain("Ingen fund.");
});
