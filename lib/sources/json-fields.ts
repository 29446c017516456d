/**
 * Reading JSON whose shape may drift: every field optional, wrong types read as absent. Errors
 * name what was expected, never the content (it may hold a closed item's text).
 */

export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The first of `keys` holding a non-empty string (a number is read as its digits), trimmed; null otherwise. */
export function readString(object: JsonObject, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
  }
  return null;
}

/** A boolean field, or null when absent or not a boolean. */
export function readBoolean(object: JsonObject, key: string): boolean | null {
  const value = object[key];
  return typeof value === "boolean" ? value : null;
}

/** An array field, or null when absent or not an array. */
export function readArray(object: JsonObject, key: string): unknown[] | null {
  const value = object[key];
  return Array.isArray(value) ? value : null;
}

/**
 * Parses a response body as JSON. The error says where and how long the body was, not what it
 * held: V8's own message quotes the text around the fault.
 */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return failJson(source, text.length);
  }
}

function failJson(source: string, length: number): never {
  throw new Error(`${source}: svaret er ikke gyldig JSON (${length} tegn; afkortet eller ændret format?)`);
}
