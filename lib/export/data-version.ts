import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/db/client";
import { readChangeWatermark } from "@/lib/ingest/page-changes";
import { CSV_FIELDS } from "./export-records";

/**
 * Bumped when the bulk files' content changes shape without a change of the CSV columns (a new
 * JSON Lines property, say), so files written by the older code are written again.
 */
const EXPORT_FORMAT = 2;

/** One municipality as the export reads it, with the fingerprint of what its files hold. */
export interface MunicipalityVersion {
  id: number;
  slug: string;
  name: string;
  /** Changes whenever anything its two files hold may have changed (see readExportBasis). */
  version: string;
  meetings: number;
}

/**
 * The state of the database an export is written from, read before the data: everything the
 * next refresh needs to tell which files are no longer current.
 */
export interface ExportBasis {
  /** A fingerprint of all the data; equal fingerprints mean equal files. */
  dataVersion: string;
  /** The PageChange id up to which every change is in the files (readChangeWatermark). */
  changeWatermark: number;
  /** When the watermark was read: change rows are pruned after a week. */
  readAt: string;
  /** Every municipality, by slug. */
  municipalities: MunicipalityVersion[];
}

/**
 * Reads the basis of an export. A municipality's fingerprint changes whenever one of its
 * meetings is written or corrected (Meeting.updatedAt; its items are rewritten with it), deleted
 * (the count, and a tombstone row), a committee of it renamed (its updatedAt), and when the
 * export's format or the site's address (in every URL) changes. The change watermark is taken
 * first, so a write committing during this read has a larger id and shows in the next refresh
 * even if the fingerprints missed it (a transaction that committed late with an older updatedAt).
 */
export async function readExportBasis(prisma: PrismaClient, siteUrl: string): Promise<ExportBasis> {
  const readAt = new Date().toISOString();
  const changeWatermark = await readChangeWatermark(prisma);
  const rows = await prisma.$queryRaw<Array<{ id: number; slug: string; name: string; meetings: number; meetingUpdated: Date | null; committeeUpdated: Date | null; committees: number; tombstone: number | null }>>`
    WITH meetings AS (
      SELECT c."municipalityId" AS id, count(*)::int AS meetings, max(m."updatedAt") AS updated
      FROM "Meeting" m JOIN "Committee" c ON c.id = m."committeeId" GROUP BY c."municipalityId"
    ), committees AS (
      SELECT "municipalityId" AS id, count(*)::int AS committees, max("updatedAt") AS updated FROM "Committee" GROUP BY "municipalityId"
    ), tombstones AS (
      SELECT "municipalityId" AS id, max(id) AS tombstone FROM "OparlTombstone" GROUP BY "municipalityId"
    )
    SELECT u.id, u.slug, u.name, COALESCE(m.meetings, 0) AS meetings, m.updated AS "meetingUpdated",
           c.updated AS "committeeUpdated", COALESCE(c.committees, 0) AS committees, t.tombstone
    FROM "Municipality" u
    LEFT JOIN meetings m ON m.id = u.id LEFT JOIN committees c ON c.id = u.id LEFT JOIN tombstones t ON t.id = u.id
    ORDER BY u.slug COLLATE "C"`;
  const format = JSON.stringify({ format: EXPORT_FORMAT, fields: CSV_FIELDS.map((field) => `${field.name}:${field.type}`).join(","), siteUrl });
  const municipalities = rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    meetings: row.meetings,
    version: fingerprint(format, row),
  }));
  return { dataVersion: fingerprint(format, municipalities.map((municipality) => [municipality.slug, municipality.version])), changeWatermark, readAt, municipalities };
}

/**
 * A digest of `data` as 32 letters: the hex digest with its digits written as the letters g–p,
 * so the versions datapackage.json lists never hold a run of digits that reads as a CPR number
 * (a hex digest does: "viborg": "e2605700890d…" holds 260570-0890, and the privacy checks,
 * which treat any such run as one, rightly fail on it).
 */
function fingerprint(format: string, data: unknown): string {
  const hex = createHash("sha256").update(JSON.stringify({ format, data })).digest("hex").slice(0, 32);
  return hex.replace(/[0-9]/g, (digit) => DIGIT_LETTERS.charAt(Number(digit)));
}

const DIGIT_LETTERS = "ghijklmnop";
