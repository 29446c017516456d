import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { readCalendar } from "../lib/calendar/test-support/read-calendar";

const VEJEN_ITEM_2 = "/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-2";
const LEMVIG_CASE = "/lemvig/sag/85-02-02-p35-55-21";

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  expect(serious).toEqual([]);
}

test("a case page shows every item of the case, oldest first, and is accessible", async ({ page }) => {
  await page.goto(LEMVIG_CASE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Godkendelse af referat");
  await expect(page.getByText("85.02.02-P35-55-21", { exact: true })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Sagens forløb" });
  const links = timeline.getByRole("link", { name: /^Punkt \d+:/ });
  await expect(links).toHaveText([/^Punkt 1: Dialogmøde/, /^Punkt 8: Godkendelse af referat/]);
  await links.first().click();
  await expect(page).toHaveURL(/\/lemvig\/arbejdsmarkeds-og-integrationsudvalget\/2025-03-05\/punkt-1$/);
  await expect(page.getByRole("heading", { level: 2, name: "Sagens forløb" })).toBeVisible();
  await page.goto(LEMVIG_CASE);
  await expectNoSeriousViolations(page);
});

test("an item shows its case's history with the earlier decisions it quotes, and the way to request access", async ({ page }) => {
  await page.goto(VEJEN_ITEM_2);
  const history = page.getByRole("list", { name: "Sagens forløb" });
  await expect(history.getByRole("listitem")).toHaveCount(3);
  await expect(history.getByRole("listitem").first()).toContainText("Udvalget for arbejdsmarked og integration");
  await expect(history.getByRole("listitem").last()).toContainText("(dette punkt)");
  const access = page.getByRole("region", { name: "Aktindsigt" });
  await expect(access).toContainText("offentlighedsloven § 7");
  const mailto = await access.getByRole("link", { name: /aktindsigt i sag 23\/21342/ }).getAttribute("href");
  const url = new URL(mailto ?? "");
  expect(url.pathname).toBe("aktindsigt@vejen.example");
  expect(url.searchParams.get("subject")).toBe("Anmodning om aktindsigt i sag 23/21342");
  expect(url.searchParams.get("body")).toContain("Sagsnummer: 23/21342");
  await expectNoSeriousViolations(page);

  await page.getByRole("link", { name: "Hele sagen 23/21342" }).click();
  await expect(page).toHaveURL(/\/vejen\/sag\/23-21342$/);
  await expectNoSeriousViolations(page);
});

test("a closed item shows neither case history nor access request", async ({ page }) => {
  await page.goto("/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-11");
  await expect(page.getByRole("heading", { level: 2, name: "Lukket punkt" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sagens forløb" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Aktindsigt" })).toHaveCount(0);
});

test("a municipality without a configured address explains where to send the request", async ({ page }) => {
  await page.goto("/vejle/arbejdsmarkedsudvalget/2023-11-23/punkt-95");
  const access = page.getByRole("region", { name: "Aktindsigt" });
  await expect(access).toContainText("Send din anmodning til Vejle Kommune og oplys sagsnummer 15.00.00-G01-756-23.");
  await expect(access.getByRole("link")).toHaveCount(0);
});

test("the calendar feeds are linked and validate, with the meeting page as URL", async ({ page, request, baseURL }) => {
  await page.goto("/vejen");
  await expect(page.getByRole("link", { name: "Abonnér på kalender" })).toHaveAttribute("href", "/vejen/kalender.ics");
  await page.goto("/vejen/udvalget-for-arbejdsmarked-og-integration");
  await expect(page.getByRole("link", { name: "Abonnér på kalender" })).toHaveAttribute("href", "/vejen/udvalget-for-arbejdsmarked-og-integration/kalender.ics");

  for (const path of ["/vejen/kalender.ics", "/vejen/udvalget-for-arbejdsmarked-og-integration/kalender.ics"]) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    const text = await response.text();
    const { events } = readCalendar(text);
    expect(events).toHaveLength(1);
    // The printed 14:00 in Copenhagen's zone, which ical.js resolves with the feed's own VTIMEZONE.
    expect(text).toContain("DTSTART;TZID=Europe/Copenhagen:20240319T140000");
    expect(text).toContain("BEGIN:VTIMEZONE");
    expect(events[0]).toMatchObject({
      startUtc: "2024-03-19T13:00:00.000Z",
      startZone: "Europe/Copenhagen",
      url: `${baseURL}/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19`,
    });
  }
  expect((await request.get("/findes-ikke/kalender.ics")).status()).toBe(404);
});
