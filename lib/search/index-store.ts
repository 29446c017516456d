import { randomBytes } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { sortByDateDesc } from "./build-index";
import { createFlexDocument, INDEX_FORMAT_VERSION } from "./index-config";
import { applyIndexDelta, type IndexDelta } from "./index-delta";
import { CorruptIndexFileError, FileSectionStore, writeSectionStore } from "./section-store";
import type { CommitteeLabel, FacetColumns, FacetLabel, IndexBasis, SearchIndex, StoredItems } from "./search-index";
import type { TermDictionary } from "./term-dictionary";
import { deserializeTermFrequencies, serializeTermFrequencies } from "./term-frequencies";

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
 * A version's text files (FlexSearch's maps, the item columns and facets, the dictionaries'
 * terms) are gzipped and its section texts compressed item by item (section-store.ts), about a
 * third of their size each (npm run bench:index-size). The typed-array files stay raw (a few MB
 * per 100,000 items), as do the deltas (written on every ingest, kept quick) and `urls.txt`
 * (searched as text on every write, urlsEverIndexed).
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
  /** FlexSearch export keys in export order; file `flex/<key>.json.gz` holds each. */
  flexKeys: string[];
}

interface StoredLabels {
  municipalities: FacetLabel[];
  committees: CommitteeLabel[];
}

type FacetArrays = { [K in keyof FacetColumns]: number[] };

const VERSION_PREFIX = "v-";
const DELTA_DIR = "deltas";
const URLS_FILE = "urls.txt";
const ITEMS_FILE = "items.json.gz";
const FACETS_FILE = "facets.json.gz";

/**
 * gzip level of the exported text files. On 20,000 generated items' 35.5 MB of them: level 1
 * 3.4× smaller, level 4 3.8×, level 6 4.0× at several times level 1's time; a fast level keeps
 * the export quick, and gunzip costs about the same at any level.
 */
const GZIP_LEVEL = 1;
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
  await mkdir(path.join(staging, "flex"), { recursive: true });

  const flexChunks: Array<[string, string]> = [];
  index.flex.export((key, data) => {
    flexChunks.push([key, data]);
  });
  // Compressed in parallel on libuv's threads (the files are independent).
  await Promise.all(flexChunks.map(([key, data]) => writeCompressed(path.join(staging, "flex", flexFileName(key)), data)));

  const meta: VersionMeta = {
    formatVersion: INDEX_FORMAT_VERSION,
    version: index.version,
    basis: index.basis,
    size: index.size,
    flexKeys: flexChunks.map(([key]) => key),
  };
  const labels: StoredLabels = { municipalities: index.municipalities, committees: index.committees };
  const facets: FacetArrays = {
    municipality: Array.from(index.facets.municipality),
    committee: Array.from(index.facets.committee),
    year: Array.from(index.facets.year),
    outcome: Array.from(index.facets.outcome),
    kle: Array.from(index.facets.kle),
    deviation: Array.from(index.facets.deviation),
    dissent: Array.from(index.facets.dissent),
    day: Array.from(index.facets.day),
  };
  await writeDictionary(staging, "terms", index.dictionary);
  await writeDictionary(staging, "pairs", index.pairDictionary);
  await writeTermFrequencies(staging, index);
  const { sections, ...columns } = index.items;
  await writeCompressed(path.join(staging, ITEMS_FILE), JSON.stringify(columns));
  await writeSectionStore(staging, sections, index.size);
  // One URL a line (URLs hold no line breaks), so a writer can ask what the index holds without loading it.
  await writeFile(path.join(staging, URLS_FILE), `\n${index.items.url.join("\n")}\n`);
  await writeFile(path.join(staging, "labels.json"), JSON.stringify(labels));
  await writeCompressed(path.join(staging, FACETS_FILE), JSON.stringify(facets));
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
  const texts = [await readFile(path.join(versionDir, URLS_FILE), "utf8")];
  for (const delta of await readIndexDeltas(dir, manifest, manifest.deltas)) texts.push(`\n${delta.docs.map((doc) => doc.url).join("\n")}\n`);
  return urls.filter((url) => texts.some((text) => text.includes(`\n${url}\n`)));
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
  const flex = createFlexDocument();
  // One file read and decompressed ahead (on libuv's threads) while FlexSearch imports the last.
  const readFlex = (key: string | undefined) => {
    if (key === undefined) return null;
    const text = readCompressed(path.join(versionDir, "flex", flexFileName(key)));
    text.catch(() => {}); // Awaited below; not unhandled should the import throw first.
    return text;
  };
  let next = readFlex(meta.flexKeys[0]);
  for (const [i, key] of meta.flexKeys.entries()) {
    const text = await next;
    next = readFlex(meta.flexKeys[i + 1]);
    flex.import(key, text ?? "");
  }
  const dictionary = await readDictionary(versionDir, "terms");
  const pairDictionary = await readDictionary(versionDir, "pairs");
  const frequencies = await readTermFrequencies(versionDir);
  const columns = parseJson<Omit<StoredItems, "sections">>(await readCompressed(path.join(versionDir, ITEMS_FILE)), path.join(versionDir, ITEMS_FILE));
  const items: StoredItems = { ...columns, sections: await FileSectionStore.open(versionDir, meta.size) };
  const labels = JSON.parse(await readFile(path.join(versionDir, "labels.json"), "utf8")) as StoredLabels;
  const arrays = parseJson<FacetArrays>(await readCompressed(path.join(versionDir, FACETS_FILE)), path.join(versionDir, FACETS_FILE));
  const facets: FacetColumns = {
    municipality: Uint16Array.from(arrays.municipality),
    committee: Uint16Array.from(arrays.committee),
    year: Uint16Array.from(arrays.year),
    outcome: Uint8Array.from(arrays.outcome),
    kle: Uint8Array.from(arrays.kle),
    deviation: Uint8Array.from(arrays.deviation),
    dissent: Uint8Array.from(arrays.dissent),
    day: Int32Array.from(arrays.day),
  };
  const index: SearchIndex = {
    version: meta.version,
    basis: meta.basis,
    size: meta.size,
    liveSize: meta.size,
    removed: null,
    appliedDeltas: 0,
    flex,
    dictionary,
    pairDictionary,
    frequencies,
    items,
    facets,
    municipalities: labels.municipalities,
    committees: labels.committees,
    byDateDesc: sortByDateDesc(facets.day),
    byUrl: null,
  };
  for (const delta of await readIndexDeltas(dir, manifest, manifest.deltas)) applyIndexDelta(index, delta);
  return index;
}

