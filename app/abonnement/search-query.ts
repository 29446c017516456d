/** A page's searchParams as URLSearchParams (repeated keys kept). */
export function toUrlSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  return query;
}

/** One string parameter of a page's searchParams ("" when absent or repeated). */
export function single(raw: Record<string, string | string[] | undefined>, key: string): string {
  const value = raw[key];
  return typeof value === "string" ? value : "";
}
