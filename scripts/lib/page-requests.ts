import http from "node:http";
import autocannon from "autocannon";

/**
 * The request headers of every benchmark request, warm-up and measurement alike. The page cache
 * keeps a copy per Accept-Encoding (and per the few other headers it varies on), so a warm-up
 * sent with other headers than the measurement (fetch adds "gzip, deflate"; autocannon adds
 * nothing) fills copies the measurement never hits. Browsers send an Accept-Encoding like this one.
 */
export const BENCH_HEADERS: Readonly<Record<string, string>> = { "accept-encoding": "br, gzip" };

/** GETs each path once, one at a time, with BENCH_HEADERS (node:http adds no headers of its own beyond Host and Connection); returns how many answered 200 and their x-cache values. */
export async function warmUp(origin: string, paths: readonly string[]): Promise<{ ok: number; cache: string[] }> {
  let ok = 0;
  const cache: string[] = [];
  for (const path of paths) {
    const { status, xCache } = await new Promise<{ status: number; xCache: string }>((resolve, reject) => {
      const request = http.get(new URL(path, origin), { headers: BENCH_HEADERS }, (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, xCache: String(response.headers["x-cache"] ?? "") }));
      });
      request.on("error", reject);
    });
    if (status === 200) ok += 1;
    cache.push(xCache);
  }
  return { ok, cache };
}

/** Measures `paths` with autocannon, every request with BENCH_HEADERS. */
export function measure(origin: string, paths: readonly string[], options: { connections: number; duration: number }): Promise<autocannon.Result> {
  return autocannon({
    url: origin,
    connections: options.connections,
    duration: options.duration,
    headers: { ...BENCH_HEADERS },
    requests: paths.map((path) => ({ method: "GET", path })),
  });
}
