import type { PrismaClient } from "@/lib/db/client";
import { getSearchIndex } from "@/lib/search/get-search-index";
import { SearchIndexNotFoundError } from "@/lib/search/index-store";
import { DIGEST_INTERVAL_MS, RATE_WINDOW_MS } from "./alert-limits";
import { oneClickUnsubscribeUrl, unsubscribePageUrl } from "./alert-links";
import { getSigningKey } from "./alert-tokens";
import { composeDigest } from "./compose-digest";
import { findNewMatches } from "./find-new-matches";
import { registerArrivals } from "./meeting-arrivals";
import type { AlertDeps } from "./subscribe";

/** What one run of the sender did. */
export interface SendAlertsSummary {
  /** Meetings newly found in the search index. */
  arrived: number;
  /** Digests the SMTP server accepted. */
  mailed: number;
  /** Subscriptions whose new meetings held nothing for them (cursor moved, no mail). */
  nothingNew: number;
  /** Digests that could not be sent or searched (cursor kept; tried again next run). */
  failed: number;
}

interface DueSubscription {
  id: number;
  email: string;
  query: string;
  cursor: number;
  confirmedAt: Date;
}

/**
 * One run of the alert sender: number newly indexed meetings (see registerArrivals), then, for
 * each confirmed subscription that is due (its frequency) and behind the newest arrival, mail
 * the items that newly match its search. Each subscription is handled in its own transaction
 * holding its row lock (FOR UPDATE SKIP LOCKED), so concurrent senders — processes or machines
 * on one database — never handle one subscription at once, and its cursor moves only after the
 * SMTP server accepted the mail. No new match, no mail. Also forgets expired links and requests.
 */
export async function sendAlerts(deps: AlertDeps & { log?: (message: string) => void }): Promise<SendAlertsSummary> {
  const { prisma } = deps;
  const log = deps.log ?? console.log;
  const now = deps.now ?? (() => new Date());
  const summary: SendAlertsSummary = { arrived: 0, mailed: 0, nothingNew: 0, failed: 0 };
  await forgetExpired(prisma, now());

  let index;
  try {
    index = await getSearchIndex(deps.indexDir);
  } catch (error) {
    if (error instanceof SearchIndexNotFoundError) return summary;
    throw error;
  }
  summary.arrived = await registerArrivals(prisma, index);
  const newest = (await prisma.meetingArrival.aggregate({ _max: { seq: true } }))._max.seq ?? 0;
  const key = await getSigningKey(prisma, deps.secret);

  let lastId = 0;
  for (;;) {
    const handled = await prisma.$transaction(
      async (tx) => {
        const startedAt = now();
        const [subscription] = await tx.$queryRaw<DueSubscription[]>`
          SELECT id, email, query, cursor, "confirmedAt" FROM "AlertSubscription"
          WHERE id > ${lastId} AND "confirmedAt" IS NOT NULL AND cursor < ${newest}
            AND (frequency = 'immediate'
              OR (frequency = 'daily' AND ("lastMailedAt" IS NULL OR "lastMailedAt" <= ${new Date(startedAt.getTime() - DIGEST_INTERVAL_MS.daily)}::timestamptz))
              OR (frequency = 'weekly' AND ("lastMailedAt" IS NULL OR "lastMailedAt" <= ${new Date(startedAt.getTime() - DIGEST_INTERVAL_MS.weekly)}::timestamptz)))
          ORDER BY id LIMIT 1
          FOR UPDATE SKIP LOCKED`;
        if (!subscription) return null;
        const matches = await findNewMatches(prisma, deps.indexDir, subscription, newest);
        if (!matches.ok) {
          log(`Alerts: subscription ${subscription.id} skipped: ${matches.message}`);
          summary.failed += 1;
          return subscription.id;
        }
        if (matches.hits.length === 0) {
          await tx.alertSubscription.update({ where: { id: subscription.id }, data: { cursor: newest } });
          summary.nothingNew += 1;
          return subscription.id;
        }
        const mail = composeDigest(
          {
            to: subscription.email,
            query: subscription.query,
            siteUrl: deps.siteUrl,
            unsubscribePageUrl: unsubscribePageUrl(deps.siteUrl, key, subscription.id),
            oneClickUrl: oneClickUnsubscribeUrl(deps.siteUrl, key, subscription.id),
          },
          matches.hits,
        );
        try {
          await deps.mailer.send(mail);
        } catch (error) {
          log(`Alerts: digest of subscription ${subscription.id} not sent: ${error instanceof Error ? error.message : String(error)}`);
          summary.failed += 1;
          return subscription.id;
        }
        await tx.alertSubscription.update({ where: { id: subscription.id }, data: { cursor: newest, lastMailedAt: now() } });
        summary.mailed += 1;
        return subscription.id;
      },
      { timeout: 120_000, maxWait: 120_000 },
    );
    if (handled === null) break;
    lastId = handled;
  }
  return summary;
}

/** Deletes unconfirmed subscriptions past their link, expired manage links and old rate-limit rows. */
async function forgetExpired(prisma: PrismaClient, now: Date): Promise<void> {
  await prisma.alertSubscription.deleteMany({ where: { confirmedAt: null, confirmExpiresAt: { lt: now } } });
  await prisma.alertManageToken.deleteMany({ where: { expiresAt: { lt: now } } });
  await prisma.alertRequest.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RATE_WINDOW_MS) } } });
}

