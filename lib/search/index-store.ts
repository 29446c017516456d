import { randomBytes } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { facetRows } from "./facet-rows";
import { createFlexDocument, INDEX_FORMAT_VERSION, INDEXED_FIELDS } from "./index-config";
import { applyIndexDelta, type IndexDelta } from "./index-delta";
import { CorruptIndexFileError, FileSectionStore, writeSectionStore } from "./section-store";
import type { CommitteeLabel, FacetColumns, FacetLabel, IndexBasis, SearchIndex, StoredItems } from "./search-index";
import { Segment } from "./segment/segment";
import { TermRanges } from "./segment/term-ranges";
import { StringColumn } from "./string-column";
import { readArray, writeArray } from "./typed-array-file";
import { urlOrder } from "./url-order";
import { emptyDictionary } from "./term-dictionary";

/**
 * On disk an index directory holds one sub-directory per exported version and a small manifest,
 * `current.json`, naming the live one. Export writes a complete new version directory and only
 * then replaces the manifest (write + rename, atomic on POSIX), so a reader sees either the old or
 * the new index, never a half-written one. Older versions are deleted at once: they may hold an
 * item a correction has closed since. A reader whose version vanishes mid-import starts over
 * from the manifest (importSearchIndex).
 *
 * Between full builds, each write to the database appends a delta (index-delta.ts) to the
 * current version: a file under `<version>/deltas/`, written whole before the manifest that
 * lists it replaces the old one. The index a reader loads is the version with its listed deltas
 * applied in order; a running server applies new ones as they appear (get-search-index.ts).
 *
 * A version's postings are two segments (lib/search/segment: the terms over every field and the
 * word pairs), binary files a reader opens and reads on demand rather than parses. Its item
 * columns are UTF-8 byte columns with their offsets (string-column.ts: `items-url.bin` and
 * `items-url-offsets.bin`, …; format 10's items.json and urls.txt took 1.5–2 s to parse at 1M
 * items, and their strings sat on the heap), `items-id.bin` and raw typed arrays for the facet
 * columns and the date and URL orders; its section texts are compressed item by item
 * (section-store.ts). The deltas are plain JSON (written on every ingest).
 */

/** The manifest file name inside an index directory. */
export const MANIFEST_FILE = "current.json";

/** Contents of `current.json`. */
export interface SearchIndexManifest {
  formatVersion: number;
  version: string;
  /** Version directory, relative to the index directory. */
  path: string;
  /** Items of the full build. */
  size: number;
  /** ISO timestamp of the full build. */
  createdAt: string;
  /** What the full build read. */
  basis: IndexBasis;
  /** Deltas on top of the full build, oldest first. */
  deltas: DeltaEntry[];
}

/** One delta listed in the manifest. */
export interface DeltaEntry {
  /** File name, relative to the version directory. */
  file: string;
  basis: IndexBasis;
  /** Documents the delta adds. */
  items: number;
}

/** Raised when a directory has no (usable) exported index; run the index build first. */
export class SearchIndexNotFoundError extends Error {
  constructor(dir: string, reason: string) {
    super(`No search index in ${dir} (${reason}); run \`npm run index\``);
    this.name = "SearchIndexNotFoundError";
  }
}

interface VersionMeta {
  formatVersion: number;
  version: string;
  basis: IndexBasis;
  size: number;
}

interface StoredLabels {
  municipalities: FacetLabel[];
  committees: CommitteeLabel[];
}

const FACET_NAMES: ReadonlyArray<keyof FacetColumns> = ["municipality", "committee", "year", "outcome", "kle", "deviation", "dissent", "day"];

const VERSION_PREFIX = "v-";
const DELTA_DIR = "deltas";
/** The item columns' files (raw Int32 ids; string columns as string-column.ts writes them). */
const ITEM_IDS_FILE = "items-id.bin";
export const STRING_COLUMNS = ["url", "title", "number", "caseNumber", "decision"] as const satisfies ReadonlyArray<keyof StoredItems>;
export type StringColumnName = (typeof STRING_COLUMNS)[number];
/** The file name (without ".bin") of an item string column. */
export const itemColumnName = (name: StringColumnName) => `items-${name}`;
/** Ordinals newest first, and by URL (SearchIndex.byDateDesc, byUrl), as raw Uint32 files. */
const BY_DATE_FILE = "order-by-date.bin";
const BY_URL_FILE = "order-by-url.bin";
/** One raw typed-array file per facet column. */
const facetFile = (name: keyof FacetColumns) => `facet-${name}.bin`;
/** File name prefixes of the term and word-pair segments (lib/search/segment). */
export const TERMS_SEGMENT = "terms";
export const PAIRS_SEGMENT = "pairs";

