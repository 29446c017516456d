import type http from "node:http";
import net, { type AddressInfo } from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { securityHeaders, securityHeadersFor, strictTransportSecurity } from "@/lib/config/security-headers";
import type { RequestHandler } from "@/lib/page-cache/page-cache";
import { createWebServer, refusalOf } from "./web-server";

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** What the app behind the server saw, and how it answers. */
let seen: string[] = [];
const app: RequestHandler = (req, res) => {
  seen.push(`${req.method} ${req.url}`);
  if (req.url === "/boom") throw new Error("render failed");
  if (req.url === "/vejen/") {
    // Next's trailing-slash redirect, written with writeHead.
    res.writeHead(308, { Location: "/vejen" });
    res.end();
    return;
  }
  res.setHeader("content-type", "text/html");
  res.end("<p>side</p>");
};

async function start(siteUrl = "http://localhost:3000"): Promise<number> {
  seen = [];
  server = createWebServer(app, securityHeadersFor(siteUrl));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** Sends raw bytes and returns the raw answer: status line, header lines (lower-cased names) and body. */
function rawRequest(port: number, request: string): Promise<{ status: number; headers: Map<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", body = ""] = text.split("\r\n\r\n", 2);
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body });
    });
  });
}

const get = (port: number, path: string, method = "GET") => rawRequest(port, `${method} ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);

function expectSecurityHeaders(headers: Map<string, string>, where: string): void {
  expect(securityHeaders.length).toBeGreaterThan(3);
  for (const { key, value } of securityHeaders) expect(headers.get(key.toLowerCase()), `${key} on ${where}`).toBe(value);
}

describe("createWebServer", () => {
  it("sends the security headers on the app's pages, its redirects and its failures", async () => {
    const port = await start();
    const page = await get(port, "/vejen");
    expect(page.status).toBe(200);
    expectSecurityHeaders(page.headers, "a page");
    const redirect = await get(port, "/vejen/");
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("location")).toBe("/vejen");
    expectSecurityHeaders(redirect.headers, "a 308");
    const failure = await get(port, "/boom");
    expect(failure.status).toBe(500);
    expect(failure.body).toBe("Der opstod en fejl på serveren.\n");
    expectSecurityHeaders(failure.headers, "a 500");
  });

  // Each was a 500 in plain text without a security header (issue 12).
  it.each(["/%", "/%zz", "/vejen/%ff", "/%C3%28", "/%00", "/vejen/%01?q=x", "/api/search%"])("answers %s with a 400 and the headers, without the app", async (path) => {
    const port = await start();
    const answer = await get(port, path);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("Ugyldig adresse");
    expectSecurityHeaders(answer.headers, path);
    expect(seen).toEqual([]);
  });

  it("passes well-formed encoded paths and malformed query strings on to the app", async () => {
    const port = await start();
    for (const path of ["/k%C3%B8ge", "/vejen/%20x", "/soeg?q=%", "/soeg?q=%zz"]) expect((await get(port, path)).status, path).toBe(200);
    expect(seen).toHaveLength(4);
  });

  it.each(["TRACE", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"])("answers %s on the API with 405 and Allow", async (method) => {
    const port = await start();
    const answer = await rawRequest(port, `${method} /api/search?q=x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("GET, HEAD");
    expectSecurityHeaders(answer.headers, method);
    expect(seen).toEqual([]);
  });

  it("answers a request Node cannot parse with 400, and oversized headers with 431, both with the headers", async () => {
    const port = await start();
    const garbled = await rawRequest(port, "GET /\x01 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(garbled.status).toBe(400);
    expectSecurityHeaders(garbled.headers, "Node's 400");
    const oversized = await rawRequest(port, `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(oversized.status).toBe(431);
    expectSecurityHeaders(oversized.headers, "Node's 431");
    expect(seen).toEqual([]);
  });

  it("sends HSTS only when the public origin is https", async () => {
    const plain = await get(await start("http://localhost:3000"), "/vejen");
    expect(plain.headers.has("strict-transport-security")).toBe(false);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const secure = await get(await start("https://referatportalen.dk"), "/vejen");
    expect(secure.headers.get("strict-transport-security")).toBe(strictTransportSecurity.value);
    // A client cannot switch it on for a plain-http site.
    server!.close();
    const spoofed = await rawRequest(await start("http://localhost:3000"), "GET /vejen HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n");
    expect(spoofed.headers.has("strict-transport-security")).toBe(false);
  });
});

describe("refusalOf", () => {
  it("never refuses a GET of a path built from any text, correctly encoded", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { maxLength: 5 }), (segments) => {
        const printable = segments.map((segment) => segment.replace(/\p{Cc}/gu, ""));
        expect(refusalOf({ method: "GET", url: `/${printable.map(encodeURIComponent).join("/")}` })).toBeNull();
      }),
    );
  });

  it("refuses any path whose percent-encoding does not decode", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom("%", "%z", "%ff", "%C3%28", "%E2%82"), (text, broken) => {
        expect(refusalOf({ method: "GET", url: `/${encodeURIComponent(text)}${broken}` })?.status).toBe(400);
      }),
    );
  });
});
