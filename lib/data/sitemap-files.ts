import { getPrisma } from "@/lib/db/client";
import { casePath, committeePath, itemPath, meetingPath, municipalityPath, personPath, personsPath } from "./paths";

/**
 * The sitemap split into files of at most {@link SITEMAP_FILE_SIZE} pages, as the sitemap
 * protocol allows 50,000 per file and a national archive has well over a million pages:
 * "sider-0" (front page, municipalities, committees) and one file per id range of meetings,
 * agenda items, cases and persons ("punkter-3": items with ids 120,000–159,999). A range is
 * listed only when it holds a page, so the files stay small and stable as the archive grows.
 */
export const SITEMAP_FILE_SIZE = 40_000;

/** A page in a sitemap file; `url` is a path ("/vejen"). */
export interface SitemapEntry {
  url: string;
  lastModified?: Date;
}

/** One file of the sitemap index. */
export interface SitemapFile {
  name: string;
  lastModified?: Date;
}

type RangedKind = "moeder" | "punkter" | "sager" | "personer";
const KINDS: readonly RangedKind[] = ["moeder", "punkter", "sager", "personer"];

/** Non-empty id ranges of one kind, with the newest change in each. */
async function ranges(kind: RangedKind, size: number): Promise<Array<{ range: number; lastModified: Date | null }>> {
  const prisma = getPrisma();
  switch (kind) {
    case "moeder":
      return prisma.$queryRaw`SELECT (id / ${size})::int AS range, max("updatedAt") AS "lastModified" FROM "Meeting" GROUP BY 1 ORDER BY 1`;
    case "punkter":
      return prisma.$queryRaw`SELECT (i.id / ${size})::int AS range, max(m."updatedAt") AS "lastModified"
        FROM "AgendaItem" i JOIN "Meeting" m ON m.id = i."meetingId" GROUP BY 1 ORDER BY 1`;
    case "sager":
      return prisma.$queryRaw`SELECT (c.id / ${size})::int AS range, max(m."updatedAt") AS "lastModified"
        FROM "Case" c JOIN "AgendaItem" i ON i."caseId" = c.id AND NOT i.closed JOIN "Meeting" m ON m.id = i."meetingId" GROUP BY 1 ORDER BY 1`;
    case "personer":
      return prisma.$queryRaw`SELECT (id / ${size})::int AS range, NULL::timestamptz AS "lastModified" FROM "Person" GROUP BY 1 ORDER BY 1`;
  }
}

/** The files of the sitemap index, "sider-0" first; `size` is the id range per file (tests use small ones). */
export async function listSitemapFiles(size = SITEMAP_FILE_SIZE): Promise<SitemapFile[]> {
  const files: SitemapFile[] = [{ name: "sider-0" }];
  for (const kind of KINDS) {
    for (const { range, lastModified } of await ranges(kind, size)) files.push({ name: `${kind}-${range}`, ...(lastModified ? { lastModified } : {}) });
  }
  return files;
}

/** The pages of one sitemap file, or null for a name that is not one of {@link listSitemapFiles}. */
export async function sitemapFileEntries(name: string, size = SITEMAP_FILE_SIZE): Promise<SitemapEntry[] | null> {
  const entries = await readSitemapFile(name, size);
  return entries && entries.length > 0 ? entries : null;
}

