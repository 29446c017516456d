import { existsSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import path from "node:path";
import { isProcessAlive } from "@/lib/process/is-process-alive";

/** Refusal to start a second server on one data folder; the message is for people, in Danish. */
export class ServerAlreadyRunningError extends Error {}

function readLock(file: string): { pid: number; port: number } | null {
  try {
    const [pid, port] = readFileSync(file, "utf8").split("\n").map(Number);
    return Number.isInteger(pid) && Number.isInteger(port) ? { pid: pid as number, port: port as number } : null;
  } catch {
    return null;
  }
}

/**
 * Claims `<dataDir>/server.pid` for this process, serving on `port`, and returns a function
 * that gives it up (also done on exit). Throws ServerAlreadyRunningError while another live
 * process holds it: a second server on one embedded PostgreSQL keeps the port it found, and
 * answers every uncached page with a 500 once the first restarts the database on another.
 * A lock left by a process that no longer runs is taken over.
 */
export function claimServerLock(dataDir: string, port: number): () => void {
  const file = path.join(dataDir, "server.pid");
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx", 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(file);
      if (holder && holder.pid !== process.pid && isProcessAlive(holder.pid)) {
        throw new ServerAlreadyRunningError(
          `Portalen kører allerede på datamappen ${dataDir} (proces ${holder.pid}, http://localhost:${holder.port}). ` +
            `Stop den først, eller start med en anden REFERATPORTALEN_DATA_DIR. ` +
            `Flere servere på samme data kræver en ekstern PostgreSQL (DATABASE_URL), se README, afsnittet Drift.`,
        );
      }
      // Left behind by a process that is gone (or half written by one that just started).
      rmSync(file, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n${port}\n`);
    closeSync(fd);
    const release = () => {
      if (existsSync(file) && readLock(file)?.pid === process.pid) rmSync(file, { force: true });
    };
    process.on("exit", release);
    return release;
  }
  throw new ServerAlreadyRunningError(`Kunne ikke tage låsen ${file}: en anden proces skiftede den ud undervejs. Prøv igen.`);
}
