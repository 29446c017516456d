import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";

async function query(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ one: number }>("SELECT 1 AS one");
  await client.end();
  return rows[0]?.one ?? 0;
}

describe("startEmbeddedPostgres", () => {
  it("reuses a server already running on the data directory, and recovers from a stale lock", async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), "referatportalen-pg-"));
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "pg");
    const messages: string[] = [];
    const first = await startEmbeddedPostgres({ dataDir, log: (m) => messages.push(m) });
    try {
      expect(first.isOwner).toBe(true);
      const second = await startEmbeddedPostgres({ dataDir, log: (m) => messages.push(m) });
      expect(second).toMatchObject({ isOwner: false, port: first.port });
      expect(messages.at(-1)).toMatch(/already running on port/);
      expect(await query(second.adminUrl)).toBe(1);
    } finally {
      await first.stop();
    }

    // A crashed server leaves postmaster.pid behind, naming a process that no longer exists.
    writeFileSync(path.join(dataDir, "postmaster.pid"), `999999\n${dataDir}\n1700000000\n5999\n/tmp\n127.0.0.1\n`);
    const third = await startEmbeddedPostgres({ dataDir, log: (m) => messages.push(m) });
    try {
      expect(third.isOwner).toBe(true);
      expect(messages.some((m) => /stale lock/.test(m))).toBe(true);
      expect(await query(third.adminUrl)).toBe(1);
    } finally {
      await third.stop();
    }
  });
});
