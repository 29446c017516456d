/**
 * npm run import -- firstagenda <site-url> [--municipality "Name"] [--since YYYY-MM-DD] [--committee "Name"]... [--with-attachments] [--json]
 * npm run import [-- --sources sources.json]
 * Imports agendas and minutes from FirstAgenda Publication sites, politely (see README,
 * "Kilder"); without a site, every site in the sources file. Exit code 1 if anything failed.
 */
import { parseArgs } from "node:util";
import { getEnv } from "@/lib/config/env";
import { formatSummary } from "@/lib/ingest/format-summary";
import { hasChanges, type IngestSummary } from "@/lib/ingest/ingest-files";
import { resolveMunicipality } from "@/lib/minutes";
import { normalizeSiteUrl } from "@/lib/sources/firstagenda/client";
import { DEFAULT_ATTACHMENT_LIMITS } from "@/lib/sources/firstagenda/attachment-text";
import { importFirstAgendaSite } from "@/lib/sources/firstagenda/import-site";
import { municipalityFromHost } from "@/lib/sources/municipality-from-host";
import { createSiteFetcher, DEFAULT_FETCH_OPTIONS, importerUserAgent } from "@/lib/sources/polite-fetch";
import { readSourcesFile, type SourceEntry } from "@/lib/sources/sources-file";
import { afterDataChange } from "./lib/after-data-change";
import { runWithDatabase } from "./lib/with-database";

const USAGE =
  'Brug: npm run import -- firstagenda <site-url> [--municipality "Vejen"] [--since 2026-01-01] [--committee "Byrådet"]... [--with-attachments] [--json]\n' +
  "      npm run import [-- --sources sources.json] [--with-attachments]";

const { values, positionals } = parseArgs({
  options: {
    municipality: { type: "string", short: "m" },
    since: { type: "string" },
    committee: { type: "string", multiple: true },
    sources: { type: "string", default: "sources.json" },
    json: { type: "boolean", default: false },
    "with-attachments": { type: "boolean", default: false },
  },
  allowPositionals: true,
});

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

if (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) fail(`--since skal være en dato som 2026-01-31, ikke "${values.since}"`);

let entries: SourceEntry[];
if (positionals.length === 0) {
  entries = await readSourcesFile(values.sources).catch((error: Error) => fail(error.message));
} else {
  const [kind, url, ...rest] = positionals;
  if (kind !== "firstagenda" || url === undefined || rest.length) fail("Ukendt kilde eller for mange argumenter.");
  entries = [{ kind, url, municipality: values.municipality ?? null, committees: values.committee ?? [] }];
}

/** The site's base URL and official municipality name; exits with a message when either is unknown. */
function resolveEntry(entry: SourceEntry): { site: string; municipality: string } {
  let site: string;
  try {
    site = normalizeSiteUrl(entry.url);
  } catch (error) {
    return fail((error as Error).message);
  }
  const municipality = entry.municipality ? resolveMunicipality(entry.municipality)?.name : municipalityFromHost(site);
  if (!municipality) fail(`Kommunen for ${site} kendes ikke${entry.municipality ? `: "${entry.municipality}"` : ""}; angiv --municipality.`);
  return { site, municipality };
}
const resolved = entries.map((entry) => ({ entry, ...resolveEntry(entry) }));

// With --json, stdout carries only the summary; everything else goes to stderr.
const log = values.json ? (message: string) => console.error(message) : console.log;
const controller = new AbortController();
process.once("SIGINT", () => {
  log("Afbryder efter det igangværende møde …");
  controller.abort(new Error("afbrudt (Ctrl-C); kør igen for at fortsætte"));
});

await runWithDatabase(async (prisma) => {
  const { importing } = getEnv();
  const total: IngestSummary = { discovered: 0, ok: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0, cprRedactions: 0, items: 0, failures: [], warnings: [], skippedFiles: [], durationMs: 0 };
  let exitCode = 0;
  try {
    for (const { entry, site, municipality } of resolved) {
      log(`${site} (${municipality})`);
      const fetcher = createSiteFetcher({
        ...DEFAULT_FETCH_OPTIONS,
        userAgent: importerUserAgent(importing.contactUrl),
        delayMs: importing.delayMs,
        timeoutMs: importing.timeoutMs,
        signal: controller.signal,
      });
      const summary = await importFirstAgendaSite(prisma, {
        site,
        municipality,
        since: values.since,
        committees: entry.committees,
        fetcher,
        withAttachments: values["with-attachments"] || importing.withAttachments,
        attachmentLimits: { ...DEFAULT_ATTACHMENT_LIMITS, maxPdfBytes: importing.maxAttachmentBytes },
        signal: controller.signal,
        onStart: (count) => log(`  ${count} møder`),
        onMeeting: (report) => {
          if (report.status === "unchanged") return;
          const detail = report.error ?? report.reason;
          log(`  ${report.status.padEnd(9)} ${report.label}${detail ? `: ${detail}` : ""}${report.url ? ` → ${report.url}` : ""}`);
        },
      });
      for (const key of ["discovered", "ok", "updated", "unchanged", "failed", "skipped", "cprRedactions", "items", "durationMs"] as const) total[key] += summary[key];
      total.failures.push(...summary.failures);
      total.skippedFiles.push(...summary.skippedFiles);
      total.warnings.push(...summary.warnings);
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    log(`\n${(error as Error).message}`);
    exitCode = 1;
  }
  if (hasChanges(total)) await afterDataChange(log);
  if (values.json) console.log(JSON.stringify(total, null, 2));
  else console.log(`\n${formatSummary(total)}`);
  return total.failed > 0 ? 1 : exitCode;
}, log);
