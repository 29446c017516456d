import { expect, test } from "@playwright/test";
import { COMPILE_HINT } from "../scripts/lib/compile-hints";

// Every script a page loads starts with V8's compile hint, so a phone compiles the framework
// while it downloads instead of on the main thread (scripts/lib/next-build.ts adds it).
test("every client script of the served pages carries the compile hint", async ({ page, request }) => {
  const sources = new Set<string>();
  for (const url of ["/", "/soeg?q=fleksjob"]) {
    await page.goto(url);
    for (const src of await page.locator("script[src]").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).src))) sources.add(src);
  }
  expect(sources.size).toBeGreaterThan(3);
  for (const src of sources) {
    const response = await request.get(src);
    expect(response.status(), src).toBe(200);
    expect((await response.text()).startsWith(`${COMPILE_HINT}\n`), src).toBe(true);
  }
});
