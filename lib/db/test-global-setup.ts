import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "./embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the maintenance database of the throwaway PostgreSQL started for this test run. */
    pgAdminUrl: string;
  }
}

/** Starts one throwaway embedded PostgreSQL for the whole test run; each test file makes its own database on it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const parent = mkdtempSync(path.join(os.tmpdir(), "referatportalen-test-"));
  // mkdtemp makes the folder 0700; the postgres user created when running as root must enter it.
  chmodSync(parent, 0o755);
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(parent, "pg"), persistent: false });
  project.provide("pgAdminUrl", cluster.adminUrl);
  return () => cluster.stop();
}
