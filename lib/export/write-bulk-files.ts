import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { createGzip, type Gzip } from "node:zlib";
import { stringify, type Stringifier } from "csv-stringify";
import type { PrismaClient } from "@/lib/db/client";
import { AGENDA_ITEM_SELECT } from "@/lib/oparl/oparl-queries";
import { readDataVersion } from "./data-version";
import { DATAPACKAGE_FILE } from "./export-dir";
import { CSV_FIELDS, toCsvRows, toJsonRecord, type ExportMeeting } from "./export-records";

/**
 * `npm run export`: for every municipality and for all of Denmark, the meetings as gzipped JSON
 * Lines and the agenda items as CSV, plus a Frictionless datapackage.json. Meetings are read a
 * batch at a time and written through streams that are waited on when full, so memory stays
 * flat whatever the size. Every file is written under a temporary name and renamed into place,
 * datapackage.json last: a reader sees the old set or the new one, never half a file.
 */

/** Meetings read per query; each brings its items and sections. */
const BATCH = 100;

/** One written file as datapackage.json describes it. */
export interface BulkResource {
  name: string;
  path: string;
  title: string;
  format: "jsonl" | "csv";
  mediatype: string;
  compression?: "gz";
  encoding: "utf-8";
  bytes: number;
  hash: string;
  schema?: { fields: Array<{ name: string; type: string; format?: string; description: string }> };
}

/** What an export wrote. */
export interface ExportSummary {
  meetings: number;
  items: number;
  resources: BulkResource[];
  peakRssBytes: number;
}

/** A gzipped JSON Lines file and a CSV file being written under temporary names. */
class FilePair {
  readonly jsonl: { gzip: Gzip; file: WriteStream; tmp: string; final: string };
  readonly csv: { csv: Stringifier; file: WriteStream; tmp: string; final: string };

  constructor(dir: string, stem: string) {
    const tmp = (name: string) => path.join(dir, `.${name}.${process.pid}.tmp`);
    const jsonlName = `${stem}.jsonl.gz`;
    const csvName = `${stem}.csv`;
    const gzip = createGzip();
    const jsonlFile = createWriteStream(tmp(jsonlName));
    gzip.pipe(jsonlFile);
    const csv = stringify({ header: true, columns: CSV_FIELDS.map((field) => field.name) });
    const csvFile = createWriteStream(tmp(csvName));
    csv.pipe(csvFile);
    this.jsonl = { gzip, file: jsonlFile, tmp: tmp(jsonlName), final: path.join(dir, jsonlName) };
    this.csv = { csv, file: csvFile, tmp: tmp(csvName), final: path.join(dir, csvName) };
  }

  async write(meeting: ExportMeeting, siteUrl: string): Promise<void> {
    if (!this.jsonl.gzip.write(`${JSON.stringify(toJsonRecord(meeting, siteUrl))}\n`)) await once(this.jsonl.gzip, "drain");
    for (const row of toCsvRows(meeting, siteUrl)) {
      if (!this.csv.csv.write(row)) await once(this.csv.csv, "drain");
    }
  }

  /** Flushes both files; they stay under their temporary names until `publish`. */
  async close(): Promise<void> {
    this.jsonl.gzip.end();
    this.csv.csv.end();
    await Promise.all([finished(this.jsonl.file), finished(this.csv.file)]);
  }

  async publish(): Promise<void> {
    await rename(this.jsonl.tmp, this.jsonl.final);
    await rename(this.csv.tmp, this.csv.final);
  }

  async discard(): Promise<void> {
    await Promise.all([rm(this.jsonl.tmp, { force: true }), rm(this.csv.tmp, { force: true })]);
  }
}

async function describeFile(file: string): Promise<{ bytes: number; hash: string }> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { bytes: (await stat(file)).size, hash: `sha256:${hash.digest("hex")}` };
}

async function resourcesOf(pair: FilePair, stem: string, label: string): Promise<BulkResource[]> {
  const jsonl = await describeFile(pair.jsonl.tmp);
  const csv = await describeFile(pair.csv.tmp);
  return [
    {
      name: `${stem}-moeder`,
      path: path.basename(pair.jsonl.final),
      title: `Møder med punkter og afsnit, ${label} (JSON Lines, gzip)`,
      format: "jsonl",
      mediatype: "application/jsonl",
      compression: "gz",
      encoding: "utf-8",
      ...jsonl,
    },
    {
      name: `${stem}-punkter`,
      path: path.basename(pair.csv.final),
      title: `Dagsordenspunkter, ${label} (CSV)`,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      ...csv,
      schema: { fields: CSV_FIELDS.map((field) => ({ ...field })) },
    },
  ];
}

