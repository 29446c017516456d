import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";

const run = promisify(execFile);

test("an ingest while the server runs shows up in pages and search within a minute", async ({ page, request }) => {
  test.setTimeout(180_000);
  // The server keeps running; the ingest connects to the same embedded database (.data/e2e).
  const { stdout } = await run(
    path.resolve("node_modules/.bin/tsx"),
    ["scripts/ingest.ts", "e2e/fixtures/aarhus-2025-06-10-teknisk-udvalg.txt", "--municipality", "Aarhus", "--json"],
    { env: { ...process.env, REFERATPORTALEN_DATA_DIR: ".data/e2e", CI: "true" } },
  );
  const summary = JSON.parse(stdout);
  expect(summary.failed).toBe(0);
  expect(summary.ok + summary.unchanged).toBe(1);

  // Other tests ingest variants of this fixture, so look for this meeting's item among the hits.
  await expect
    .poll(
      async () => {
        const body = await (await request.get("/api/search?q=friskhedspr%C3%B8ve")).json();
        return ((body.hits ?? []) as Array<{ url: string }>).map((hit) => hit.url);
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toContain("/aarhus/teknisk-udvalg/2025-06-10/punkt-1");
  await expect
    .poll(
      async () => {
        await page.goto("/");
        return page.getByRole("link", { name: "Aarhus Kommune", exact: true }).count();
      },
      { timeout: 90_000, intervals: [5_000] },
    )
    .toBe(1);
  await page.getByRole("link", { name: "Aarhus Kommune", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aarhus Kommune");
});
