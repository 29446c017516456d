import type { ServerResponse } from "node:http";

/**
 * Makes `res.appendHeader` skip a value the header already has, as Next.js's own response
 * wrapper does. Next 16 replays a cached page's headers onto the raw response with
 * `appendHeader` after the render has already set them, so a cached redirect goes out with
 * `Location` (and `x-nextjs-stale-time`) twice; proxies merge that into "/a, /a" and crawlers
 * give up (vercel/next.js#82117, unfixed in 16.4). Distinct values are still appended.
 */
export function preventRepeatedHeaderValues(res: ServerResponse): void {
  const append = res.appendHeader;
  res.appendHeader = function (this: ServerResponse, name: string, value: string | readonly string[]) {
    const present = new Set(valuesOf(this.getHeader(name)));
    const added = (typeof value === "string" ? [value] : value).filter((v) => !present.has(v));
    if (added.length === 0) return this;
    return Reflect.apply(append, this, [name, added.length === 1 ? added[0] : added]) as ServerResponse;
  } as typeof res.appendHeader;
}

function valuesOf(header: number | string | string[] | undefined): string[] {
  if (header === undefined) return [];
  return Array.isArray(header) ? header : [String(header)];
}