const STAGING_PREFIX = ".staging-";

/** A staging directory this old is a crashed export's leftover (an export takes seconds). */
const STALE_STAGING_MS = 10 * 60_000;

/** How often an import starts over when exports keep replacing the version it reads. */
const IMPORT_ATTEMPTS = 5;

/**
 * Exports the index into a new version directory under `dir` and makes it current, unless the
 * manifest already names a newer version (a concurrent export that started later); then this
 * one is dropped. Every other version directory older than the current one is removed, with
 * crashed exports' staging directories.
 */
export async function exportSearchIndex(index: SearchIndex, dir: string): Promise<SearchIndexManifest> {
  if (index.appliedDeltas > 0 || index.removed !== null) throw new Error(`Index ${index.version} has deltas applied; export a full build`);
  await mkdir(dir, { recursive: true });
  const versionPath = `${VERSION_PREFIX}${index.version}`;
  const staging = path.join(dir, `${STAGING_PREFIX}${index.version}-${randomBytes(3).toString("hex")}`);
  await mkdir(staging, { recursive: true });
  // A full build's postings are all in its segments (FlexSearch only indexes what deltas add).
  await index.segments.terms.writeTo(staging, TERMS_SEGMENT);
  await index.segments.pairs.writeTo(staging, PAIRS_SEGMENT);
  await index.segments.ranges.writeTo(staging, TERMS_SEGMENT);
  await index.segments.pairRanges.writeTo(staging, PAIRS_SEGMENT);

  const meta: VersionMeta = {
    formatVersion: INDEX_FORMAT_VERSION,
    version: index.version,
    basis: index.basis,
    size: index.size,
  };
  const labels: StoredLabels = { municipalities: index.municipalities, committees: index.committees };
  await writeArray(path.join(staging, ITEM_IDS_FILE), index.items.id);
  for (const name of STRING_COLUMNS) await index.items[name].writeTo(staging, itemColumnName(name));
  await writeSectionStore(staging, index.items.sections, index.size);
  await writeFile(path.join(staging, "labels.json"), JSON.stringify(labels));
  for (const name of FACET_NAMES) await writeArray(path.join(staging, facetFile(name)), index.facets[name]);
  await writeArray(path.join(staging, BY_DATE_FILE), index.byDateDesc);
  await writeArray(path.join(staging, BY_URL_FILE), urlOrder(index));
  await writeFile(path.join(staging, "meta.json"), JSON.stringify(meta));
  const previous = await readSearchIndexManifest(dir).catch(() => null);
  if (previous && buildStamp(previous.version) > buildStamp(index.version)) {
    await rm(staging, { recursive: true, force: true });
    await removeOldVersions(dir, previous.path);
    return previous;
  }
  // Deltas read after this build read the database carry changes it may lack: they move along.
  const kept = previous?.deltas.filter((delta) => delta.basis.changeWatermark > index.basis.changeWatermark) ?? [];
  if (previous && kept.length > 0) {
    await mkdir(path.join(staging, DELTA_DIR));
    for (const delta of kept) await copyFile(path.join(dir, previous.path, delta.file), path.join(staging, delta.file));
  }
  await rm(path.join(dir, versionPath), { recursive: true, force: true });
  await rename(staging, path.join(dir, versionPath));

  const manifest: SearchIndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    version: index.version,
    path: versionPath,
    size: index.size,
    createdAt: new Date().toISOString(),
    basis: index.basis,
    deltas: kept,
  };
  await writeManifest(dir, manifest);

  await removeOldVersions(dir, versionPath);
  return manifest;
}

/**
 * Appends `delta` to the version `expected` names and makes the manifest list it. The caller
 * serializes writers (scripts/lib/index-write-lock.ts); a manifest that changed since `expected`
 * was read is refused, since the delta was computed from it.
 */
