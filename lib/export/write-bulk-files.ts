import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { createGzip, type Gzip } from "node:zlib";
import { stringify, type Stringifier } from "csv-stringify";
import type { PrismaClient } from "@/lib/db/client";
import { AGENDA_ITEM_SELECT } from "@/lib/oparl/oparl-queries";
import { readExportBasis, type ExportBasis } from "./data-version";
import { DATAPACKAGE_FILE } from "./export-dir";
import { CSV_FIELDS, toCsvRows, toJsonRecord, type ExportMeeting } from "./export-records";

/**
 * `npm run export`: for every municipality and for all of Denmark, the meetings as gzipped JSON
 * Lines and the agenda items as CSV, plus a Frictionless datapackage.json. Meetings are read a
 * batch at a time and written through streams that are waited on when full, so memory stays
 * flat whatever the size. The files of all of Denmark are the municipalities' files joined: the
 * CSVs without their repeated header, the gzip files as consecutive gzip members (RFC 1952 § 2.2;
 * gunzip, zcat, Python's gzip and Node's zlib read them as one stream). So a refresh rewrites
 * only the municipalities whose data changed and copies the rest (refresh-bulk-files.ts), and
 * the result is byte for byte what a full export writes. Every file is written under a temporary
 * name and renamed into place, datapackage.json last: a reader sees the old set or the new one,
 * never half a file.
 */

/** Meetings read per query; each brings its items and sections. */
const BATCH = 100;

/** The stem of the files of all of Denmark. */
export const NATIONAL_STEM = "danmark";

/** Chunk size of the copy into the national files. */
const COPY_CHUNK = 1024 * 1024;

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
  /** Meetings and items in the municipality files written (not those kept). */
  meetings: number;
  items: number;
  /** Slugs of the municipalities whose files were written; the others were kept as they were. */
  rewritten: string[];
  /** Municipalities in the export, written or kept. */
  municipalities: number;
  resources: BulkResource[];
  peakRssBytes: number;
}

/** A gzipped JSON Lines file and a CSV file being written under temporary names. */
class FilePair {
  readonly jsonl: { gzip: Gzip; file: WriteStream; tmp: string; final: string };
  readonly csv: { csv: Stringifier; file: WriteStream; tmp: string; final: string };

  constructor(dir: string, stem: string) {
    const { jsonl, csv } = pairPaths(dir, stem);
    const gzip = createGzip();
    const jsonlFile = createWriteStream(jsonl.tmp);
    gzip.pipe(jsonlFile);
    const stringifier = stringify({ header: true, columns: CSV_FIELDS.map((field) => field.name) });
    const csvFile = createWriteStream(csv.tmp);
    stringifier.pipe(csvFile);
    this.jsonl = { gzip, file: jsonlFile, ...jsonl };
    this.csv = { csv: stringifier, file: csvFile, ...csv };
  }

  async write(meeting: ExportMeeting, siteUrl: string): Promise<void> {
    if (!this.jsonl.gzip.write(`${JSON.stringify(toJsonRecord(meeting, siteUrl))}\n`)) await once(this.jsonl.gzip, "drain");
    for (const row of toCsvRows(meeting, siteUrl)) {
      if (!this.csv.csv.write(row)) await once(this.csv.csv, "drain");
    }
  }

  /** Stops writing after an error; the caller removes the temporary files. */
  destroy(): void {
    for (const stream of [this.jsonl.gzip, this.jsonl.file, this.csv.csv, this.csv.file]) stream.destroy();
  }

  /** Flushes both files; they stay under their temporary names until published. */
  async close(): Promise<void> {
    this.jsonl.gzip.end();
    this.csv.csv.end();
    await Promise.all([finished(this.jsonl.file), finished(this.csv.file)]);
  }
}