async function readSitemapFile(name: string, size: number): Promise<SitemapEntry[] | null> {
  const match = /^(sider|moeder|punkter|sager|personer)-(0|[1-9][0-9]{0,6})$/.exec(name);
  if (!match) return null;
  const kind = match[1];
  const range = Number(match[2]);
  const from = range * size;
  const to = from + size;
  const prisma = getPrisma();
  switch (kind) {
    case "sider": {
      if (range !== 0) return null;
      const committees = await prisma.$queryRaw<Array<{ municipality: string; committee: string; lastModified: Date | null }>>`
        SELECT mu.slug AS municipality, c.slug AS committee, max(m."updatedAt") AS "lastModified"
        FROM "Committee" c JOIN "Municipality" mu ON mu.id = c."municipalityId" JOIN "Meeting" m ON m."committeeId" = c.id
        GROUP BY 1, 2 ORDER BY 1, 2`;
      const entries: SitemapEntry[] = [{ url: "/" }];
      const municipalities = new Map<string, Date | null>();
      for (const row of committees) {
        const previous = municipalities.get(row.municipality);
        if (previous === undefined || (row.lastModified && (!previous || previous < row.lastModified))) municipalities.set(row.municipality, row.lastModified);
      }
      for (const [slug, lastModified] of municipalities) entries.push(entry(municipalityPath(slug), lastModified));
      for (const row of committees) entries.push(entry(committeePath(row.municipality, row.committee), row.lastModified));
      const withPersons = await prisma.$queryRaw<Array<{ slug: string }>>`
        SELECT mu.slug FROM "Municipality" mu WHERE EXISTS (SELECT 1 FROM "Person" p WHERE p."municipalityId" = mu.id) ORDER BY 1`;
      for (const row of withPersons) entries.push(entry(personsPath(row.slug), null));
      return entries;
    }
    case "moeder": {
      const rows = await prisma.$queryRaw<Array<{ municipality: string; committee: string; urlKey: string; lastModified: Date }>>`
        SELECT mu.slug AS municipality, c.slug AS committee, m."urlKey", m."updatedAt" AS "lastModified"
        FROM "Meeting" m JOIN "Committee" c ON c.id = m."committeeId" JOIN "Municipality" mu ON mu.id = c."municipalityId"
        WHERE m.id >= ${from} AND m.id < ${to} ORDER BY m.id`;
      return rows.map((row) => entry(meetingPath(row.municipality, row.committee, row.urlKey), row.lastModified));
    }
    case "punkter": {
      const rows = await prisma.$queryRaw<Array<{ municipality: string; committee: string; urlKey: string; number: string; lastModified: Date }>>`
        SELECT mu.slug AS municipality, c.slug AS committee, m."urlKey", i.number, m."updatedAt" AS "lastModified"
        FROM "AgendaItem" i JOIN "Meeting" m ON m.id = i."meetingId" JOIN "Committee" c ON c.id = m."committeeId"
        JOIN "Municipality" mu ON mu.id = c."municipalityId"
        WHERE i.id >= ${from} AND i.id < ${to} ORDER BY i.id`;
      return rows.map((row) => entry(itemPath(row.municipality, row.committee, row.urlKey, row.number), row.lastModified));
    }
    case "sager": {
      // A case page shows its open items; a case of closed items only is left out.
      const rows = await prisma.$queryRaw<Array<{ municipality: string; slug: string; lastModified: Date | null }>>`
        SELECT mu.slug AS municipality, ca.slug, max(m."updatedAt") AS "lastModified"
        FROM "Case" ca JOIN "Municipality" mu ON mu.id = ca."municipalityId"
        JOIN "AgendaItem" i ON i."caseId" = ca.id AND NOT i.closed JOIN "Meeting" m ON m.id = i."meetingId"
        WHERE ca.id >= ${from} AND ca.id < ${to} GROUP BY ca.id, 1, 2 ORDER BY ca.id`;
      return rows.map((row) => entry(casePath(row.municipality, row.slug), row.lastModified));
    }
    case "personer": {
      const rows = await prisma.$queryRaw<Array<{ municipality: string; slug: string }>>`
        SELECT mu.slug AS municipality, p.slug FROM "Person" p JOIN "Municipality" mu ON mu.id = p."municipalityId"
        WHERE p.id >= ${from} AND p.id < ${to} ORDER BY p.id`;
      return rows.map((row) => entry(personPath(row.municipality, row.slug), null));
    }
  }
  return null;
}

function entry(url: string, lastModified: Date | null): SitemapEntry {
  return lastModified ? { url, lastModified } : { url };
}
