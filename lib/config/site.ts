import { getEnv } from "./env";

/** Public origin of the portal, without a trailing slash. */
export function getSiteUrl(): string {
  return getEnv().siteUrl;
}