/** Where a pair of files is written (`tmp`) and published (`final`). */
function pairPaths(dir: string, stem: string): { jsonl: { tmp: string; final: string }; csv: { tmp: string; final: string } } {
  const tmp = (name: string) => path.join(dir, `.${name}.${process.pid}.tmp`);
  const jsonlName = `${stem}.jsonl.gz`;
  const csvName = `${stem}.csv`;
  return { jsonl: { tmp: tmp(jsonlName), final: path.join(dir, jsonlName) }, csv: { tmp: tmp(csvName), final: path.join(dir, csvName) } };
}

async function describeFile(file: string): Promise<{ bytes: number; hash: string }> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: COPY_CHUNK })) hash.update(chunk as Buffer);
  return { bytes: (await stat(file)).size, hash: `sha256:${hash.digest("hex")}` };
}

function describePair(stem: string, label: string, jsonl: { bytes: number; hash: string }, csv: { bytes: number; hash: string }): BulkResource[] {
  return [
    {
      name: `${stem}-moeder`,
      path: `${stem}.jsonl.gz`,
      title: `Møder med punkter og afsnit, ${label} (JSON Lines, gzip)`,
      format: "jsonl",
      mediatype: "application/jsonl",
      compression: "gz",
      encoding: "utf-8",
      ...jsonl,
    },
    {
      name: `${stem}-punkter`,
      path: `${stem}.csv`,
      title: `Dagsordenspunkter, ${label} (CSV)`,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      ...csv,
      schema: { fields: CSV_FIELDS.map((field) => ({ ...field })) },
    },
  ];
}

/** The header line every CSV file starts with, as csv-stringify writes it. */
const CSV_HEADER = Buffer.from(`${CSV_FIELDS.map((field) => field.name).join(",")}\n`);

/**
 * Copies `sources` one after the other into `target`, each from byte `skip` on, and returns the
 * written file's size and hash (computed on the way, so the copy is read once).
 */
async function concatenate(target: string, sources: string[], prefix: Buffer, skip: (source: string, head: Buffer) => number): Promise<{ bytes: number; hash: string }> {
  const hash = createHash("sha256");
  const out = await open(target, "w");
  let bytes = 0;
  try {
    const append = async (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      for (let offset = 0; offset < chunk.length; ) offset += (await out.write(chunk, offset)).bytesWritten;
    };
    if (prefix.length > 0) await append(prefix);
    for (const source of sources) {
      let isFirst = true;
      for await (const read of createReadStream(source, { highWaterMark: COPY_CHUNK })) {
        const chunk = read as Buffer;
        if (isFirst) {
          isFirst = false;
          await append(chunk.subarray(skip(source, chunk)));
        } else {
          await append(chunk);
        }
      }
      if (isFirst) skip(source, Buffer.alloc(0));
    }
  } finally {
    await out.close();
  }
  return { bytes, hash: `sha256:${hash.digest("hex")}` };
}

/** A municipality's CSV after its header line; any other start means the file is not one of ours. */
function afterCsvHeader(source: string, head: Buffer): number {
  if (head.length < CSV_HEADER.length || !head.subarray(0, CSV_HEADER.length).equals(CSV_HEADER)) {
    throw new Error(`${source}: begynder ikke med CSV-overskriften ${JSON.stringify(CSV_HEADER.toString().trim())}`);
  }
  return CSV_HEADER.length;
}

/** A gzip file starts with the magic bytes 1f 8b (RFC 1952). */
function wholeGzip(source: string, head: Buffer): number {
  if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) throw new Error(`${source}: er ikke en gzip-fil`);
  return 0;
}

/** The files of one municipality kept from the previous export as they are. */
export interface KeptMunicipality {
  resources: BulkResource[];
}

/**
 * Writes the bulk files into `dir` (created if missing) and returns what it wrote: every
 * municipality's files, except those in `keep`, whose files (published by an earlier export of
 * this folder, as its datapackage.json describes them) are current and stay as they are, and with
 * `keepNational` the files of all of Denmark too when every municipality was kept. `basis`
 * must be read before the data (readExportBasis); a change during the export leaves the files
 * marked as older than it.
 */
