import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/db/client";
import { CSV_FIELDS } from "./export-records";

/**
 * Bumped when the bulk files' content changes shape without a change of the CSV columns (a new
 * JSON Lines property, say), so files written by the older code are written again.
 */
const EXPORT_FORMAT = 2;

/**
 * A fingerprint of everything the bulk files hold: it changes whenever a meeting is written or
 * corrected (Meeting.updatedAt; its items are rewritten with it), deleted (a tombstone row, and
 * the count), a committee renamed (its updatedAt), and when the export's format or the site's
 * address (in every URL) changes. Equal fingerprints mean files written from one hold the
 * same as files written from the other. Read before an export, so a change during the export
 * makes the next check export again.
 */
export async function readDataVersion(prisma: PrismaClient, siteUrl: string): Promise<string> {
  const [row] = await prisma.$queryRaw<Array<Record<string, unknown>>>`
    SELECT
      (SELECT count(*) FROM "Meeting")::text AS meetings,
      (SELECT max("updatedAt") FROM "Meeting") AS "meetingUpdated",
      (SELECT max("updatedAt") FROM "Committee") AS "committeeUpdated",
      (SELECT max(id) FROM "Municipality") AS "municipality",
      (SELECT max(id) FROM "OparlTombstone") AS "tombstone"`;
  const fields = CSV_FIELDS.map((field) => `${field.name}:${field.type}`).join(",");
  return createHash("sha256")
    .update(JSON.stringify({ format: EXPORT_FORMAT, fields, siteUrl, data: row ?? null }))
    .digest("hex")
    .slice(0, 32);
}
