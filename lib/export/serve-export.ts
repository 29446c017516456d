import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { DATAPACKAGE_FILE } from "./export-dir";
import type { BulkResource } from "./write-bulk-files";

/** The published bulk files as the Data page lists them. */
export interface PublishedExport {
  created: string;
  resources: BulkResource[];
}

/** The last export's datapackage.json, or null when nothing was exported yet. */
export async function readPublishedExport(dir: string): Promise<PublishedExport | null> {
  try {
    const descriptor = JSON.parse(await readFile(path.join(dir, DATAPACKAGE_FILE), "utf8")) as PublishedExport;
    return { created: descriptor.created, resources: descriptor.resources };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
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
 * named), with Content-Length, an ETag from the file's hash, and 304 for a matching If-None-Match.
 */
export async function serveExportFile(dir: string, name: string, request: Request): Promise<Response> {
  const published = await readPublishedExport(dir);
  if (!published) return notFound();
  const resource = published.resources.find((entry) => entry.path === name);
  if (name !== DATAPACKAGE_FILE && !resource) return notFound();
  const file = path.join(dir, name);
  let size: number;
  let modified: Date;
  try {
    const info = await stat(file);
    size = info.size;
    modified = info.mtime;
  } catch {
    return notFound();
  }
  const tag = resource ? resource.hash.replace(/^sha256:/, "").slice(0, 32) : `${size.toString(16)}-${modified.getTime().toString(16)}`;
  const headers = {
    ETag: `"${tag}"`,
    "Last-Modified": modified.toUTCString(),
    "Cache-Control": "public, max-age=0, must-revalidate",
    "Access-Control-Allow-Origin": "*",
    "Content-Type": CONTENT_TYPES[name.split(".").pop() ?? ""] ?? "application/octet-stream",
    "Content-Disposition": `attachment; filename="${name}"`,
  };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((entry) => entry.trim().replace(/^W\//, "") === headers.ETag || entry.trim() === "*")) {
    return new Response(null, { status: 304, headers });
  }
  const body = request.method === "HEAD" ? null : (Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(size) } });
}
