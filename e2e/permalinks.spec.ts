import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type APIResponse, expect, test } from "@playwright/test";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");
const env = { ...process.env, REFERATPORTALEN_DATA_DIR: ".data/e2e", CI: "true" };

test("a renamed committee's old URLs redirect permanently to the new ones", async ({ request }, testInfo) => {
  // A committee of its own per run and project, so runs and parallel projects never collide.
  const stamp = `${testInfo.project.name} ${Date.now().toString(36)}`;
  const oldName = `Planudvalget ${stamp}`;
  const text = readFileSync("e2e/fixtures/aarhus-2025-06-10-teknisk-udvalg.txt", "utf8").replaceAll("Teknisk Udvalg", oldName).replaceAll("Aarhus", "Odense");
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "referat-e2e-")), "odense-plan.txt");
  writeFileSync(file, text);
  const { stdout } = await run(tsx, ["scripts/ingest.ts", file, "--municipality", "Odense", "--json"], { env });
  expect(JSON.parse(stdout).ok).toBe(1);

  const oldSlug = `planudvalget-${stamp.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const newSlug = `plan-og-boligudvalget-${stamp.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const moves = [
    [`/odense/${oldSlug}`, `/odense/${newSlug}`],
    [`/odense/${oldSlug}/2025-06-10`, `/odense/${newSlug}/2025-06-10`],
    [`/odense/${oldSlug}/2025-06-10/punkt-1`, `/odense/${newSlug}/2025-06-10/punkt-1`],
  ] as const;
  // The old pages are visited (and cached by the server) before the rename. (Polled: the
  // server forgets them once more when it reads the ingest above, a second or so later.)
  for (const [from] of moves) {
    expect((await request.get(from)).status(), from).toBe(200);
    await expect.poll(async () => (await request.get(from)).headers()["x-cache"], { message: from, timeout: 15_000, intervals: [500] }).toBe("HIT");
  }
  await run(tsx, ["scripts/rename-committee.ts", "odense", oldSlug, `Plan- og Boligudvalget ${stamp}`], { env });

  for (const [from, to] of moves) {
    // The server forgets the cached pages once it reads the change (it polls every second).
    let rendered: APIResponse | undefined;
    await expect
      .poll(async () => (rendered = await request.get(from, { maxRedirects: 0 })).status(), { timeout: 10_000, intervals: [250] })
      .toBe(308);
    // Asked again: the cached answer must stay a permanent redirect.
    const cached = await request.get(from, { maxRedirects: 0 });
    expect(cached.status(), from).toBe(308);
    // One Location header, not the two Next 16 sends by itself (vercel/next.js#82117).
    for (const response of [rendered!, cached]) {
      const locations = response.headersArray().filter((header) => header.name.toLowerCase() === "location");
      expect(locations.map((header) => header.value), from).toEqual([to]);
    }
    expect((await request.get(to)).status()).toBe(200);
  }
});
