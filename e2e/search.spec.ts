import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the header search finds items across municipalities and filters narrow them", async ({ page }) => {
  await page.goto("/vejen");
  const search = page.getByRole("search", { name: "Søg i referater" }).getByRole("searchbox");
  await search.fill("sygedagpenge");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/soeg\?q=sygedagpenge/);
  const status = page.getByRole("status").filter({ hasText: /resultat/ });
  await expect(status).toHaveText(/^\d+ resultater/);
  const total = Number((await status.textContent())?.match(/^(\d+)/)?.[1]);
  expect(total).toBeGreaterThan(3);
  await expect(page.getByRole("main").locator("mark").first()).toBeVisible();

  await page.getByRole("checkbox", { name: /Vejen Kommune/ }).check();
  await expect(page).toHaveURL(/kommune=vejen/);
  await expect(status).not.toHaveText(`${total} resultater`);
  const hits = page.getByRole("main").locator("ol > li h3 a");
  for (const href of await hits.evaluateAll((as) => as.map((a) => a.getAttribute("href")))) expect(href).toMatch(/^\/vejen\//);

  await page.getByRole("link", { name: /Fjern filteret.*Vejen Kommune/ }).click();
  await expect(page).not.toHaveURL(/kommune=/);
});

test("typing searches as you type and keeps the URL shareable", async ({ page }) => {
  await page.goto("/soeg");
  await expect(page.getByText("Skriv et søgeord eller vælg et filter.")).toBeVisible();
  await page.getByLabel("Søgeord").fill("touchskærme");
  await expect(page).toHaveURL(/q=touchsk%C3%A6rme/);
  await expect(page.getByRole("main").locator("ol > li h3 a").first()).toHaveText(/touchskærme/i);
});

test("a search with no hits suggests removing filters", async ({ page }) => {
  await page.goto("/soeg?q=fleksjob&udfald=rejected");
  await expect(page.getByText("Ingen resultater.")).toBeVisible();
  await page.getByRole("link", { name: "Søg uden filtre" }).click();
  await expect(page).toHaveURL(/\/soeg\?q=fleksjob$/);
  await expect(page.getByRole("status").filter({ hasText: /resultat/ })).toHaveText(/^\d+ resultat/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the search form still works", async ({ page }) => {
    await page.goto("/soeg");
    await page.getByLabel("Søgeord").fill("Ukraine");
    await page.getByRole("button", { name: "Søg", exact: true }).last().click();
    await expect(page).toHaveURL(/q=Ukraine/);
    await expect(page.getByRole("main").locator("ol > li h3 a").first()).toBeVisible();
  });
});

test("the JSON API answers with hits and facets, and refuses bad input with 400", async ({ request }) => {
  const ok = await request.get("/api/search?q=fleksjob&sort=nyeste");
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body).toMatchObject({ page: 1, pageSize: 20 });
  expect(body.total).toBeGreaterThan(0);
  expect(Object.keys(body.hits[0]).sort()).toEqual(
    ["committee", "committeeSlug", "date", "municipality", "municipalitySlug", "number", "outcome", "snippet", "title", "url"].sort(),
  );
  expect(Object.keys(body.facets).sort()).toEqual(["aar", "emne", "kommune", "udfald", "udvalg"]);
  const dates = body.hits.map((h: { date: string }) => h.date);
  expect(dates).toEqual([...dates].sort().reverse());

  for (const bad of ["/api/search?nope=1", `/api/search?q=${"a".repeat(201)}`, "/api/search?udfald=maybe", "/api/search?side=0", "/api/search?kommune=atlantis"]) {
    const response = await request.get(bad);
    expect(response.status(), bad).toBe(400);
    const error = (await response.json()).error;
    expect(error.da).toBeTruthy();
    expect(error.en).toBeTruthy();
  }
});

test("closed items are not searchable", async ({ request }) => {
  const body = await (await request.get("/api/search?q=Eventuelt")).json();
  for (const hit of body.hits) expect(hit.url).not.toBe("/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-11");
});

test("the search page has no serious or critical WCAG 2.1 A/AA violations", async ({ page }) => {
  for (const path of ["/soeg", "/soeg?q=fleksjob&kommune=faxe"]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  }
});