export async function appendIndexDelta(dir: string, expected: SearchIndexManifest, delta: IndexDelta): Promise<SearchIndexManifest> {
  const current = await readSearchIndexManifest(dir);
  if (current.version !== expected.version || current.deltas.length !== expected.deltas.length) {
    throw new Error(`Search index in ${dir} changed while a delta was computed; run the update again`);
  }
  const file = `${DELTA_DIR}/${String(current.deltas.length + 1).padStart(6, "0")}-${randomBytes(3).toString("hex")}.json`;
  const target = path.join(dir, current.path, file);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp`;
  await writeFile(tmp, JSON.stringify(delta));
  await rename(tmp, target);
  const manifest: SearchIndexManifest = { ...current, deltas: [...current.deltas, { file, basis: delta.basis, items: delta.docs.length }] };
  await writeManifest(dir, manifest);
  return manifest;
}

/**
 * The URLs among `urls` the index of `manifest` (its full build or a delta) ever held as an open
 * item, read from its files without loading it: text of theirs may be in those files.
 */
export async function urlsEverIndexed(dir: string, manifest: SearchIndexManifest, urls: readonly string[]): Promise<string[]> {
  if (urls.length === 0) return [];
  const versionDir = path.join(dir, manifest.path);
  const stored = await StringColumn.read(versionDir, itemColumnName("url"), manifest.size);
  const deltaUrls = new Set((await readIndexDeltas(dir, manifest, manifest.deltas)).flatMap((delta) => delta.docs.map((doc) => doc.url)));
  return urls.filter((url) => deltaUrls.has(url) || stored.indexOf(url) >= 0);
}

/** The newest database state the manifest's index (full build plus deltas) reflects. */
export function manifestBasis(manifest: SearchIndexManifest): IndexBasis {
  return manifest.deltas[manifest.deltas.length - 1]?.basis ?? manifest.basis;
}

/** Reads the delta files `entries` of the version `manifest` names. */
export async function readIndexDeltas(dir: string, manifest: SearchIndexManifest, entries: readonly DeltaEntry[]): Promise<IndexDelta[]> {
  const deltas: IndexDelta[] = [];
  for (const entry of entries) {
    const file = path.join(dir, manifest.path, entry.file);
    const delta = JSON.parse(await readFile(file, "utf8")) as IndexDelta;
    if (delta.basis.changeWatermark !== entry.basis.changeWatermark) throw new SearchIndexNotFoundError(dir, `delta ${file} does not match the manifest`);
    deltas.push(delta);
  }
  return deltas;
}

async function writeManifest(dir: string, manifest: SearchIndexManifest): Promise<void> {
  const manifestTmp = path.join(dir, `.${MANIFEST_FILE}.${randomBytes(3).toString("hex")}`);
  await writeFile(manifestTmp, JSON.stringify(manifest, null, 2));
  await rename(manifestTmp, path.join(dir, MANIFEST_FILE));
}

/** Reads `current.json`; throws {@link SearchIndexNotFoundError} when missing or unreadable. */
export async function readSearchIndexManifest(dir: string): Promise<SearchIndexManifest> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), "utf8");
  } catch {
    throw new SearchIndexNotFoundError(dir, `no ${MANIFEST_FILE}`);
  }
  const manifest = JSON.parse(text) as SearchIndexManifest;
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new SearchIndexNotFoundError(dir, `format ${manifest.formatVersion}, expected ${INDEX_FORMAT_VERSION}`);
  }
  return manifest;
}

/**
 * Imports the current exported index of `dir` into memory. When the version being read is
 * deleted meanwhile (a newer export replaced it), starts over with the newer one.
 */
export async function importSearchIndex(dir: string): Promise<SearchIndex> {
  for (let attempt = 1; ; attempt++) {
    const manifest = await readSearchIndexManifest(dir);
    try {
      return await importVersion(dir, manifest);
    } catch (error) {
      const isVanished = (error as NodeJS.ErrnoException).code === "ENOENT";
      const current = isVanished ? await readSearchIndexManifest(dir).catch(() => null) : null;
      if (attempt >= IMPORT_ATTEMPTS || current === null || current.version === manifest.version) throw error;
    }
  }
}

async function importVersion(dir: string, manifest: SearchIndexManifest): Promise<SearchIndex> {
  const versionDir = path.join(dir, manifest.path);
  const meta = JSON.parse(await readFile(path.join(versionDir, "meta.json"), "utf8")) as VersionMeta;
  if (meta.formatVersion !== INDEX_FORMAT_VERSION || meta.version !== manifest.version) {
    throw new SearchIndexNotFoundError(dir, `version directory ${manifest.path} does not match the manifest`);
  }
  const terms = await Segment.open(versionDir, TERMS_SEGMENT);
  const pairs = await Segment.open(versionDir, PAIRS_SEGMENT);
  const ranges = await TermRanges.open(versionDir, TERMS_SEGMENT, terms);
  if (ranges.items !== meta.size) throw new CorruptIndexFileError(path.join(versionDir, TERMS_SEGMENT), `holds range tables of ${ranges.items} items, the index ${meta.size}`);
  const pairRanges = await TermRanges.open(versionDir, PAIRS_SEGMENT, pairs);
  if (pairRanges.items !== meta.size) throw new CorruptIndexFileError(path.join(versionDir, PAIRS_SEGMENT), `holds pair bitmaps of ${pairRanges.items} items, the index ${meta.size}`);
  if (terms.fields !== INDEXED_FIELDS.length || pairs.fields !== 1) throw new CorruptIndexFileError(path.join(versionDir, TERMS_SEGMENT), "holds another number of fields");
  const strings = async <T extends string | null>(name: StringColumnName) => StringColumn.read<T>(versionDir, itemColumnName(name), meta.size);
  const items: StoredItems = {
    id: new Int32Array(await readArray(path.join(versionDir, ITEM_IDS_FILE), 4, meta.size)),
    url: await strings("url"),
    title: await strings("title"),
    number: await strings("number"),
    caseNumber: await strings("caseNumber"),
    decision: await strings("decision"),
    sections: await FileSectionStore.open(versionDir, meta.size),
  };
  const labels = JSON.parse(await readFile(path.join(versionDir, "labels.json"), "utf8")) as StoredLabels;
  const column = async (name: keyof FacetColumns, width: number) => readArray(path.join(versionDir, facetFile(name)), width, meta.size);
  const facets: FacetColumns = {
    municipality: new Uint16Array(await column("municipality", 2)),
    committee: new Uint16Array(await column("committee", 2)),
    year: new Uint16Array(await column("year", 2)),
    outcome: new Uint8Array(await column("outcome", 1)),
    kle: new Uint8Array(await column("kle", 1)),
    deviation: new Uint8Array(await column("deviation", 1)),
    dissent: new Uint8Array(await column("dissent", 1)),
    day: new Int32Array(await column("day", 4)),
  };
  const byDateDesc = new Uint32Array(await readArray(path.join(versionDir, BY_DATE_FILE), 4, meta.size));
  const byUrl = new Uint32Array(await readArray(path.join(versionDir, BY_URL_FILE), 4, meta.size));
  const index: SearchIndex = {
    version: meta.version,
    basis: meta.basis,
    size: meta.size,
    liveSize: meta.size,
    removed: null,
    appliedDeltas: 0,
    segments: { size: meta.size, terms, pairs, ranges, pairRanges },
    flex: createFlexDocument(),
    dictionary: emptyDictionary(),
    pairDictionary: emptyDictionary(),
    frequencies: new Map(),
    items,
    facets,
    municipalities: labels.municipalities,
    committees: labels.committees,
    byDateDesc,
    byUrl,
  };
  for (const delta of await readIndexDeltas(dir, manifest, manifest.deltas)) applyIndexDelta(index, delta);
  // Made now, while the server loads the version beside the one serving, not by its first search.
  facetRows(index);
  return index;
}

/** The build time part of a version or its directory name ("[v-]20240319T101500123Z-3f9a1c"). */
function buildStamp(version: string): string {
  const name = version.startsWith(VERSION_PREFIX) ? version.slice(VERSION_PREFIX.length) : version;
  return name.split("-")[0] ?? name;
}

/**
 * Removes version directories older than `current` (names sort by build time, so a concurrent
 * export's newer version survives until it replaces the manifest) and stale staging directories.
 */
async function removeOldVersions(dir: string, current: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const entryPath = path.join(dir, entry.name);
    const isOldVersion = entry.name.startsWith(VERSION_PREFIX) && buildStamp(entry.name) < buildStamp(current);
    // A concurrent export may rename its staging directory away meanwhile.
    const stagedAtMs = entry.name.startsWith(STAGING_PREFIX) ? ((await stat(entryPath).catch(() => null))?.mtimeMs ?? Date.now()) : Date.now();
    const isStaleStaging = Date.now() - stagedAtMs > STALE_STAGING_MS;
    if (isOldVersion || isStaleStaging) await rm(entryPath, { recursive: true, force: true });
  }
}