// Index terms never contain whitespace (they are scanned words), so one term per line is safe.
async function writeDictionary(dir: string, name: string, dictionary: TermDictionary): Promise<void> {
  await writeCompressed(path.join(dir, `${name}.txt.gz`), dictionary.terms.join("\n"));
  await writeFile(path.join(dir, `${name}-frequency.bin`), new Uint8Array(dictionary.documentFrequency.buffer));
  await writeFile(path.join(dir, `${name}-fields.bin`), dictionary.fieldMask);
}

async function readDictionary(dir: string, name: string): Promise<TermDictionary> {
  const text = await readCompressed(path.join(dir, `${name}.txt.gz`));
  const terms = text === "" ? [] : text.split("\n");
  const frequency = await readFile(path.join(dir, `${name}-frequency.bin`));
  const fields = await readFile(path.join(dir, `${name}-fields.bin`));
  // Copies: a Buffer may sit at an unaligned offset of Node's shared pool.
  const documentFrequency = new Uint32Array(frequency.buffer.slice(frequency.byteOffset, frequency.byteOffset + frequency.byteLength));
  if (documentFrequency.length !== terms.length || fields.length !== terms.length) {
    throw new Error(`Corrupt term dictionary in ${dir}`);
  }
  return { terms, documentFrequency, fieldMask: new Uint8Array(fields) };
}

async function writeTermFrequencies(dir: string, index: SearchIndex): Promise<void> {
  const stored = serializeTermFrequencies(index.frequencies);
  await writeCompressed(path.join(dir, "repeats.txt.gz"), stored.terms);
  await writeFile(path.join(dir, "repeats-counts.bin"), new Uint8Array(stored.counts.buffer));
  await writeFile(path.join(dir, "repeats-ordinals.bin"), new Uint8Array(stored.ordinals.buffer));
  await writeFile(path.join(dir, "repeats-codes.bin"), stored.codes);
}

async function readTermFrequencies(dir: string): Promise<SearchIndex["frequencies"]> {
  const words = async (name: string) => {
    const bytes = await readFile(path.join(dir, name));
    // A copy: a Buffer may sit at an unaligned offset of Node's shared pool.
    return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  const stored = {
    terms: await readCompressed(path.join(dir, "repeats.txt.gz")),
    counts: await words("repeats-counts.bin"),
    ordinals: await words("repeats-ordinals.bin"),
    codes: new Uint8Array(await readFile(path.join(dir, "repeats-codes.bin"))),
  };
  return deserializeTermFrequencies(stored, path.join(dir, "repeats.txt.gz"));
}

// FlexSearch keys look like "title.1.map"; keep file names to that alphabet regardless.
function flexFileName(key: string): string {
  return `${key.replace(/[^A-Za-z0-9._-]/g, "_")}.json.gz`;
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Writes `data` gzipped to `file` (compressed on a libuv thread, not the event loop). */
async function writeCompressed(file: string, data: string): Promise<void> {
  await writeFile(file, await gzipAsync(data, { level: GZIP_LEVEL }));
}

/**
 * The text of a file {@link writeCompressed} wrote; {@link CorruptIndexFileError} naming it when it
 * does not decompress (truncated, damaged). A missing file keeps its ENOENT: importSearchIndex
 * starts over when a newer export deleted the version meanwhile.
 */
export async function readCompressed(file: string): Promise<string> {
  const bytes = await readFile(file);
  try {
    return (await gunzipAsync(bytes)).toString("utf8");
  } catch (error) {
    throw new CorruptIndexFileError(file, `does not decompress (${(error as Error).message})`);
  }
}

function parseJson<T>(text: string, file: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new CorruptIndexFileError(file, `is not JSON (${(error as Error).message})`);
  }
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