/** Writes the bulk files into `dir` (created if missing) and returns what it wrote. */
export async function writeBulkFiles(
  prisma: PrismaClient,
  dir: string,
  siteUrl: string,
  onProgress: (meetings: number) => void = () => {},
): Promise<ExportSummary> {
  await mkdir(dir, { recursive: true });
  // Read before the data: a change during the export leaves the files marked as older than it.
  const dataVersion = await readDataVersion(prisma, siteUrl);
  let peakRssBytes = process.memoryUsage().rss;
  const all = new FilePair(dir, "danmark");
  const pairs: Array<{ pair: FilePair; stem: string; label: string }> = [{ pair: all, stem: "danmark", label: "hele Danmark" }];
  let meetings = 0;
  let items = 0;
  try {
    const municipalities = await prisma.municipality.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, name: true } });
    for (const municipality of municipalities) {
      const pair = new FilePair(dir, municipality.slug);
      pairs.push({ pair, stem: municipality.slug, label: municipality.name });
      for (let after = 0; ; ) {
        const batch: ExportMeeting[] = await prisma.meeting.findMany({
          where: { id: { gt: after }, committee: { municipalityId: municipality.id } },
          orderBy: { id: "asc" },
          take: BATCH,
          select: {
            id: true,
            urlKey: true,
            date: true,
            startTime: true,
            endTime: true,
            kind: true,
            location: true,
            participants: true,
            committee: { select: { slug: true, name: true, municipality: { select: { slug: true, name: true } } } },
            items: { orderBy: { position: "asc" }, select: AGENDA_ITEM_SELECT },
          },
        });
        for (const meeting of batch) {
          await pair.write(meeting, siteUrl);
          await all.write(meeting, siteUrl);
          items += meeting.items.length;
        }
        meetings += batch.length;
        onProgress(meetings);
        peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
        const last = batch.at(-1);
        if (!last) break;
        after = last.id;
      }
      await pair.close();
    }
    await all.close();
    const resources: BulkResource[] = [];
    for (const { pair, stem, label } of pairs) resources.push(...(await resourcesOf(pair, stem, label)));
    for (const { pair } of pairs) await pair.publish();
    await writeDatapackage(dir, resources, dataVersion);
    await removeStaleFiles(dir, resources);
    return { meetings, items, resources, peakRssBytes };
  } catch (error) {
    await Promise.all(pairs.map(({ pair }) => pair.discard()));
    throw error;
  }
}

/**
 * The licences of the bulk files. Minutes, agendas and decisions are public documents
 * (offentlige aktstykker), which Danish copyright law leaves free (ophavsretsloven § 9, stk. 1):
 * "other-pd". What the portal adds (the division into items, sections and fields, the outcome,
 * the KLE code, the compilation itself, which § 71 could otherwise protect as a database) it
 * waives under CC0 1.0. Attachments (bilag), which § 9, stk. 2 may leave protected, are listed
 * by title only.
 */
export const DATA_LICENSES = [
  {
    name: "other-pd",
    path: "https://opendefinition.org/licenses/other-pd/",
    title: "Referater, dagsordener og beslutninger: offentlige aktstykker uden ophavsret (ophavsretsloven § 9, stk. 1)",
  },
  {
    name: "CC0-1.0",
    path: "https://creativecommons.org/publicdomain/zero/1.0/",
    title: "Referatportalens strukturering og sammenstilling af data: CC0 1.0 (ingen rettigheder forbeholdt)",
  },
] as const;

async function writeDatapackage(dir: string, resources: BulkResource[], dataVersion: string): Promise<void> {
  const descriptor = {
    profile: "data-package",
    name: "referatportalen",
    title: "Referatportalen: referater fra danske kommunale udvalg",
    description:
      "Alle offentlige møder, dagsordenspunkter og beslutninger på Referatportalen. Lukkede punkter har kun nummer og titel; CPR-numre er fjernet.",
    created: new Date().toISOString(),
    licenses: DATA_LICENSES,
    // The fingerprint of the data these files were written from (see refresh-bulk-files.ts).
    "referatportalen:dataVersion": dataVersion,
    resources: resources.map((resource) => ({ ...resource, profile: resource.format === "csv" ? "tabular-data-resource" : "data-resource" })),
  };
  const tmp = path.join(dir, `.${DATAPACKAGE_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(descriptor, null, 2)}\n`);
  await rename(tmp, path.join(dir, DATAPACKAGE_FILE));
}

/** Files of municipalities no longer present, left by an earlier export. */
async function removeStaleFiles(dir: string, resources: BulkResource[]): Promise<void> {
  const current = new Set([DATAPACKAGE_FILE, ...resources.map((resource) => resource.path)]);
  for (const name of await readdir(dir)) {
    if (!current.has(name) && /^[a-z0-9-]+\.(jsonl\.gz|csv)$/.test(name)) await rm(path.join(dir, name), { force: true });
  }
}
