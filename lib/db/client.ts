import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

const globalForPrisma = globalThis as unknown as { referatPrisma?: { url: string; client: PrismaClient } };

/**
 * The process's Prisma client, created on first use from DATABASE_URL (which `npm start`,
 * the scripts and the tests set after choosing the database). Kept on globalThis so
 * `next dev` reloads reuse it.
 */
export function getPrisma(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the portal with `npm start`, or set DATABASE_URL.");
  }
  const existing = globalForPrisma.referatPrisma;
  if (existing && existing.url === url) return existing.client;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  globalForPrisma.referatPrisma = { url, client };
  return client;
}

/** Creates a separate client for one database URL (tests, scripts working on two databases). */
export function createPrisma(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

export type { PrismaClient };
