import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { RequestHandler } from "@/lib/page-cache/page-cache";

/** Methods the portal answers; every page and API route is read-only. */
const ALLOWED_METHODS = ["GET", "HEAD"];

/** An answer the server gives itself, without asking the app. */
export interface Refusal {
  status: number;
  /** Danish, shown as plain text. */
  message: string;
  headers?: Record<string, string>;
}

/**
 * The answer to a request the app must not see, or null: a method other than GET or HEAD
 * (405 with Allow; Next answers TRACE with a 500) and a path with malformed percent-encoding
 * or a control character (`/%`, `/%zz`, `/vejen/%ff`, `/%C3%28`, `/%00`: 400; Next answers
 * them with a 500 of its own).
 */
export function refusalOf(req: Pick<IncomingMessage, "method" | "url">): Refusal | null {
  if (!ALLOWED_METHODS.includes(req.method ?? "")) {
    return { status: 405, message: "Metoden er ikke tilladt. Portalen svarer kun på GET og HEAD.", headers: { Allow: ALLOWED_METHODS.join(", ") } };
  }
  if (!isWellFormedPath(req.url ?? "/")) return { status: 400, message: "Ugyldig adresse: stien er ikke korrekt URL-kodet." };
  return null;
}

function isWellFormedPath(url: string): boolean {
  const mark = url.indexOf("?");
  const path = mark === -1 ? url : url.slice(0, mark);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  return !/[\u0000-\u001f\u007f]/.test(decoded);
}

/**
 * The portal's HTTP server: every response, the app's and the server's own, carries `headers`
 * (the security headers); requests `refusalOf` names are answered without the app; an error the
 * app throws becomes a 500 in Danish; and requests Node cannot parse (a malformed request line,
 * headers over Node's size limit) get Node's 400/431 with the same headers instead of a bare one.
 */
export function createWebServer(app: RequestHandler, headers: ReadonlyArray<{ key: string; value: string }>): http.Server {
  const server = http.createServer((req, res) => {
    for (const { key, value } of headers) res.setHeader(key, value);
    const refusal = refusalOf(req);
    if (refusal) {
      sendPlainText(req, res, refusal);
      return;
    }
    Promise.resolve()
      .then(() => app(req, res))
      .catch((error: unknown) => {
        console.error(error);
        if (res.headersSent) res.destroy();
        else sendPlainText(req, res, { status: 500, message: "Der opstod en fejl på serveren." });
      });
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, headers));
  return server;
}

function sendPlainText(req: IncomingMessage, res: ServerResponse, { status, message, headers = {} }: Refusal): void {
  const body = `${message}\n`;
  res.writeHead(status, { ...headers, "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
}

/** Node's own answer to a request it could not parse, with the security headers (Node's docs, 'clientError'). */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, headers: ReadonlyArray<{ key: string; value: string }>): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const body = status === 431 ? "Forespørgslens headere er for store.\n" : status === 408 ? "Forespørgslen tog for lang tid.\n" : "Forespørgslen kunne ikke læses.\n";
  const lines = [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
    ...headers.map(({ key, value }) => `${key}: ${value}`),
    "Content-Type: text/plain; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Cache-Control: no-store",
    "Connection: close",
  ];
  socket.end(`${lines.join("\r\n")}\r\n\r\n${body}`);
}
