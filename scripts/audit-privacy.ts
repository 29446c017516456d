/**
 * npm run audit:privacy [-- --site http://localhost:3100] [--max-requests 5000]
 * Looks for CPR numbers and for closed items' text in everything the portal stores and serves:
 * every text column of the database, the stored source texts, the exported search index and,
 * with --site, a crawl of the running portal (pages, RSC payloads, search API, CSV, Atom,
 * sitemap). Prints each finding with its location; exit 1 on any finding or when a part
 * checked nothing, 0 otherwise.
 */
import { parseArgs } from "node:util";
import { getEnv } from "@/lib/config/env";
import { auditPrivacy, formatAuditReport } from "@/lib/privacy/audit-privacy";
import { searchIndexDir } from "@/lib/search/index-dir";
import { runWithDatabase } from "./lib/with-database";

const { values } = parseArgs({ options: { site: { type: "string" }, "max-requests": { type: "string" } } });
const maxRequests = values["max-requests"] === undefined ? undefined : Number(values["max-requests"]);
if (maxRequests !== undefined && !(Number.isInteger(maxRequests) && maxRequests > 0)) {
  console.error("--max-requests skal være et positivt heltal");
  process.exit(2);
}

// Progress goes to stderr; stdout carries only the report.
await runWithDatabase(async (prisma) => {
  const report = await auditPrivacy({ prisma, indexDir: searchIndexDir(getEnv().dataDir), site: values.site, crawl: { maxRequests } });
  console.log(formatAuditReport(report));
  return report.findings.length > 0 ? 1 : 0;
}, console.error);
