import { createHash } from "node:crypto";
import { toMeetingDocument, type MeetingWithDocumentRow } from "./oparl-objects";
import type { OparlUrls } from "./oparl-urls";

/**
 * The file behind a meeting document's `accessUrl` and `downloadUrl`: the text the portal keeps
 * of the source document (closed items' bodies and CPR numbers removed), as text/plain. OParl's
 * "Dateizugriffe": the access URL must not send `Content-Disposition: attachment`, the download
 * URL must, with the file name. Null when the meeting's File has no text (imported meetings,
 * whose document is the site's page; a document without kept text).
 */
export function documentTextResponse(
  request: Request,
  urls: OparlUrls,
  meeting: MeetingWithDocumentRow,
  form: "text" | "download",
  corsHeaders: Record<string, string>,
): Response | null {
  const file = toMeetingDocument(urls, meeting, "standalone");
  if (!file || typeof file.text !== "string" || typeof file.fileName !== "string") return null;
  const body = Buffer.from(file.text, "utf8");
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
  const headers: Record<string, string> = {
    ...corsHeaders,
    ETag: etag,
    "Cache-Control": "public, max-age=0, must-revalidate",
    "Content-Type": "text/plain; charset=utf-8",
    "Last-Modified": meeting.updatedAt.toUTCString(),
    ...(form === "download" ? { "Content-Disposition": `attachment; filename="${file.fileName}"` } : {}),
  };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch?.split(",").some((tag) => tag.trim() === "*" || tag.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(body.length) } });
}
