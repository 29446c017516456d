/** The request header scripts/serve.ts sets to the client's IP (any incoming value is replaced). */
export const CLIENT_IP_HEADER = "x-referatportalen-client-ip";

/**
 * The client's IP for the rate limits: the socket's peer, or — when the peer is this machine,
 * i.e. a proxy such as the shipped Varnish — the last address that proxy appended to
 * X-Forwarded-For (earlier entries are the client's own claims and are ignored).
 */
export function clientIpOf(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined): string | null {
  if (!remoteAddress) return null;
  const isLoopback = remoteAddress === "::1" || remoteAddress.startsWith("127.") || remoteAddress.startsWith("::ffff:127.");
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
  return isLoopback && forwarded.length > 0 ? (forwarded.at(-1) ?? remoteAddress) : remoteAddress;
}
