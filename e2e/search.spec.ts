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
  await expect(hits.first()).toBeVisible();
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
  expect(Object.keys(body.facets).sort()).toEqual(["aar", "afvigelse", "dissens", "emne", "kommune", "udfald", "udvalg"]);
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
  // Each word is in a closed item's title and in open items: the open hits show the search works.
  const cases = [
    { q: "eventuel", open: "/varde/udvalget-for-arbejdsmarked-og-integration/2022-12-15/punkt-4", closed: "/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-11" },
    { q: "orientering", open: "/varde/udvalget-for-arbejdsmarked-og-integration/2022-12-15/punkt-3", closed: "/varde/udvalget-for-arbejdsmarked-og-integration/2022-12-15/punkt-8" },
  ];
  for (const { q, open, closed } of cases) {
    const urls: string[] = [];
    let total = 0;
    for (let side = 1; side === 1 || urls.length < total; side += 1) {
      const body: { total: number; hits: Array<{ url: string }> } = await (await request.get(`/api/search?q=${q}&side=${side}`)).json();
      expect(body.hits.length).toBeGreaterThan(0);
      total = body.total;
      urls.push(...body.hits.map((hit) => hit.url));
    }
    expect(urls).toContain(open);
    expect(urls).not.toContain(closed);
  }
});

test("the search page has no serious or critical WCAG 2.1 A/AA violations", async ({ page }) => {
  for (const path of ["/soeg", "/soeg?q=fleksjob&kommune=faxe"]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  }
});

test("a search can be taken along as a spreadsheet and followed as a feed", async ({ page, request }) => {
  await page.goto("/soeg?q=sygedagpenge");
  const status = page.getByRole("status").filter({ hasText: /resultat/ });
  const total = Number((await status.textContent())?.match(/^(\d+)/)?.[1]);
  expect(total).toBeGreaterThan(3);
  const firstHit = await page.getByRole("main").locator("ol > li h3 a").first().getAttribute("href");

  const csvHref = await page.getByRole("link", { name: /Hent som regneark/ }).getAttribute("href");
  expect(csvHref).toBe("/api/search/csv?q=sygedagpenge");
  const csv = await request.get(csvHref ?? "");
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="referatportalen-soegning-\d{4}-\d{2}-\d{2}\.csv"$/);
  const lines = (await csv.text()).trimEnd().split("\r\n");
  expect(lines[0]).toBe("\uFEFFKommune;Udvalg;Mødedato;Punkt;Titel;Beslutning;Uddrag;Link");
  expect(lines).toHaveLength(total + 1);
  expect(lines[1]).toContain(`${firstHit}`);

  // Feed readers find the feed from the page, and it lists the newest decisions first.
  const alternate = new URL((await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")) ?? "", page.url());
  const feedHref = `${alternate.pathname}${alternate.search}`;
  expect(feedHref).toBe("/api/search/atom?q=sygedagpenge");
  await expect(page.getByRole("link", { name: /Følg søgningen/ })).toHaveAttribute("href", feedHref);
  const feed = await request.get(feedHref);
  expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  const atom = await feed.text();
  expect(atom.match(/<entry>/g)).toHaveLength(Math.min(total, 50));
  const dates = [...atom.matchAll(/<entry>[^]*?<updated>([^<]+)<\/updated>/g)].map((m) => m[1] ?? "");
  expect(dates).toEqual([...dates].sort().reverse());
});

test("a municipality's and a committee's decisions can be searched and followed from their pages", async ({ page, request }) => {
  await page.goto("/vejen");
  const committeeHref = (await page.getByRole("main").locator("ul a[href^='/vejen/']").first().getAttribute("href")) ?? "";
  for (const [path, prefix] of [
    ["/vejen", "/vejen/"],
    [committeeHref, `${committeeHref}/`],
  ] as const) {
    await page.goto(path);
    const feedHref = (await page.getByRole("link", { name: /Følg nye beslutninger/ }).getAttribute("href")) ?? "";
    const alternate = new URL((await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")) ?? "", page.url());
    expect(`${alternate.pathname}${alternate.search}`, path).toBe(feedHref);
    const atom = await (await request.get(feedHref)).text();
    const links = [...atom.matchAll(/<entry>[^]*?<link href="([^"]+)"/g)].map((m) => new URL(m[1] ?? "").pathname);
    expect(links.length, path).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(prefix), link).toBe(true);

    await page.getByRole("link", { name: "Søg i beslutningerne" }).click();
    await expect(page.getByRole("status").filter({ hasText: /resultat/ })).toHaveText(/^\d+ resultat/);
  }
});

test("the home page has its canonical URL and a feed of all new decisions", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /^http:\/\/localhost:\d+\/?$/);
  const feedHref = (await page.getByRole("link", { name: /Følg alle nye beslutninger/ }).getAttribute("href")) ?? "";
  const alternate = new URL((await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")) ?? "", page.url());
  expect(alternate.pathname).toBe(feedHref);
  const atom = await (await request.get(feedHref)).text();
  const dates = [...atom.matchAll(/<entry>[^]*?<updated>([^<]+)<\/updated>/g)].map((m) => m[1] ?? "");
  // Every open item of the samples (over 40), at most 50, newest first.
  expect(dates.length).toBeGreaterThan(40);
  expect(dates.length).toBeLessThanOrEqual(50);
  expect(dates).toEqual([...dates].sort().reverse());
});
