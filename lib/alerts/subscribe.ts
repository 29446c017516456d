import type { PrismaClient } from "@/lib/db/client";
import { searchFromQuery } from "@/lib/search/search-service";
import { CONFIRM_TTL_MS, MANAGE_TTL_MS, MAX_SUBSCRIPTIONS_PER_ADDRESS } from "./alert-limits";
import { isAlertFrequency } from "./alert-frequency";
import { confirmUrl, manageUrl } from "./alert-links";
import { toAlertQuery } from "./alert-query";
import { createToken, getSigningKey, hashToken } from "./alert-tokens";
import type { AlertMail, Mailer } from "./mailer";
import { alreadySubscribedMail, confirmationMail, limitReachedMail } from "./notice-mails";
import { countRequest } from "./rate-limit";
import { publishedItemsSource } from "@/lib/data/published-items";

/** What the subscription functions need from the running portal. */
export interface AlertDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  /** Public origin for links in mails. */
  siteUrl: string;
  /** ALERTS_SECRET, or null for the database's key. */
  secret: string | null;
  /** The exported search index, to check a search before accepting it. */
  indexDir: string;
  now?: () => Date;
}

/** A request answered: `ok` says only that it was accepted, never whether the address was known. */
export type AlertRequestResult = { ok: true } | { ok: false; field: "email" | "frequency" | "query" | null; messageDa: string };

/** Longest accepted address (RFC 5321 path limit). */
const MAX_EMAIL_LENGTH = 254;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** A trimmed, lower-cased address, or null when it does not look like one. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.length <= MAX_EMAIL_LENGTH && EMAIL.test(email) ? email : null;
}

/**
 * Double opt-in, step one. Validates the address, frequency and search (the /soeg rules, and
 * against the search index when there is one), applies the rate limits, and then answers the
 * same whatever the address's state: a new or unconfirmed subscription gets a confirmation
 * mail with a fresh single-use token (stored hashed, valid 48 h); an address that already
 * confirmed this search, or has too many, gets a notice with a manage link; an unconfirmed
 * address over the limit gets nothing.
 */
export async function requestSubscription(
  deps: AlertDeps,
  input: { email: string; query: URLSearchParams; frequency: string; clientIp: string | null },
): Promise<AlertRequestResult> {
  const email = normalizeEmail(input.email);
  if (!email) return { ok: false, field: "email", messageDa: "Skriv en gyldig e-mailadresse, fx navn@eksempel.dk." };
  if (!isAlertFrequency(input.frequency)) return { ok: false, field: "frequency", messageDa: "Vælg hvor ofte du vil have mail: straks, dagligt eller ugentligt." };
  const frequency = input.frequency;
  const alertQuery = toAlertQuery(input.query);
  if (!alertQuery.ok) return { ok: false, field: "query", messageDa: alertQuery.messageDa };
  const checked = await searchFromQuery(new URLSearchParams(alertQuery.query), { indexDir: deps.indexDir, published: publishedItemsSource(deps.prisma) }, { pageSize: 1 });
  if (!checked.ok && checked.status === 400) return { ok: false, field: "query", messageDa: checked.messageDa };

  const now = deps.now?.() ?? new Date();
  const key = await getSigningKey(deps.prisma, deps.secret);
  const query = alertQuery.query;
  const mail = await deps.prisma.$transaction(async (tx) => {
    const limited = await countRequest(tx, key, email, input.clientIp, now);
    if (!limited.ok) return limited;
    // Unconfirmed subscriptions past their link are gone for every purpose, the limit included.
    await tx.alertSubscription.deleteMany({ where: { email, confirmedAt: null, confirmExpiresAt: { lt: now } } });
    const existing = await tx.alertSubscription.findUnique({ where: { email_query: { email, query } } });
    const hasConfirmed = (await tx.alertSubscription.count({ where: { email, confirmedAt: { not: null } } })) > 0;
    const manageLink = async () => {
      const token = createToken();
      await tx.alertManageToken.create({ data: { tokenHash: token.hash, email, expiresAt: new Date(now.getTime() + MANAGE_TTL_MS) } });
      return manageUrl(deps.siteUrl, token.token);
    };
    if (existing?.confirmedAt) return alreadySubscribedMail(email, query, await manageLink());
    const token = createToken();
    const confirmation = { confirmTokenHash: token.hash, confirmExpiresAt: new Date(now.getTime() + CONFIRM_TTL_MS), frequency };
    if (existing) {
      await tx.alertSubscription.update({ where: { id: existing.id }, data: confirmation });
    } else {
      if ((await tx.alertSubscription.count({ where: { email } })) >= MAX_SUBSCRIPTIONS_PER_ADDRESS) {
        return hasConfirmed ? limitReachedMail(email, await manageLink()) : null;
      }
      await tx.alertSubscription.create({ data: { email, query, ...confirmation, createdAt: now } });
    }
    return confirmationMail(email, query, frequency, confirmUrl(deps.siteUrl, token.token));
  });
  return answerRequest(deps.mailer, mail);
}

/** Sends the mail a request decided on (if any) and answers the form; a refusal passes through. */
export async function answerRequest(mailer: Mailer, mail: AlertMail | { ok: false; messageDa: string } | null): Promise<AlertRequestResult> {
  if (mail !== null && "ok" in mail) return { ok: false, field: null, messageDa: mail.messageDa };
  if (mail !== null) {
    try {
      await mailer.send(mail);
    } catch (error) {
      console.error(`Alerts: could not send a mail: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, field: null, messageDa: "Mailen kunne ikke sendes lige nu. Prøv igen senere." };
    }
  }
  return { ok: true };
}

/** The result of a confirmation link. */
export type ConfirmResult = { ok: true; query: string } | { ok: false; reason: "unknown" | "expired" };

/**
 * Double opt-in, step two: the token from the mail confirms its subscription once. Digests
 * start with meetings that arrive after this moment.
 */
export async function confirmSubscription(prisma: PrismaClient, token: string, now: Date = new Date()): Promise<ConfirmResult> {
  const hash = hashToken(token);
  return prisma.$transaction(async (tx) => {
    const subscription = await tx.alertSubscription.findUnique({ where: { confirmTokenHash: hash } });
    if (!subscription) return { ok: false, reason: "unknown" } as const;
    if (!subscription.confirmExpiresAt || subscription.confirmExpiresAt < now) {
      await tx.alertSubscription.delete({ where: { id: subscription.id } });
      return { ok: false, reason: "expired" } as const;
    }
    const newest = await tx.meetingArrival.aggregate({ _max: { seq: true } });
    await tx.alertSubscription.update({
      where: { id: subscription.id },
      data: { confirmedAt: now, confirmTokenHash: null, confirmExpiresAt: null, cursor: newest._max.seq ?? 0 },
    });
    return { ok: true, query: subscription.query } as const;
  });
}