export async function writeBulkFiles(
  prisma: PrismaClient,
  dir: string,
  siteUrl: string,
  onProgress: (meetings: number) => void = () => {},
  options: { basis?: ExportBasis; keep?: ReadonlyMap<string, KeptMunicipality>; keepNational?: KeptMunicipality | null } = {},
): Promise<ExportSummary> {
  await mkdir(dir, { recursive: true });
  const basis = options.basis ?? (await readExportBasis(prisma, siteUrl));
  const keep = options.keep ?? new Map<string, KeptMunicipality>();
  let peakRssBytes = process.memoryUsage().rss;
  const temporary: string[] = [];
  const renames: Array<{ tmp: string; final: string }> = [];
  let meetings = 0;
  let items = 0;
  const rewritten: string[] = [];
  try {
    const resources: BulkResource[] = [];
    const jsonlSources: string[] = [];
    const csvSources: string[] = [];
    for (const municipality of basis.municipalities) {
      const kept = keep.get(municipality.slug);
      const { jsonl, csv } = pairPaths(dir, municipality.slug);
      if (kept) {
        resources.push(...kept.resources);
        jsonlSources.push(jsonl.final);
        csvSources.push(csv.final);
        continue;
      }
      rewritten.push(municipality.slug);
      temporary.push(jsonl.tmp, csv.tmp);
      const pair = new FilePair(dir, municipality.slug);
      try {
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
            items += meeting.items.length;
          }
          meetings += batch.length;
          onProgress(meetings);
          peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
          const last = batch.at(-1);
          if (!last) break;
          after = last.id;
        }
      } catch (error) {
        pair.destroy();
        throw error;
      }
      await pair.close();
      resources.push(...describePair(municipality.slug, municipality.name, await describeFile(jsonl.tmp), await describeFile(csv.tmp)));
      renames.push(jsonl, csv);
      jsonlSources.push(jsonl.tmp);
      csvSources.push(csv.tmp);
    }
    if (rewritten.length === 0 && options.keepNational) {
      resources.unshift(...options.keepNational.resources);
    } else {
      const national = pairPaths(dir, NATIONAL_STEM);
      temporary.push(national.jsonl.tmp, national.csv.tmp);
      const nationalJsonl = await concatenate(national.jsonl.tmp, jsonlSources, Buffer.alloc(0), wholeGzip);
      const nationalCsv = await concatenate(national.csv.tmp, csvSources, CSV_HEADER, afterCsvHeader);
      renames.push(national.jsonl, national.csv);
      resources.unshift(...describePair(NATIONAL_STEM, "hele Danmark", nationalJsonl, nationalCsv));
    }
    for (const { tmp, final } of renames) await rename(tmp, final);
    await writeDatapackage(dir, resources, basis);
    await removeStaleFiles(dir, resources);
    return { meetings, items, rewritten, municipalities: basis.municipalities.length, resources, peakRssBytes };
  } catch (error) {
    await Promise.all(temporary.map((file) => rm(file, { force: true })));
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

async function writeDatapackage(dir: string, resources: BulkResource[], basis: ExportBasis): Promise<void> {
  const descriptor = {
    profile: "data-package",
    name: "referatportalen",
    title: "Referatportalen: referater fra danske kommunale udvalg",
    description:
      "Alle offentlige møder, dagsordenspunkter og beslutninger på Referatportalen. Lukkede punkter har kun nummer og titel; CPR-numre er fjernet.",
    created: new Date().toISOString(),
    licenses: DATA_LICENSES,
    // The state of the data these files were written from (see data-version.ts, refresh-bulk-files.ts).
    "referatportalen:dataVersion": basis.dataVersion,
    "referatportalen:changeWatermark": basis.changeWatermark,
    "referatportalen:basisReadAt": basis.readAt,
    "referatportalen:municipalityVersions": Object.fromEntries(basis.municipalities.map((municipality) => [municipality.slug, municipality.version])),
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
