/**
 * The security headers every response carries. scripts/serve.ts (lib/web-server) sets them on
 * every response before the app sees the request, so Next's own answers (redirects, errors)
 * carry them too; next.config.ts sets the same for `next dev`.
 */

// Next's own inline bootstrap scripts need 'unsafe-inline' unless every page is rendered
// per request with a nonce, which would give up static caching of the browse pages.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The headers every response carries, over http and https alike. */
export const securityHeaders: ReadonlyArray<{ key: string; value: string }> = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** HSTS: browsers keep to https for two years once they have seen it over https. */
export const strictTransportSecurity = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" } as const;

/**
 * The security headers for a portal whose public origin is `siteUrl`. HSTS only when that
 * origin is https: the TLS proxy in front (Varnish behind a terminator, a load balancer) is
 * then the only way in. X-Forwarded-Proto is not consulted, since any client can send it and
 * HSTS for a plain-http site would lock its visitors out.
 */
export function securityHeadersFor(siteUrl: string): ReadonlyArray<{ key: string; value: string }> {
  return siteUrl.startsWith("https://") ? [...securityHeaders, strictTransportSecurity] : securityHeaders;
}
