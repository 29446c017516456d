import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measure, warmUp } from "./page-requests";

// The bench's warm-up must fill exactly the cache entries its measurement reads: every header the
// page cache varies on must be the same in both.
describe("bench:pages requests", () => {
  const seen: Array<{ path: string; headers: http.IncomingHttpHeaders }> = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? "", headers: req.headers });
    res.setHeader("x-cache", "MISS");
    res.end("ok");
  });
  let origin = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("warms up with the same cache-relevant headers the measurement sends", async () => {
    const paths = ["/vejen", "/vejen/udvalg/2024-03-19"];
    expect(await warmUp(origin, paths)).toEqual({ ok: 2, cache: ["MISS", "MISS"] });
    const warm = seen.splice(0);
    await measure(origin, paths, { connections: 1, duration: 0.3 });
    const measured = seen.splice(0);
    expect(warm.map((r) => r.path)).toEqual(paths);
    expect(measured.length).toBeGreaterThan(0);
    const varying = ["accept-encoding", "accept", "rsc", "next-router-prefetch", "next-router-state-tree", "user-agent", "cookie"];
    const pick = (headers: http.IncomingHttpHeaders) => Object.fromEntries(varying.map((name) => [name, headers[name]]));
    expect(warm[0]?.headers["accept-encoding"]).toBe("br, gzip");
    for (const request of [...warm, ...measured]) expect(pick(request.headers)).toEqual(pick(warm[0]?.headers ?? {}));
  });
});
