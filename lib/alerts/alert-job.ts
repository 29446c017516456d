import { getEnv } from "@/lib/config/env";
import type { PrismaClient } from "@/lib/db/client";
import { searchIndexDir } from "@/lib/search/index-dir";
import { createMailer, mailDirOf, type Mailer } from "./mailer";
import { sendAlerts, type SendAlertsSummary } from "./send-alerts";
import type { AlertDeps } from "./subscribe";

/** How often the web server runs the sender on its own (ingests run it straight after). */
export const ALERT_TIMER_MS = 5 * 60 * 1000;

const globalStore = globalThis as typeof globalThis & { __referatAlertMailer?: Mailer };

/** The process's mailer, configured from SMTP_URL / MAIL_FROM (or .eml files under the data folder). */
function processMailer(log: (message: string) => void = console.log): Mailer {
  const env = getEnv();
  return (globalStore.__referatAlertMailer ??= createMailer({ smtpUrl: env.smtpUrl, from: env.mailFrom, mailDir: mailDirOf(env.dataDir), log }));
}

/** What the subscription pages and handlers need, from the environment. */
export function alertDepsFromEnv(prisma: PrismaClient): AlertDeps {
  const env = getEnv();
  return { prisma, mailer: processMailer(), siteUrl: env.siteUrl, secret: env.alertsSecret, indexDir: searchIndexDir(env.dataDir) };
}

/**
 * Runs the alert sender once with the environment's configuration and logs what it did. Never
 * throws: a failed run (database or SMTP server away) is logged and the next run retries, since
 * cursors only move after a mail was accepted.
 */
export async function runAlertJob(prisma: PrismaClient, log: (message: string) => void = console.log): Promise<SendAlertsSummary | null> {
  try {
    const env = getEnv();
    const summary = await sendAlerts({ prisma, mailer: processMailer(log), siteUrl: env.siteUrl, secret: env.alertsSecret, indexDir: searchIndexDir(env.dataDir), log });
    if (summary.arrived + summary.mailed + summary.failed > 0) {
      log(`Alerts: ${summary.arrived} new meetings, ${summary.mailed} digests sent, ${summary.failed} failed.`);
    }
    return summary;
  } catch (error) {
    console.error(`Alerts: the sender failed: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** Runs {@link runAlertJob} every {@link ALERT_TIMER_MS} (one run at a time) until stopped. */
export function startAlertTimer(prisma: PrismaClient, intervalMs: number = ALERT_TIMER_MS): { stop: () => void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = async () => {
    await runAlertJob(prisma);
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs).unref();
  };
  timer = setTimeout(() => void tick(), intervalMs).unref();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
