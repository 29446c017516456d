import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The project's test setup (embedded PostgreSQL) around one fixture, for test-runner-exit-code.test.ts. */
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("../../../", import.meta.url)) } },
  test: {
    include: ["lib/db/test-support/exit-code.fixture.ts"],
    globalSetup: ["./lib/db/test-global-setup.ts"],
    hookTimeout: 120_000,
  },
});
