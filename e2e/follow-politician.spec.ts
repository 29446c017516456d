import AxeBuilder from "@axe-core/playwright";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";

const run = promisify(execFile);
const FIXTURE = "lib/minutes/fixtures/votes/odder-byraad-2025-04-22.txt";
const MEETING = "/odder/byraadet/2025-04-22";

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  expect(serious).toEqual([]);
}

test.beforeAll(async () => {
  // Into the running server's database (.data/e2e), as the freshness spec does.
  const { stdout } = await run(path.resolve("node_modules/.bin/tsx"), ["scripts/ingest.ts", FIXTURE, "--json"], {
    env: { ...process.env, REFERATPORTALEN_DATA_DIR: ".data/e2e", CI: "true" },
  });
  const summary = JSON.parse(stdout) as { failed: number };
  expect(summary.failed).toBe(0);
});

test("an item shows its votes and deviation, and leads to the dissenting member's page", async ({ page }) => {
  await page.goto(`${MEETING}/punkt-4`);
  const decision = page.getByRole("region", { name: /Beslutning/ });
  // The badge reads "Ændret" with its reason for screen readers after it.
  await expect(decision.getByText(/^Ændret/)).toBeVisible();
  const votes = page.getByRole("region", { name: "Afstemning og dissens" });
  await expect(votes.getByRole("row", { name: /Imod/ })).toContainText("Anne Hansen (F)");
  await expect(votes).toContainText("Ført til protokol");
  await expectNoSeriousViolations(page);

  await votes.getByRole("link", { name: "Anne Hansen (F)" }).first().click();
  await expect(page).toHaveURL(/\/odder\/person\/anne-hansen$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anne Hansen (F)");
  const dissent = page.getByRole("region", { name: /Stemmer imod og forbehold/ });
  await expect(dissent.getByRole("link", { name: /Punkt 4: Parkeringsstrategi for midtbyen/ }).first()).toHaveAttribute("href", `${MEETING}/punkt-4`);
  await expect(page.getByRole("region", { name: "Udvalg" }).getByRole("link", { name: "Byrådet" })).toHaveAttribute("href", "/odder/byraadet");
  await expectNoSeriousViolations(page);
});

test("a member absent from the meeting, the committee's members and the persons list", async ({ page }) => {
  await page.goto("/odder/person/gitte-vang");
  await expect(page.getByRole("region", { name: "Fravær" })).toContainText("Hele mødet");
  await expectNoSeriousViolations(page);

  await page.goto("/odder/byraadet");
  const members = page.getByRole("region", { name: "Medlemmer set i referaterne" });
  await expect(members.getByRole("link")).toHaveCount(10);
  await expect(members.getByRole("link", { name: "Henrik Dahl" })).toHaveAttribute("href", "/odder/person/henrik-dahl");

  await page.goto("/odder/person");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personer i Odder Kommune");
  await expectNoSeriousViolations(page);
});

test("a closed item shows no votes, and no one named only in it gets a page", async ({ page, request }) => {
  await page.goto(`${MEETING}/punkt-6`);
  await expect(page.getByRole("heading", { name: "Lukket punkt" })).toBeVisible();
  await expect(page.getByText("Afstemning og dissens")).toHaveCount(0);
  await expect(page.getByText("Hans Jensen")).toHaveCount(0);
  expect((await request.get("/odder/person/hans-jensen")).status()).toBe(404);
});
