import { existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { recordPageChange } from "@/lib/ingest/page-changes";
import { watchPageChanges } from "@/lib/page-cache/change-feed";
import { banPages } from "./ban-pages";
import { startVarnish, VARNISHD, type RunningVarnish } from "./run-varnish";

/**
 * The shipped VCL in a real varnishd in front of two web processes (small stand-ins answering
 * like the portal: shareable pages with s-maxage), fed by the real PageChange feed. CI installs
 * Varnish (.ci/run); elsewhere the test is skipped when it is missing.
 */
const hasVarnish = existsSync(VARNISHD);
if (!hasVarnish && process.env.CI) throw new Error(`CI must install Varnish (${VARNISHD} missing)`);

interface Backend {
  name: string;
  version: number;
  server: http.Server;
  port: number;
  requests: number;
}

async function startBackend(name: string): Promise<Backend> {
  const backend: Backend = { name, version: 1, server: http.createServer(), port: 0, requests: 0 };
  backend.server.on("request", (req, res) => {
    backend.requests += 1;
    res.setHeader("cache-control", "public, max-age=0, s-maxage=30, must-revalidate");
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("content-type", "text/plain; charset=utf-8");
    res.end(`${req.url} v${backend.version}`);
  });
  await new Promise<void>((resolve) => backend.server.listen(0, "127.0.0.1", resolve));
  backend.port = (backend.server.address() as AddressInfo).port;
  return backend;
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function get(varnish: RunningVarnish, url: string): Promise<{ status: number; body: string; cache: string | null; headers: Headers }> {
  const response = await fetch(varnish.url + url);
  return { status: response.status, body: await response.text(), cache: response.headers.get("x-cache"), headers: response.headers };
}

describe.skipIf(!hasVarnish)("Varnish in front of two web processes", () => {
  let db: TestDatabase;
  let varnish: RunningVarnish;
  let backends: Backend[];
  let workDir: string;
  let stopFeed = () => {};

  beforeAll(async () => {
    db = await createTestDatabase();
    backends = [await startBackend("a"), await startBackend("b")];
    workDir = mkdtempSync(path.join(os.tmpdir(), "referatportalen-varnish-"));
    varnish = await startVarnish({ port: await freePort(), backends: backends.map((backend) => ({ host: "127.0.0.1", port: backend.port })), workDir, cacheMb: 32 });
    // What every web process does (scripts/serve.ts): follow the change feed and ban in Varnish.
    const feed = await watchPageChanges(db.prisma, (paths) => void banPages([varnish.url], paths), { intervalMs: 200 });
    stopFeed = feed.stop;
  });

  afterAll(async () => {
    stopFeed();
    await varnish?.stop();
    for (const backend of backends ?? []) backend.server.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    await db?.drop();
  });

  it("keeps pages, spreads misses over both processes, and forgets exactly the changed pages within seconds", async () => {
    const item = "/vejen/arbejdsmarked/2024-03-19/punkt-1";
    const other = "/vejen/teknik/2024-03-20";
    for (const url of [item, other, "/"]) {
      expect((await get(varnish, url)).cache).toBe("MISS");
      const again = await get(varnish, url);
      expect(again.cache).toBe("HIT");
      expect(again.body).toBe(`${url} v1`);
    }
    expect(backends.every((backend) => backend.requests > 0)).toBe(true);

    for (const backend of backends) backend.version = 2;
    const changedAt = Date.now();
    await db.prisma.$transaction((tx) => recordPageChange(tx, "/vejen/arbejdsmarked/2024-03-19"));

    let page = await get(varnish, item);
    while (page.body !== `${item} v2` && Date.now() - changedAt < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      page = await get(varnish, item);
    }
    expect(page.body).toBe(`${item} v2`);
    expect((await get(varnish, "/")).body).toBe("/ v2");
    // A page the change does not touch stays cached.
    const untouched = await get(varnish, other);
    expect(untouched).toMatchObject({ cache: "HIT", body: `${other} v1` });
  });

  it("drops tracking parameters from the cache key", async () => {
    const first = await get(varnish, "/varde?utm_source=nyhedsbrev&fbclid=abc");
    const second = await get(varnish, "/varde");
    expect(first.body).toMatch(/^\/varde v\d$/);
    expect(second.cache).toBe("HIT");
  });

  it("answers with the security headers when no web process answers", async () => {
    for (const backend of backends) backend.server.closeAllConnections();
    await Promise.all(backends.map((backend) => new Promise((resolve) => backend.server.close(resolve))));
    const page = await get(varnish, "/ingen-cache-endnu");
    expect(page.status).toBe(503);
    expect(page.body).toContain("Portalen svarer ikke");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});
