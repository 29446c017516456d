import pg from "pg";
import { expect } from "vitest";
import type { TestDatabase } from "@/lib/db/test-database";
import type { IngestSummary } from "@/lib/ingest/ingest-files";
import { importFirstAgendaSite, type ImportSiteOptions, type MeetingReport } from "../firstagenda/import-site";
import { createSiteFetcher, DEFAULT_FETCH_OPTIONS, importerUserAgent } from "../polite-fetch";
import type { FakeFirstAgenda } from "./fake-firstagenda";

/** The contact URL the test imports send in their User-Agent. */
export const TEST_CONTACT = "https://referatportalen.example/kontakt";
/** The pause between requests in tests, in ms. */
export const TEST_DELAY_MS = 20;

/** Imports the fake site into the test database as "Vejen Kommune", with short delays and timeouts; reports are pushed to `reports`. */
export function runImport(db: TestDatabase, site: FakeFirstAgenda, options: Partial<ImportSiteOptions> = {}, reports: MeetingReport[] = []): Promise<IngestSummary> {
  const fetcher = createSiteFetcher({
    ...DEFAULT_FETCH_OPTIONS,
    userAgent: importerUserAgent(TEST_CONTACT),
    delayMs: TEST_DELAY_MS,
    timeoutMs: 400,
    retries: 2,
    backoffMs: 20,
    signal: options.signal,
  });
  return importFirstAgendaSite(db.prisma, { site: site.url, municipality: "Vejen Kommune", fetcher, onMeeting: (report) => reports.push(report), ...options });
}

/** Every row of every table, as JSON: equal snapshots mean nothing was written. */
export async function snapshotTables(db: TestDatabase): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    expect(tables.rows.length).toBeGreaterThan(8);
    const result: Record<string, unknown> = {};
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`SELECT coalesce(json_agg(t ORDER BY t::text), '[]'::json) AS rows FROM ${client.escapeIdentifier(table_name)} t`);
      result[table_name] = rows.rows[0].rows;
    }
    return result;
  } finally {
    await client.end();
  }
}

/** Requests for meetings' agendas the fake site answered. */
export const agendaRequestsOf = (site: FakeFirstAgenda) => site.requests.filter((request) => request.path.startsWith("/api/agenda/dagsorden/"));
