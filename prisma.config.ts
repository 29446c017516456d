import { defineConfig } from "prisma/config";

// The URL is only read by `prisma migrate deploy` against an external database;
// `prisma generate` needs none, and the app resolves its database in lib/db.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/referatportalen" },
});
