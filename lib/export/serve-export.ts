import { createHash } from "node:crypto";
import type { Stats } from "node:fs";
import { open, readFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { DATAPACKAGE_FILE } from "./export-dir";
import type { BulkResource } from "./write-bulk-files";

/** The published bulk files as the Data page lists them. */
export interface PublishedExport {
  created: string;
  resources: BulkResource[];
  /** The fingerprint of the data the files were written from; absent in files from before it. */
  dataVersion: string | null;
  /**
   * What a refresh needs to rewrite only the changed municipalities (data-version.ts): the change
   * watermark and when it was read, and each municipality's fingerprint. Null in files from before them.
   */
  basis: { changeWatermark: number; readAt: string; municipalityVersions: Record<string, string> } | null;
}

/** The last export's datapackage.json, or null when nothing was exported yet. */
export async function readPublishedExport(dir: string): Promise<PublishedExport | null> {
  let text: string;
  try {
    text = await readFile(path.join(dir, DATAPACKAGE_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const descriptor = JSON.parse(text) as Omit<PublishedExport, "dataVersion" | "basis"> & {
    "referatportalen:dataVersion"?: string;
    "referatportalen:changeWatermark"?: unknown;
    "referatportalen:basisReadAt"?: unknown;
    "referatportalen:municipalityVersions"?: unknown;
  };
  const changeWatermark = descriptor["referatportalen:changeWatermark"];
  const readAt = descriptor["referatportalen:basisReadAt"];
  const versions = descriptor["referatportalen:municipalityVersions"];
  const isBasis =
    Number.isSafeInteger(changeWatermark) &&
    typeof readAt === "string" &&
    typeof versions === "object" &&
    versions !== null &&
    Object.values(versions).every((version) => typeof version === "string");
  return {
    created: descriptor.created,
    resources: descriptor.resources,
    dataVersion: descriptor["referatportalen:dataVersion"] ?? null,
    basis: isBasis ? { changeWatermark: changeWatermark as number, readAt, municipalityVersions: versions as Record<string, string> } : null,
  };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  gz: "application/gzip",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

function notFound(): Response {
  return new Response("Filen findes ikke.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * Answers GET /data/<name>: only datapackage.json and the files it lists (no other path can be
 * named), with Content-Length, an ETag and 304 for a matching If-None-Match. The file is opened
 * once and its length, ETag and bytes all come from that open file: when a refresh renames a
 * new version into place meanwhile, this answer is still the one whole file it opened.
 */
export async function serveExportFile(dir: string, name: string, request: Request): Promise<Response> {
  const published = await readPublishedExport(dir);
  if (!published) return notFound();
  if (name !== DATAPACKAGE_FILE && !published.resources.some((entry) => entry.path === name)) return notFound();
  let handle: FileHandle;
  try {
    handle = await open(path.join(dir, name), "r");
  } catch {
    return notFound();
  }
  let info: Stats;
  try {
    info = await handle.stat();
  } catch (error) {
    await handle.close();
    throw error;
  }
  // The file's identity (inode), size and time: a new version is a new file under the same name.
  // In base64url as the OParl API's: a hex digest's run of digits can read as a CPR number.
  const tag = createHash("sha256").update(`${info.ino}:${info.size}:${info.mtimeMs}`).digest("base64url").slice(0, 32);
  const headers = {
    ETag: `"${tag}"`,
    "Last-Modified": info.mtime.toUTCString(),
    "Cache-Control": "public, max-age=0, must-revalidate",
    "Access-Control-Allow-Origin": "*",
    "Content-Type": CONTENT_TYPES[name.split(".").pop() ?? ""] ?? "application/octet-stream",
    "Content-Disposition": `attachment; filename="${name}"`,
  };
  const ifNoneMatch = request.headers.get("if-none-match");
  const isFresh = ifNoneMatch?.split(",").some((entry) => entry.trim() === "*" || entry.trim().replace(/^W\//, "") === headers.ETag) ?? false;
  if (isFresh || request.method === "HEAD") {
    await handle.close();
    return isFresh ? new Response(null, { status: 304, headers }) : new Response(null, { status: 200, headers: { ...headers, "Content-Length": String(info.size) } });
  }
  const body = Readable.toWeb(handle.createReadStream({ autoClose: true })) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(info.size) } });
}
