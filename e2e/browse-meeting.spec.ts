import { expect, test } from "@playwright/test";

const SAMPLES = [
  { municipality: "Vejen Kommune", committee: "Udvalget for arbejdsmarked og integration", date: "19. marts 2024", items: 12 },
  { municipality: "Varde Kommune", committee: "Udvalget for Arbejdsmarked og Integration", date: "15. december 2022" },
  { municipality: "Faxe Kommune", committee: "Beskæftigelses & Integrationsudvalget", date: "6. november 2023" },
  { municipality: "Vejle Kommune", committee: "Arbejdsmarkedsudvalget", date: "23. november 2023" },
  { municipality: "Lemvig Kommune", committee: "Arbejdsmarkeds- og Integrationsudvalget", date: "5. marts 2025" },
];

for (const sample of SAMPLES) {
  test(`walks ${sample.municipality} from the home page to every agenda item`, async ({ page }) => {
    // It opens every item page of the meeting: 20–29 s on 2 cores, so the default 30 s flaked under load.
    test.setTimeout(60_000);
    await page.goto("/");
    await page.getByRole("main").getByRole("link", { name: sample.municipality, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(sample.municipality);

    await page.getByRole("main").getByRole("link", { name: sample.committee, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(sample.committee);

    await page.getByRole("main").getByRole("link", { name: new RegExp(sample.date) }).click();
    await expect(page.getByText(new RegExp(`den ${sample.date} kl\\. \\d\\d\\.\\d\\d`))).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Dagsorden" })).toBeVisible();
    const agenda = page.getByRole("list", { name: "Dagsorden" }).getByRole("link");
    const links = await agenda.evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href") ?? "", text: a.textContent ?? "" })));
    expect(links.length).toBeGreaterThan(3);
    if (sample.items) expect(links.length).toBe(sample.items);

    for (const link of links) {
      await page.goto(link.href);
      const heading = page.getByRole("heading", { level: 1 });
      await expect(heading).toContainText(link.text.replace(/^Lukket punkt: /, ""));
      await expect(page.getByRole("navigation", { name: "Brødkrummer" }).locator('[aria-current="page"]')).toBeVisible();
      if (link.text.startsWith("Lukket punkt")) {
        await expect(page.getByRole("heading", { name: "Lukket punkt" })).toBeVisible();
        await expect(page.locator("#beslutningen")).toHaveCount(0);
        continue;
      }
      await expect(page.locator("#beslutningen")).toBeVisible();
      // Every section heading is an anchor whose fragment resolves on the page.
      const anchors = await page.locator("section h2[id] a[href^='#']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      expect(anchors.length).toBeGreaterThan(0);
      for (const anchor of anchors) await expect(page.locator(anchor)).toHaveCount(1);
    }
  });
}

test("a section permalink scrolls to the section and the copy button copies it", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const item = "/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-2";
  await page.goto(`${item}#sagsfremstilling`);
  await expect(page.locator("#sagsfremstilling")).toBeInViewport();

  await page.getByRole("button", { name: "Kopiér link til punkt 2" }).click();
  await expect(page.getByText("Link kopieret").first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${item}`);

  await page.getByRole("button", { name: "Kopiér link til afsnittet Sagsfremstilling" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${item}#sagsfremstilling`);
});

test("a closed item shows its title and nothing of its content", async ({ page }) => {
  const response = await page.goto("/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-11");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Eventuelt");
  await expect(page.getByText("Punktet blev behandlet for lukkede døre")).toBeVisible();
  await expect(page.getByText("Intet.")).toHaveCount(0);
  await expect(page.locator("#beslutningen, #sagsfremstilling")).toHaveCount(0);
});

test("pages carry canonical, description and Open Graph tags, and the sitemap lists them", async ({ page, request }) => {
  const item = "/faxe/beskaeftigelses-integrationsudvalget/2023-11-06/punkt-83";
  await page.goto(item);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${item}$`));
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /.+/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /.+/);
  // The sitemap index names its files; together they list every page.
  const index = await request.get("/sitemap.xml");
  expect(index.headers()["content-type"]).toContain("xml");
  const files = [...(await index.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
  expect(files).toContain("/sitemaps/punkter-0.xml");
  let sitemap = "";
  for (const file of files) {
    const response = await request.get(file);
    expect(response.status(), file).toBe(200);
    sitemap += await response.text();
  }
  expect(sitemap).toContain(item);
  expect(sitemap).toContain("/lemvig/sag/85-02-02-p35-55-21");
  expect(sitemap).not.toContain("/soeg");
  expect((await request.get("/sitemaps/punkter-9999.xml")).status()).toBe(404);
});

test("responses carry the security headers and no X-Powered-By", async ({ request }) => {
  const response = await request.get("/vejen");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("base-uri 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // HSTS only when SITE_URL is https (lib/config/security-headers.ts); the tests serve plain http.
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(headers["x-powered-by"]).toBeUndefined();
});
