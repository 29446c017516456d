import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@/lib/db/client";

/** A new random token (mailed) and its sha256 (stored). */
export function createToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** sha256 (hex) of a token, as stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const keys = new WeakMap<PrismaClient, Promise<string>>();

/**
 * The key that signs unsubscribe links and keys the rate-limit hashes: `secret` (ALERTS_SECRET)
 * when set, else one random key stored in the database on first use, so every process and
 * machine on the database signs alike.
 */
export function getSigningKey(prisma: PrismaClient, secret: string | null): Promise<string> {
  if (secret) return Promise.resolve(secret);
  let key = keys.get(prisma);
  if (!key) {
    key = (async () => {
      await prisma.$executeRaw`INSERT INTO "AlertSigningKey" ("id", "key") VALUES (1, ${randomBytes(32).toString("base64url")}) ON CONFLICT ("id") DO NOTHING`;
      const row = await prisma.alertSigningKey.findUniqueOrThrow({ where: { id: 1 } });
      return row.key;
    })();
    key.catch(() => keys.delete(prisma));
    keys.set(prisma, key);
  }
  return key;
}

/** HMAC-SHA256 of `message` under `key`, base64url. */
export function sign(key: string, message: string): string {
  return createHmac("sha256", key).update(message, "utf8").digest("base64url");
}

/** True when `signature` is `sign(key, message)`; compared in constant time. */
export function verifySignature(key: string, message: string, signature: string): boolean {
  const expected = Buffer.from(sign(key, message));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
