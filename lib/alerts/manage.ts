import type { PrismaClient } from "@/lib/db/client";
import { MANAGE_TTL_MS } from "./alert-limits";
import type { AlertFrequency } from "./alert-frequency";
import { manageUrl, unsubscribeMessage } from "./alert-links";
import { createToken, getSigningKey, hashToken, verifySignature } from "./alert-tokens";
import { manageLinkMail } from "./notice-mails";
import { countRequest } from "./rate-limit";
import { answerRequest, normalizeEmail, type AlertDeps, type AlertRequestResult } from "./subscribe";

/** One subscription as the manage page lists it. */
export interface ManagedSubscription {
  id: number;
  query: string;
  frequency: AlertFrequency;
  isConfirmed: boolean;
}

/**
 * Mails a link to manage all subscriptions of an address — only to an address with a confirmed
 * subscription, and under the same rate limits as subscribing. Answers alike whether or not the
 * address is known.
 */
export async function requestManageLink(deps: AlertDeps, input: { email: string; clientIp: string | null }): Promise<AlertRequestResult> {
  const email = normalizeEmail(input.email);
  if (!email) return { ok: false, field: "email", messageDa: "Skriv en gyldig e-mailadresse, fx navn@eksempel.dk." };
  const now = deps.now?.() ?? new Date();
  const key = await getSigningKey(deps.prisma, deps.secret);
  const result = await deps.prisma.$transaction(async (tx) => {
    const limited = await countRequest(tx, key, email, input.clientIp, now);
    if (!limited.ok) return limited;
    if ((await tx.alertSubscription.count({ where: { email, confirmedAt: { not: null } } })) === 0) return null;
    const token = createToken();
    await tx.alertManageToken.create({ data: { tokenHash: token.hash, email, expiresAt: new Date(now.getTime() + MANAGE_TTL_MS) } });
    return manageLinkMail(email, manageUrl(deps.siteUrl, token.token));
  });
  return answerRequest(deps.mailer, result);
}

/** The address a valid manage token belongs to, with its subscriptions; null for an unknown or expired token. */
export async function getManagedAddress(prisma: PrismaClient, token: string, now: Date = new Date()): Promise<{ email: string; subscriptions: ManagedSubscription[] } | null> {
  const row = await prisma.alertManageToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.expiresAt < now) return null;
  const subscriptions = await prisma.alertSubscription.findMany({ where: { email: row.email }, orderBy: { id: "asc" } });
  return {
    email: row.email,
    subscriptions: subscriptions.map((s) => ({ id: s.id, query: s.query, frequency: s.frequency, isConfirmed: s.confirmedAt !== null })),
  };
}

/** Deletes one subscription of the token's address; false for an invalid token or another address's subscription. */
export async function deleteManagedSubscription(prisma: PrismaClient, token: string, subscriptionId: number, now: Date = new Date()): Promise<boolean> {
  const managed = await getManagedAddress(prisma, token, now);
  if (!managed) return false;
  const { count } = await prisma.alertSubscription.deleteMany({ where: { id: subscriptionId, email: managed.email } });
  return count === 1;
}

/** Deletes the token's address: every subscription and every manage link of it. False for an invalid token. */
export async function deleteManagedAddress(prisma: PrismaClient, token: string, now: Date = new Date()): Promise<boolean> {
  const managed = await getManagedAddress(prisma, token, now);
  if (!managed) return false;
  await prisma.$transaction([
    prisma.alertSubscription.deleteMany({ where: { email: managed.email } }),
    prisma.alertManageToken.deleteMany({ where: { email: managed.email } }),
  ]);
  return true;
}

/**
 * One-click unsubscribe from a signed link (RFC 8058 POST, or the button on the page it opens):
 * deletes the subscription, and the address's manage links when it was the last one. True when
 * the signature is valid (also when the subscription was already gone).
 */
export async function unsubscribe(prisma: PrismaClient, secret: string | null, subscriptionId: string, signature: string): Promise<boolean> {
  if (!/^[1-9]\d{0,9}$/.test(subscriptionId) || Number(subscriptionId) > 2_147_483_647) return false;
  const id = Number(subscriptionId);
  const key = await getSigningKey(prisma, secret);
  if (!verifySignature(key, unsubscribeMessage(id), signature)) return false;
  await prisma.$transaction(async (tx) => {
    const subscription = await tx.alertSubscription.findUnique({ where: { id }, select: { email: true } });
    if (!subscription) return;
    await tx.alertSubscription.delete({ where: { id } });
    if ((await tx.alertSubscription.count({ where: { email: subscription.email } })) === 0) {
      await tx.alertManageToken.deleteMany({ where: { email: subscription.email } });
    }
  });
  return true;
}
