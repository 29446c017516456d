import { banExpressionsFor } from "./ban-expression";

/** How long one ban request may take before it counts as failed. */
const BAN_TIMEOUT_MS = 5000;

/**
 * Sends BAN requests for the pages the changed paths affect to every Varnish in `varnishUrls`
 * (the VCL in deploy/varnish accepts them from this machine). Resolves with the number of bans
 * sent; rejects with a message naming the Varnish that failed, after trying all of them.
 */
export async function banPages(varnishUrls: readonly string[], changedPaths: readonly string[]): Promise<number> {
  const expressions = banExpressionsFor(changedPaths);
  const failures: string[] = [];
  let sent = 0;
  for (const url of varnishUrls) {
    for (const expression of expressions) {
      try {
        const response = await fetch(url, { method: "BAN", headers: { "X-Ban-Url": expression }, signal: AbortSignal.timeout(BAN_TIMEOUT_MS) });
        await response.body?.cancel();
        if (!response.ok) failures.push(`${url}: ${response.status} ${response.statusText}`);
        else sent += 1;
      } catch (error) {
        failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  if (failures.length > 0) throw new Error(`Varnish ban failed (${failures.join("; ")})`);
  return sent;
}
