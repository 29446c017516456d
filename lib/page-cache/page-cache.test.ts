import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PageCache, type RequestHandler } from "./page-cache";
import { PageStore } from "./page-store";

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

/**
 * An app standing in for Next.js: answers like its ISR pages (shareable Cache-Control, ETag,
 * body in several writes, some headers through writeHead), and records what it was asked.
 */
function app(options: { cacheControl?: string; delayMs?: number } = {}) {
  const calls: Array<{ url: string; headerNames: string[]; ifNoneMatch: string | undefined }> = [];
  let version = 1;
  const handler: RequestHandler = async (req, res) => {
    calls.push({ url: req.url ?? "", headerNames: Object.keys(req.headers).sort(), ifNoneMatch: req.headers["if-none-match"] });
    const rendered = version;
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (req.url === "/missing") {
      res.writeHead(404, { "cache-control": "private, no-store" }).end("Siden findes ikke");
      return;
    }
    res.setHeader("Content-Security-Policy", "object-src 'none'");
    res.setHeader("ETag", `"v${rendered}"`);
    const type = req.headers.rsc === "1" ? "text/x-component" : "text/html; charset=utf-8";
    res.writeHead(200, { "Content-Type": type, "Cache-Control": options.cacheControl ?? "s-maxage=30, stale-while-revalidate=31535970" });
    res.write(`<p>${req.url} `);
    res.write(Buffer.from(`version ${rendered}`));
    res.end(` æøå (${req.headers["accept-encoding"] ?? "identity"})</p>`);
  };
  return { handler, calls, bump: () => (version += 1) };
}

