import { getPrisma } from "@/lib/db/client";
import { meetingPageUrl } from "@/lib/sources/firstagenda/client";
import { municipalityPath } from "./paths";

/** One site the municipality's meetings are imported from. */
export interface DataSource {
  /** Base URL of the site ("https://dagsordener.vejen.dk"). */
  site: string;
  host: string;
  /** Meetings shown from it. */
  meetingCount: number;
  /** When the newest of its meetings now shown was fetched (ISO instant), or null. */
  lastFetchedAt: string | null;
  /** Meetings whose last import failed. */
  failedCount: number;
}

/** A listed meeting whose last import failed; retried on the next run. */
export interface ImportFailure {
  site: string;
  /** The meeting's page on the site. */
  url: string;
  documentName: string | null;
  /** Why, as recorded by the importer (never quotes fetched content). */
  error: string;
  /** When the failed attempt ran (ISO instant). */
  attemptedAt: string;
}

/** A minutes file ingested by hand (`npm run ingest`). */
export interface IngestedFile {
  /** The file's name without its folders. */
  fileName: string;
  /** When it was read (ISO instant). */
  ingestedAt: string;
  meetingCount: number;
}

/** The "Datagrundlag" page of a municipality: where its texts come from, and what failed. */
export interface DataSourcesPage {
  name: string;
  slug: string;
  url: string;
  counts: { meetings: number; agendas: number; openItems: number; closedItems: number };
  sources: DataSource[];
  failures: ImportFailure[];
  files: IngestedFile[];
}

const MAX_LISTED = 200;

/** The municipality's Datagrundlag page, or null when the slug is unknown. Failures newest first, at most 200 of each list. */
export async function getDataSourcesPage(slug: string): Promise<DataSourcesPage | null> {
  const prisma = getPrisma();
  const municipality = await prisma.municipality.findUnique({ where: { slug }, select: { id: true, name: true } });
  if (!municipality) return null;
  const inMunicipality = { committee: { municipalityId: municipality.id } };
  const [meetings, agendas, openItems, closedItems, shown, failedRows, files] = await Promise.all([
    prisma.meeting.count({ where: inMunicipality }),
    prisma.meeting.count({ where: { ...inMunicipality, kind: "dagsorden" } }),
    prisma.agendaItem.count({ where: { meeting: inMunicipality, closed: false } }),
    prisma.agendaItem.count({ where: { meeting: inMunicipality, closed: true } }),
    prisma.remoteMeeting.groupBy({ by: ["site"], where: { status: "ok", meeting: inMunicipality }, _count: { _all: true }, _max: { fetchedAt: true } }),
    prisma.remoteMeeting.findMany({
      where: { status: "failed", OR: [{ municipality: municipality.name }, { meeting: inMunicipality }] },
      orderBy: [{ attemptedAt: "desc" }, { id: "desc" }],
      select: { site: true, remoteId: true, documentName: true, error: true, attemptedAt: true },
    }),
    prisma.sourceDocument.findMany({
      where: { remoteMeeting: { is: null }, meetings: { some: inMunicipality } },
      orderBy: [{ ingestedAt: "desc" }, { id: "desc" }],
      take: MAX_LISTED,
      select: { fileName: true, ingestedAt: true, _count: { select: { meetings: true } } },
    }),
  ]);
  const failedBySite = new Map<string, number>();
  for (const row of failedRows) failedBySite.set(row.site, (failedBySite.get(row.site) ?? 0) + 1);
  const sites = new Set([...shown.map((row) => row.site), ...failedBySite.keys()]);
  const sources = [...sites].sort().map((site) => {
    const row = shown.find((entry) => entry.site === site);
    return {
      site,
      host: new URL(site).host,
      meetingCount: row?._count._all ?? 0,
      lastFetchedAt: row?._max.fetchedAt?.toISOString() ?? null,
      failedCount: failedBySite.get(site) ?? 0,
    };
  });
  return {
    name: municipality.name,
    slug,
    url: municipalityPath(slug),
    counts: { meetings, agendas, openItems, closedItems },
    sources,
    failures: failedRows.slice(0, MAX_LISTED).map((row) => ({
      site: row.site,
      url: meetingPageUrl(row.site, row.remoteId),
      documentName: row.documentName,
      error: row.error ?? "ukendt fejl",
      attemptedAt: row.attemptedAt.toISOString(),
    })),
    files: files.map((file) => ({
      fileName: file.fileName.split(/[\\/]/).pop() ?? file.fileName,
      ingestedAt: file.ingestedAt.toISOString(),
      meetingCount: file._count.meetings,
    })),
  };
}
