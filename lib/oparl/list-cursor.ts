/**
 * The position a list page ends at, handed to the client as an opaque `after` parameter in
 * `links.next`. A list is its live objects in key order, then (with modified_since) its
 * tombstones in id order, so the position is either the key of the last live object (a meeting
 * id; a meeting id and agenda position) or the id of the last tombstone. The next page starts
 * strictly after it, whatever was inserted or deleted meanwhile: nothing is listed twice or
 * skipped, unlike an offset, which shifts when a row before it comes or goes.
 */
export type ListCursor = { phase: "live"; key: number[] } | { phase: "deleted"; id: number };

const PHASE_CODES = { live: "l", deleted: "d" } as const;

/** The cursor as the `after` parameter: base64url, so clients treat it as opaque. */
export function encodeListCursor(cursor: ListCursor): string {
  const text = cursor.phase === "live" ? `${PHASE_CODES.live}:${cursor.key.join(".")}` : `${PHASE_CODES.deleted}:${cursor.id}`;
  return Buffer.from(text, "utf8").toString("base64url");
}

const NUMBER = /^(?:0|[1-9]\d{0,9})$/;

/** The cursor an `after` parameter names, or null when it is not one this server wrote. */
export function decodeListCursor(value: string): ListCursor | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) return null;
  const text = Buffer.from(value, "base64url").toString("utf8");
  // Only the canonical encoding is accepted, so one position has one URL.
  if (Buffer.from(text, "utf8").toString("base64url") !== value) return null;
  const [phase, rest = "", ...extra] = text.split(":");
  if (extra.length > 0) return null;
  const numbers = rest.split(".");
  if (!numbers.every((part) => NUMBER.test(part)) || numbers.some((part) => Number(part) > 2_147_483_647)) return null;
  if (phase === PHASE_CODES.live && numbers.length <= 2) return { phase: "live", key: numbers.map(Number) };
  if (phase === PHASE_CODES.deleted && numbers.length === 1) return { phase: "deleted", id: Number(numbers[0]) };
  return null;
}
