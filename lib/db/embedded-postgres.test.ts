import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { LEGACY_PASSWORD, passwordFileOf } from "./embedded-password";
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

  // Every embedded cluster used to accept postgres/referatportalen on 127.0.0.1 (issue 12).
  it("gives each data folder its own password, kept readable by the owner only, and migrates a folder on the old one", async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), "referatportalen-pg-"));
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "pg");
    const file = passwordFileOf(dataDir);
    const password = () => readFileSync(file, "utf8").trim();
    const first = await startEmbeddedPostgres({ dataDir });
    try {
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(password()).toMatch(/^[\w-]{32}$/);
      expect(new URL(first.adminUrl).password).toBe(password());
      expect(await query(first.adminUrl)).toBe(1);
      await expect(query(withPassword(first.adminUrl, LEGACY_PASSWORD))).rejects.toThrow(/password authentication failed/);
      // A second process on the same folder reads the same password.
      const second = await startEmbeddedPostgres({ dataDir });
      expect(await query(second.adminUrl)).toBe(1);

      // Make it a folder from before: the old password and no file.
      const client = new pg.Client({ connectionString: first.adminUrl });
      await client.connect();
      await client.query(`ALTER ROLE postgres PASSWORD '${LEGACY_PASSWORD}'`);
      await client.end();
      rmSync(file);
    } finally {
      await first.stop();
    }

    const messages: string[] = [];
    const migrated = await startEmbeddedPostgres({ dataDir, log: (m) => messages.push(m) });
    try {
      expect(messages.some((m) => /password of its own/.test(m))).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(password()).not.toBe(LEGACY_PASSWORD);
      expect(await query(migrated.adminUrl)).toBe(1);
      await expect(query(withPassword(migrated.adminUrl, LEGACY_PASSWORD))).rejects.toThrow(/password authentication failed/);
    } finally {
      await migrated.stop();
    }

    // A file others can read is made private again.
    chmodSync(file, 0o644);
    const again = await startEmbeddedPostgres({ dataDir });
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(await query(again.adminUrl)).toBe(1);
    } finally {
      await again.stop();
    }
  });
});

function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}
