import type { Tx } from "@/lib/ingest/write-meeting";
import { MAX_REQUESTS_PER_ADDRESS, MAX_REQUESTS_PER_IP, RATE_WINDOW_MS } from "./alert-limits";
import { sign } from "./alert-tokens";

/** Why a request was refused, in Danish. */
export type RateLimitResult = { ok: true } | { ok: false; messageDa: string };

/**
 * Counts a subscription or manage-link request against the address and the client IP and
 * refuses it past the limits. Only keyed hashes of the address and IP are stored. Runs in the
 * caller's transaction, serialized per key by advisory locks so a burst cannot slip past.
 */
export async function countRequest(tx: Tx, key: string, email: string, clientIp: string | null, now: Date): Promise<RateLimitResult> {
  const since = new Date(now.getTime() - RATE_WINDOW_MS);
  const addressKey = sign(key, `address:${email}`);
  const ipKey = clientIp ? sign(key, `ip:${clientIp}`) : null;
  const keys = [addressKey, ...(ipKey ? [ipKey] : [])];
  await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 1717))) FROM (SELECT unnest(${keys}::text[]) AS k ORDER BY 1) AS sorted`;
  if (ipKey && (await tx.alertRequest.count({ where: { keyHash: ipKey, createdAt: { gt: since } } })) >= MAX_REQUESTS_PER_IP) {
    return { ok: false, messageDa: "Der er kommet for mange tilmeldinger fra din forbindelse inden for den seneste time. Prøv igen om en time." };
  }
  if ((await tx.alertRequest.count({ where: { keyHash: addressKey, createdAt: { gt: since } } })) >= MAX_REQUESTS_PER_ADDRESS) {
    return {
      ok: false,
      messageDa: `Der er allerede bedt om ${MAX_REQUESTS_PER_ADDRESS} mails til denne adresse inden for den seneste time. Se efter dem i indbakken (og spam-mappen), eller prøv igen om en time.`,
    };
  }
  await tx.alertRequest.createMany({ data: keys.map((keyHash) => ({ keyHash, createdAt: now })) });
  return { ok: true };
}
