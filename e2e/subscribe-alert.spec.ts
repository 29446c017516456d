import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { simpleParser } from "mailparser";

// The e2e server runs without SMTP_URL, so its mails land as .eml files here (playwright.config.ts).
const MAIL_DIR = path.resolve(".data/e2e/mail");

async function confirmationLinkFor(address: string): Promise<string> {
  for (const file of readdirSync(MAIL_DIR).filter((f) => f.endsWith(".eml")).sort().reverse()) {
    const mail = await simpleParser(readFileSync(path.join(MAIL_DIR, file)));
    const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
    if (!to.some((t) => t.value.some((v) => v.address === address))) continue;
    const link = /https?:\/\/\S+\/abonnement\/bekraeft\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? "")?.[0];
    if (link) return link;
  }
  throw new Error(`no confirmation mail to ${address} in ${MAIL_DIR}`);
}

test("subscribe to a search from /soeg and confirm with the link from the mail", async ({ page, browser }) => {
  // Each run comes from its own client address (the server trusts X-Forwarded-For from loopback),
  // so repeated runs stay under the per-IP limit.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}` });
  const address = `e2e-${randomBytes(4).toString("hex")}@example.dk`;
  await page.goto("/soeg?q=beredskabsplan");
  await page.getByRole("link", { name: "Få besked på mail" }).click();
  await expect(page).toHaveURL(/\/abonnement\?q=beredskabsplan$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Få besked på mail");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.getByLabel("Din e-mailadresse").fill("ikke-en-adresse");
  await page.getByRole("button", { name: "Tilmeld" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/gyldig e-mailadresse/);
  await expect(page.getByLabel("Din e-mailadresse")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Din e-mailadresse").fill(address);
  await page.getByLabel("Ugentligt").check();
  await page.getByRole("button", { name: "Tilmeld" }).click();
  await expect(page.getByText(/har vi sendt en mail med et link/)).toBeVisible();

  const link = new URL(await confirmationLinkFor(address));
  const confirmPage = await browser.newPage();
  await confirmPage.goto(`${link.pathname}${link.search}`);
  await confirmPage.getByRole("button", { name: "Bekræft abonnement" }).click();
  await expect(confirmPage.getByRole("main").getByRole("status")).toHaveText(/dit abonnement er bekræftet/);
  // Single use: the same link again confirms nothing.
  await confirmPage.goto(`${link.pathname}${link.search}`);
  await confirmPage.getByRole("button", { name: "Bekræft abonnement" }).click();
  await expect(confirmPage.getByRole("main").getByRole("alert")).toHaveText(/ugyldigt eller allerede brugt/);
});

test("municipality and committee pages offer an alert on their decisions", async ({ page }) => {
  await page.goto("/vejen");
  await page.getByRole("link", { name: "Få besked på mail om nye beslutninger" }).click();
  await expect(page).toHaveURL(/\/abonnement\?kommune=vejen$/);
  await expect(page.getByText("kommune: vejen")).toBeVisible();
});

test("the one-click unsubscribe endpoint refuses a forged link and changes nothing", async ({ request }) => {
  const oneClick = await request.post("/api/abonnement/afmeld?id=1&sig=forfalsket", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: "List-Unsubscribe=One-Click",
  });
  expect(oneClick.status()).toBe(400);
  expect(oneClick.headers()["content-security-policy"]).toBeTruthy();
  const button = await request.post("/api/abonnement/afmeld?id=abc&sig=", { maxRedirects: 0 });
  expect(button.status()).toBe(303);
  expect(button.headers()["location"]).toBe("/abonnement/afmeld?status=ugyldigt");
});
