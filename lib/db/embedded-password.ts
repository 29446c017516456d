import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";

/** The password every embedded cluster had before each got its own; still accepted by such clusters until they are migrated. */
export const LEGACY_PASSWORD = "referatportalen";

/** Where the password of the cluster in `dataDir` is kept: next to the folder, since initdb wants the folder empty. */
export function passwordFileOf(dataDir: string): string {
  return `${dataDir}.password`;
}

/** A new random password: 32 characters that need no escaping in a connection URL. */
export function generatePassword(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * The stored password of the cluster in `dataDir`, or null when there is none (a folder made
 * before passwords were generated). A file others could read is made private (0600) first.
 */
export function readPassword(dataDir: string): string | null {
  const file = passwordFileOf(dataDir);
  if (!existsSync(file)) return null;
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const password = readFileSync(file, "utf8").trim();
  if (!/^[\w-]{16,}$/.test(password)) throw new Error(`${file}: expected one line with the database password (letters, digits, - and _), found something else. Delete the file only together with the database folder ${dataDir}.`);
  return password;
}

/** Stores `password` for the cluster in `dataDir`, readable by the owner only; atomic, so a reader never sees half a file. */
export function writePassword(dataDir: string, password: string): void {
  const file = passwordFileOf(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${password}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
