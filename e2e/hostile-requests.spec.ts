import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * Requests an attacker, a crawler or a link shortener sends, against the real server stack
 * (scripts/serve.ts: Next behind the page cache). Plain Node requests, so paths and headers go
 * out exactly as written. Browser-independent: run once, in the desktop project.
 */
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "desktop", "one run is enough for requests without a browser"));

const port = Number(process.env.E2E_PORT ?? 3100);

function rawGet(pathAndQuery: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "localhost", port, path: pathAndQuery, method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

function expectSecurityHeaders(headers: http.IncomingHttpHeaders, where: string): void {
  expect(headers["content-security-policy"], where).toContain("default-src 'self'");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["x-frame-options"], where).toBe("DENY");
  // The e2e server's SITE_URL is http: no HSTS.
  expect(headers["strict-transport-security"], where).toBeUndefined();
}

function filesUnder(folder: string): number {
  if (!existsSync(folder)) return 0;
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

// 100 distinct unknown paths added ~700 files to .next/server/route-cache (issue 12).
test("unknown URLs are answered with 404 and never written to disk", async () => {
  const routeCache = path.resolve(".next/server/route-cache");
  const before = filesUnder(routeCache);
  for (let i = 0; i < 40; i++) {
    for (const unknown of [`/ukendt-kommune-${i}`, `/vejen/ukendt-udvalg-${i}`, `/etc/passwd-${i}.html`]) {
      const answer = await rawGet(unknown);
      expect(answer.status, unknown).toBe(404);
      expect(answer.body).toContain("Siden findes ikke");
      expectSecurityHeaders(answer.headers, unknown);
    }
  }
  expect(filesUnder(routeCache)).toBe(before);
});

test("malformed paths get a 400 and unsupported methods a 405, with the security headers", async () => {
  for (const malformed of ["/%", "/%zz", "/vejen/%ff", "/%C3%28", "/%00"]) {
    const answer = await rawGet(malformed);
    expect(answer.status, malformed).toBe(400);
    expectSecurityHeaders(answer.headers, malformed);
  }
  for (const method of ["TRACE", "POST", "DELETE"]) {
    const answer = await rawGet("/api/search?q=fleksjob", { method });
    expect(answer.status, method).toBe(405);
    expect(answer.headers.allow).toBe("GET, HEAD");
    expectSecurityHeaders(answer.headers, method);
  }
  const redirect = await rawGet("/vejen/");
  expect(redirect.status).toBe(308);
  expect(redirect.headers.location).toBe("/vejen");
  expectSecurityHeaders(redirect.headers, "Next's 308");
});

test("a page is rendered once for every Accept-Encoding that gets the same answer", async () => {
  const page = "/vejen/udvalget-for-arbejdsmarked-og-integration";
  await expect.poll(async () => (await rawGet(page, { headers: { "accept-encoding": "gzip" } })).headers["x-cache"]).toBe("HIT");
  for (const encoding of [`x-junk-${Date.now()}, gzip`, "gzip, deflate, br, zstd", "GZIP;q=0.8, br"]) {
    const answer = await rawGet(page, { headers: { "accept-encoding": encoding } });
    expect(answer.headers["x-cache"], encoding).toBe("HIT");
    expect(answer.headers["content-encoding"], encoding).toBe("gzip");
  }
  // A client that takes no encoding Next serves gets the uncompressed copy.
  await expect.poll(async () => (await rawGet(page, { headers: { "accept-encoding": "br" } })).headers["x-cache"]).toBe("HIT");
  const plain = await rawGet(page, { headers: { "accept-encoding": `br, x-junk-${Date.now()}` } });
  expect(plain.headers["x-cache"]).toBe("HIT");
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.body).toContain("<h1");
});

test("links shared with tracking parameters search as without them", async ({ page, request }) => {
  await page.goto("/soeg?q=fleksjob&fbclid=IwAR0abc&utm_source=nyhedsbrev&foo=bar");
  await expect(page.getByText(/Ukendt parameter/)).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Søg i referater");
  await expect(page.locator('main a[href*="/punkt-"]').first()).toBeVisible();
  const plain = await (await request.get("/api/search?q=fleksjob")).json();
  const tracked = await request.get("/api/search?q=fleksjob&utm_source=x&utm_medium=email&gclid=1&mc_cid=2&msclkid=3&_ga=4");
  expect(tracked.status()).toBe(200);
  const body = await tracked.json();
  expect(body.total).toBeGreaterThan(0);
  expect(body).toEqual(plain);
  // The API still names a parameter it does not know.
  expect((await request.get("/api/search?q=fleksjob&foo=bar")).status()).toBe(400);
});
