import type { ServerResponse } from "node:http";
import { finished } from "node:stream/promises";

/** What an app wrote to a response, once the response has been sent in full. */
export interface CapturedResponse {
  /** False when the client went away first or the body exceeded the limit. */
  complete: boolean;
  body: Buffer;
}

/**
 * Tees everything written to `res` into memory while it still streams to the client, and
 * folds headers passed to `writeHead` into `res.getHeaders()` so they can be replayed;
 * `beforeHead` may still change them just before they are sent.
 * Resolves when the response has finished (or failed).
 */
export function captureResponse(res: ServerResponse, maxBytes: number, beforeHead: (res: ServerResponse) => void = () => {}): Promise<CapturedResponse> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let overflow = false;
  const collect = (chunk: unknown, encoding: unknown) => {
    if (overflow || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : null;
    if (!buffer) return;
    bytes += buffer.length;
    if (bytes > maxBytes) {
      overflow = true;
      chunks.length = 0;
    } else chunks.push(buffer);
  };

  const { write, end, writeHead } = res;
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    collect(args[0], args[1]);
    return Reflect.apply(write, this, args) as boolean;
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    collect(args[0], args[1]);
    return Reflect.apply(end, this, args) as ServerResponse;
  } as typeof res.end;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const message = typeof rest[0] === "string" ? rest[0] : undefined;
    const headers = message === undefined ? rest[0] : rest[1];
    if (Array.isArray(headers)) {
      const pairs = Array.isArray(headers[0]) ? (headers as unknown[][]) : pairsOf(headers);
      for (const [name, value] of pairs) this.setHeader(String(name), value as string | string[]);
    } else if (headers && typeof headers === "object") {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.setHeader(name, value as string | string[] | number);
    }
    this.statusCode = status;
    beforeHead(this);
    return Reflect.apply(writeHead, this, message === undefined ? [status] : [status, message]) as ServerResponse;
  } as typeof res.writeHead;

  return finished(res).then(
    () => ({ complete: !overflow, body: Buffer.concat(chunks) }),
    () => ({ complete: false, body: Buffer.alloc(0) }),
  );
}

function pairsOf(flat: unknown[]): unknown[][] {
  const pairs: unknown[][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  return pairs;
}
