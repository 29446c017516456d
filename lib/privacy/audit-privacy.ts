import type { PrismaClient } from "@/lib/db/client";
import { scanAgendaItems, scanSourceDocuments, scanStoredTexts } from "./audit-database";
import { scanSearchIndexExport } from "./audit-index";
import { mergeReports, type AuditReport } from "./audit-report";
import { crawlSite, type CrawlOptions } from "./audit-site";

/** What `npm run audit:privacy` looks at. */
export interface AuditTargets {
  prisma: PrismaClient;
  /** The exported search index (`<dataDir>/search`). */
  indexDir: string;
  /** Origin of a running portal to crawl, e.g. "http://localhost:3100". */
  site?: string;
  crawl?: CrawlOptions;
}

/** A part that looked at nothing is a finding: an audit that checked nothing proves nothing. */
function requireScanned(report: AuditReport, part: string, counter: string): AuditReport {
  if ((report.scanned[counter] ?? 0) === 0) report.findings.push({ location: part, problem: `intet kontrolleret (0 ${counter})` });
  return report;
}

/**
 * The privacy audit: every stored text (all text columns of all tables; source texts against
 * the closed items' line ranges), open and closed items, the exported search index and, with
 * `site`, a crawl of the running portal. Findings never quote a CPR number.
 */
export async function auditPrivacy(targets: AuditTargets): Promise<AuditReport> {
  const closedIds = new Set((await targets.prisma.agendaItem.findMany({ where: { closed: true }, select: { id: true } })).map((item) => item.id));
  const reports = [
    requireScanned(await scanStoredTexts(targets.prisma), "databasen", "tabelkolonner"),
    await scanAgendaItems(targets.prisma),
    await scanSourceDocuments(targets.prisma),
    requireScanned(await scanSearchIndexExport(targets.indexDir, closedIds), "søgeindekset", "indeksfiler"),
  ];
  if (targets.site) reports.push(requireScanned(await crawlSite(targets.site, targets.crawl), targets.site, "HTML-sider"));
  return mergeReports(reports);
}

/** The report as people read it: each finding on its own line, then the counts. */
export function formatAuditReport(report: AuditReport): string {
  const lines = report.findings.map((f) => `  ✗ ${f.location}: ${f.problem}`);
  const counts = Object.entries(report.scanned)
    .map(([name, n]) => `${n} ${name}`)
    .join(", ");
  lines.push(`Kontrolleret: ${counts}.`);
  lines.push(report.findings.length === 0 ? "Ingen fund." : `${report.findings.length} fund.`);
  return lines.join("\n");
}
