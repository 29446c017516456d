import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";

const run = promisify(execFile);
const FIXTURE = "e2e/fixtures/aarhus-2025-06-10-teknisk-udvalg.txt";

/** Ingests files into the running server's database (.data/e2e) and returns the summary. */
async function ingest(...files: string[]): Promise<{ ok: number; updated: number; unchanged: number; failed: number }> {
  const { stdout } = await run(path.resolve("node_modules/.bin/tsx"), ["scripts/ingest.ts", ...files, "--municipality", "Aarhus", "--json"], {
    env: { ...process.env, REFERATPORTALEN_DATA_DIR: ".data/e2e", CI: "true" },
  });
  return JSON.parse(stdout);
}

test("an ingest while the server runs shows up in pages and search within a minute", async ({ page, request }) => {
  test.setTimeout(180_000);
  // The server keeps running; the ingest connects to the same embedded database (.data/e2e).
  const summary = await ingest(FIXTURE);
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

/**
 * A meeting of its own per test and project (so parallel runs never edit the same one), and a
 * function that writes its document with the given decision for item 1.
 */
function ownMeeting(day: string, weekday: string) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "referat-e2e-")), `aarhus-2025-06-${day}.txt`);
  const write = (decision: string) =>
    writeFileSync(
      file,
      readFileSync(FIXTURE, "utf8")
        .replaceAll("10-06-2025", `${day}-06-2025`)
        .replace("Tirsdag d. 10. juni 2025", `${weekday} d. ${day}. juni 2025`)
        .replace("Godkendt.", decision),
    );
  const item = `/aarhus/teknisk-udvalg/2025-06-${day}/punkt-1`;
  return { file, write, item, meeting: item.replace(/\/punkt-1$/, "") };
}

test("a corrected document replaces the cached item, meeting and home pages within seconds", async ({ request }, testInfo) => {
  test.setTimeout(120_000);
  const { file, write, item, meeting } = testInfo.project.name === "phone" ? ownMeeting("13", "Fredag") : ownMeeting("12", "Torsdag");
  write("Godkendt.");
  expect((await ingest(file)).failed).toBe(0);

  const cacheState = async (url: string) => (await request.get(url)).headers()["x-cache"];
  for (const url of [item, meeting, "/vejen"]) await expect.poll(() => cacheState(url), { timeout: 15_000 }).toBe("HIT");

  const token = `Rettelse${Date.now()}`;
  write(`Godkendt med ${token}.`);
  expect((await ingest(file)).updated).toBe(1);
  // The server learns of the change from the database (polled every second) and renders anew.
  await expect.poll(async () => (await request.get(item)).text(), { timeout: 15_000, intervals: [250] }).toContain(token);
  // The meeting page is forgotten with its item (polled: the item may have been rendered anew
  // for another reason a moment before); another municipality's page is not.
  await expect.poll(() => cacheState(meeting), { timeout: 15_000, intervals: [250] }).toBe("MISS");
  expect(await cacheState("/vejen")).toBe("HIT");
});

test("Next keeps no copy of its own: right after a correction commits, the app renders the corrected item", async ({ request }, testInfo) => {
  test.setTimeout(120_000);
  const { file, write, item } = testInfo.project.name === "phone" ? ownMeeting("20", "Fredag") : ownMeeting("19", "Torsdag");
  write("Godkendt.");
  expect((await ingest(file)).failed).toBe(0);
  // A query string other than Next's own `_rsc` passes the page cache by (lib/page-cache/cache-rules.ts),
  // so these requests show what Next itself answers. Rendered (and, with Next's default cache
  // handler, kept for the pages' 30 s) before the correction:
  const pastThePageCache = `${item}?utm_source=e2e`;
  await expect.poll(async () => (await request.get(pastThePageCache)).text(), { timeout: 15_000, intervals: [250] }).toContain("Godkendt.");
  await expect.poll(async () => (await request.get(item)).headers()["x-cache"], { timeout: 15_000 }).toBe("HIT");

  const token = `Rettelse${Date.now()}`;
  write(`Godkendt med ${token}.`);
  expect((await ingest(file)).updated).toBe(1);
  // No waiting: the first request after the commit is rendered from the database.
  const answer = await request.get(pastThePageCache);
  expect(answer.headers()["x-cache"]).toBeUndefined();
  expect(await answer.text()).toContain(token);
});

test("a client-side navigation after a correction shows the corrected item", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const { file, write, item, meeting } = testInfo.project.name === "phone" ? ownMeeting("17", "Tirsdag") : ownMeeting("16", "Mandag");
  write("Godkendt.");
  expect((await ingest(file)).failed).toBe(0);
  const itemLink = () => page.locator(`main a[href="${item}"]`).first();
  // (A rerun finds the corrected text from the last run until the server has read this ingest.)
  await expect.poll(async () => (await request.get(item)).text(), { timeout: 15_000, intervals: [250] }).toContain("Godkendt.");

  // Visit the item by a link once, so the server (and the browser) hold its navigation payloads.
  await page.goto(meeting);
  await itemLink().click();
  await expect(page).toHaveURL(item);
  await expect(page.getByRole("main")).toContainText("Godkendt.");
  const cacheState = async (url: string) => (await request.get(url)).headers()["x-cache"];
  await expect.poll(() => cacheState(meeting), { timeout: 15_000 }).toBe("HIT");

  const token = `Rettelse${Date.now()}`;
  write(`Godkendt med ${token}.`);
  expect((await ingest(file)).updated).toBe(1);
  // Once the server has read the change, the meeting page is rendered anew (a miss).
  await expect.poll(() => cacheState(meeting), { timeout: 15_000, intervals: [250] }).toBe("MISS");

  // A new visit (empty client router cache) that reaches the item by a link, without a page load.
  await page.goto(meeting);
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await itemLink().click();
  await expect(page).toHaveURL(item);
  await expect(page.getByText(token).first()).toBeVisible();
  expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
});

test("pages tell browsers and open tabs to check back rather than keep an old copy", async ({ request }) => {
  const headers = (await request.get("/vejen")).headers();
  expect(headers["cache-control"]).toBe("public, max-age=0, s-maxage=30, must-revalidate");
  expect(headers["x-nextjs-stale-time"]).toBe("30");
});
