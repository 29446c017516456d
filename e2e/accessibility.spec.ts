import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = {
  forside: "/",
  kommune: "/vejen",
  udvalg: "/vejen/udvalget-for-arbejdsmarked-og-integration",
  moede: "/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19",
  punkt: "/vejle/arbejdsmarkedsudvalget/2023-11-23/punkt-95",
  "punkt med tabel": "/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-3",
  "lukket punkt": "/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-11",
  person: "/vejen/person/morten-thoroe",
  personer: "/vejen/person",
  datakvalitet: "/datakvalitet",
  datagrundlag: "/vejen/datagrundlag",
  "404": "/findes-ikke",
};

for (const [name, path] of Object.entries(PAGES)) {
  test(`${name} has no serious or critical WCAG 2.1 A/AA violations`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
    expect(serious).toEqual([]);
  });
}

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/vejen");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Gå til indhold" });
  await expect(skip).toBeFocused();
  await skip.press("Enter");
  await expect(page).toHaveURL(/#indhold$/);
});

test.describe("at 320 CSS pixels (WCAG 1.4.10 reflow, 1280 px at 400 % zoom)", () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const [name, path] of Object.entries({ ...PAGES, soeg: "/soeg?q=sygedagpenge" })) {
    test(`${name} needs no horizontal scrolling`, async ({ page }) => {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});

test.describe("on a phone as Lighthouse emulates it (412 CSS pixels)", () => {
  test.use({ viewport: { width: 412, height: 823 } });
  for (const [name, path] of Object.entries({ ...PAGES, soeg: "/soeg?q=besk%C3%A6ftigelse" })) {
    // WCAG 2.2 2.5.8; the search field once shrank to 26 px beside the selects (Lighthouse target-size).
    test(`${name}: every touch target has 24 px of room`, async ({ page }) => {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withRules(["target-size"]).analyze();
      expect(results.passes.length + results.violations.length).toBeGreaterThan(0);
      expect(results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ")))).toEqual([]);
    });
  }
});
