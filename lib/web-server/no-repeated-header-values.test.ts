import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { preventRepeatedHeaderValues } from "./no-repeated-header-values";

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** The raw header lines a real server sends when `respond` writes the response. */
async function rawHeadersOf(respond: (res: http.ServerResponse) => void): Promise<string[]> {
  server = http.createServer((_req, res) => {
    preventRepeatedHeaderValues(res);
    respond(res);
    res.end();
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http.get({ port, host: "127.0.0.1", path: "/" }, (res) => {
      res.resume();
      resolve(res.rawHeaders);
    }).on("error", reject);
  });
}

const valuesNamed = (raw: string[], name: string) => raw.filter((_, i) => i % 2 === 1 && raw[i - 1]!.toLowerCase() === name);

describe("preventRepeatedHeaderValues", () => {
  it("sends a header set and then appended with the same value once (Next's cached redirect)", async () => {
    const raw = await rawHeadersOf((res) => {
      res.statusCode = 308;
      res.setHeader("location", "/vejen/ny");
      res.appendHeader("location", "/vejen/ny");
      res.appendHeader("x-nextjs-stale-time", "300");
      res.appendHeader("x-nextjs-stale-time", "300");
    });
    expect(valuesNamed(raw, "location")).toEqual(["/vejen/ny"]);
    expect(valuesNamed(raw, "x-nextjs-stale-time")).toEqual(["300"]);
  });

  it("still appends distinct values, singly and as lists", async () => {
    const raw = await rawHeadersOf((res) => {
      res.appendHeader("set-cookie", "a=1");
      res.appendHeader("set-cookie", ["a=1", "b=2"]);
      res.appendHeader("vary", "rsc");
      res.appendHeader("vary", "Accept-Encoding");
    });
    expect(valuesNamed(raw, "set-cookie")).toEqual(["a=1", "b=2"]);
    expect(valuesNamed(raw, "vary")).toEqual(["rsc", "Accept-Encoding"]);
  });
});
