import { expect, test } from "@playwright/test";

test("the home page renders in Danish with a search box that goes to /soeg", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "da");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hvad har udvalgene besluttet?");
  await expect(page.getByRole("link", { name: "Gå til indhold" })).toBeAttached();
  const search = page.getByRole("search", { name: "Søg i referater" }).getByRole("searchbox");
  await search.fill("fleksjob");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/soeg\?q=fleksjob/);
});

test("unknown addresses get the Danish 404 page with a search box", async ({ page }) => {
  const response = await page.goto("/findes-ikke/slet-ikke");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siden findes ikke");
  await expect(page.getByRole("main").getByRole("searchbox")).toBeVisible();
});
