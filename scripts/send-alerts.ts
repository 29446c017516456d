/**
 * npm run alerts:send
 * Runs the email alert sender once: numbers newly indexed meetings and mails each due, confirmed
 * subscription the items that newly match its search (SMTP_URL, or .eml files in <data>/mail).
 * Safe next to a running server: concurrent senders never mail a subscription twice.
 */
import { runAlertJob } from "@/lib/alerts/alert-job";
import { runWithDatabase } from "./lib/with-database";

await runWithDatabase(async (prisma) => {
  const summary = await runAlertJob(prisma);
  if (!summary) return 1;
  console.log(`Alerts: ${summary.arrived} new meetings, ${summary.mailed} digests sent, ${summary.nothingNew} without news, ${summary.failed} failed.`);
  return summary.failed > 0 ? 1 : 0;
});
