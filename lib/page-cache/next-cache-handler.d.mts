/** Types of next-cache-handler.mjs, Next.js's cache handler that keeps nothing. */
export default class KeepNothingCacheHandler {
  get(cacheKey: string, context?: unknown): Promise<null>;
  set(cacheKey: string, data: unknown, context?: unknown): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