async function serve(handler: RequestHandler): Promise<number> {
  const server = http.createServer((req, res) => void handler(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function request(port: number, path: string, headers: http.OutgoingHttpHeaders = {}, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: "127.0.0.1", path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function setup(options?: Parameters<typeof app>[0], cacheOptions?: ConstructorParameters<typeof PageCache>[1]) {
  const upstream = app(options);
  const cache = new PageCache(new PageStore(10 * 1024 * 1024), cacheOptions);
  const port = await serve(cache.handler(upstream.handler));
  return { ...upstream, cache, port };
}

describe("PageCache", () => {
  it("renders a page afresh on a miss, then answers from memory with the same body and headers", async () => {
    const { port, calls } = await setup();
    const first = await request(port, "/vejen/byraadet", { "if-none-match": '"old"' });
    expect(first.status).toBe(200);
    expect(first.headers["x-cache"]).toBe("MISS");
    // The app was asked for the whole page, not a 304 against the client's copy, and with the
    // visitor's own headers only: a fresh render is the app's (Next's cacheHandler keeps nothing),
    // not a private revalidation header of Next's.
    expect(calls).toEqual([{ url: "/vejen/byraadet", headerNames: ["connection", "host"], ifNoneMatch: undefined }]);

    const second = await request(port, "/vejen/byraadet");
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.body).toBe(first.body);
    expect(second.body).toBe("<p>/vejen/byraadet version 1 æøå (identity)</p>");
    for (const name of ["content-type", "cache-control", "etag", "content-security-policy"]) expect(second.headers[name], name).toBe(first.headers[name]);
    // Browsers must ask again every time rather than show a stale copy once more.
    expect(first.headers["cache-control"]).toBe("public, max-age=0, s-maxage=30, must-revalidate");
    expect(Number(second.headers["content-length"])).toBe(Buffer.byteLength(second.body));
    expect(calls).toHaveLength(1);
  });

  it("renders a page once for many simultaneous first visitors", async () => {
    const { port, calls } = await setup({ delayMs: 50 });
    const replies = await Promise.all(Array.from({ length: 20 }, () => request(port, "/vejen")));
    expect(calls).toHaveLength(1);
    expect(new Set(replies.map((r) => r.body)).size).toBe(1);
    expect(replies.filter((r) => r.headers["x-cache"] === "MISS")).toHaveLength(1);
  });

  it("keeps a variant per Accept-Encoding", async () => {
    const { port, calls } = await setup();
    await request(port, "/vejen");
    const gzip = await request(port, "/vejen", { "accept-encoding": "gzip" });
    expect(gzip.body).toContain("(gzip)");
    expect((await request(port, "/vejen")).body).toContain("(identity)");
    expect(calls).toHaveLength(2);
  });

  it("never keeps private answers, errors or requests for other representations", async () => {
    const { port, calls } = await setup({ cacheControl: "private, no-cache, no-store, max-age=0, must-revalidate" });
    expect((await request(port, "/soeg")).headers["cache-control"]).toBe("private, no-cache, no-store, max-age=0, must-revalidate");
    await request(port, "/soeg");
    await request(port, "/missing");
    await request(port, "/missing");
    expect(calls).toHaveLength(4);

    const shared = await setup();
    await request(shared.port, "/vejen", { rsc: "1" });
    await request(shared.port, "/vejen", { rsc: "1" });
    await request(shared.port, "/vejen?x=1");
    await request(shared.port, "/vejen?x=1");
    expect(shared.calls).toHaveLength(4);
  });

  it("keeps a page's RSC payloads apart from its HTML and forgets them with it", async () => {
    const { port, cache, calls } = await setup();
    const navigation = () => request(port, "/vejen?_rsc=n1", { rsc: "1", "next-router-state-tree": "%5B%5D" });
    const prefetch = () => request(port, "/vejen?_rsc=p1", { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" });
    for (const ask of [navigation, prefetch, () => request(port, "/vejen")]) {
      const first = await ask();
      expect(first.headers["x-cache"]).toBe("MISS");
      const again = await ask();
      expect(again.headers["x-cache"]).toBe("HIT");
      expect(again.body).toBe(first.body);
      expect(again.headers["content-type"]).toBe(first.headers["content-type"]);
    }
    expect((await navigation()).headers["content-type"]).toBe("text/x-component");
    expect((await request(port, "/vejen")).headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(calls).toHaveLength(3);

    cache.forgetChanged(["/vejen/byraadet/2024-03-19"]);
    expect((await navigation()).headers["x-cache"]).toBe("MISS");
    expect((await prefetch()).headers["x-cache"]).toBe("MISS");
    expect(calls).toHaveLength(5);
  });

  it("answers HEAD and conditional requests from memory", async () => {
    const { port, calls } = await setup();
    // A HEAD miss goes to the app and is not kept (it has no body to keep).
    await request(port, "/vejen", {}, "HEAD");
    expect((await request(port, "/vejen")).headers["x-cache"]).toBe("MISS");
    expect(calls).toHaveLength(2);
    const cachedHead = await request(port, "/vejen", {}, "HEAD");
    expect(cachedHead.headers["x-cache"]).toBe("HIT");
    expect(cachedHead.body).toBe("");
    expect(Number(cachedHead.headers["content-length"])).toBeGreaterThan(0);
    const notModified = await request(port, "/vejen", { "if-none-match": '"v1"' });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe("");
  });

  it("forgets exactly the pages a change affects", async () => {
    const { port, calls, cache, bump } = await setup();
    const meeting = "/vejen/byraadet/2024-03-19";
    const pages = ["/", "/vejen", "/vejen/byraadet", meeting, `${meeting}/punkt-1`, "/vejle", "/vejen/byraadet/2023-01-01"];
    for (const page of pages) await request(port, page);
    bump();
    expect(cache.forgetChanged([meeting])).toBe(5);
    const after = await Promise.all(pages.map((page) => request(port, page)));
    expect(after.map((r) => r.body.includes("version 2"))).toEqual([true, true, true, true, true, false, false]);
    expect(calls).toHaveLength(pages.length + 5);
  });

  it("does not keep a render that was under way when the data changed", async () => {
    const { port, cache, calls } = await setup({ delayMs: 100 });
    const pending = request(port, "/vejen");
    await expect.poll(() => calls.length, { interval: 5 }).toBe(1);
    cache.forgetChanged(["/vejen"]);
    expect((await pending).headers["x-cache"]).toBe("MISS");
    expect((await request(port, "/vejen")).headers["x-cache"]).toBe("MISS");
    expect((await request(port, "/vejen")).headers["x-cache"]).toBe("HIT");
  });

  it("does not keep a page whose visitor left before it was sent", async () => {
    const { port, cache } = await setup({ delayMs: 100 });
    await new Promise<void>((resolve) => {
      const req = http.request({ port, host: "127.0.0.1", path: "/vejen", agent: false });
      req.on("error", () => resolve());
      req.end();
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(cache.stats.pages).toBe(0);
  });

  // A write path that forgot its PageChange row left pages stale until restart (issue 12).
  it("renders a page again once it is older than maxAgeMs, even without a change", async () => {
    let now = 1_000_000;
    const { port, calls, bump } = await setup({}, { maxAgeMs: 60_000, now: () => now });
    expect((await request(port, "/vejen")).body).toContain("version 1");
    bump();
    now += 59_000;
    expect((await request(port, "/vejen")).headers["x-cache"]).toBe("HIT");
    now += 1_000;
    const expired = await request(port, "/vejen");
    expect(expired.headers["x-cache"]).toBe("MISS");
    expect(expired.body).toContain("version 2");
    expect(calls).toHaveLength(2);
    expect((await request(port, "/vejen")).headers["x-cache"]).toBe("HIT");
  });

  it("forgets every page at once for a new build", async () => {
    const { port, cache } = await setup();
    for (const path of ["/", "/vejen", "/faxe/x"]) await request(port, path);
    expect(cache.stats.pages).toBe(3);
    expect(cache.forgetAll()).toBe(3);
    expect(cache.stats).toEqual({ pages: 0, bytes: 0 });
    expect((await request(port, "/vejen")).headers["x-cache"]).toBe("MISS");
  });
});
