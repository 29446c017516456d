import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { sortByDateDesc } from "./build-index";
import { createFlexDocument, INDEX_FORMAT_VERSION } from "./index-config";
import type { CommitteeLabel, FacetColumns, FacetLabel, SearchIndex, StoredItems } from "./search-index";
import type { TermDictionary } from "./term-dictionary";

/**
 * On disk an index directory holds one sub-directory per exported version and a small manifest,
 * `current.json`, naming the live one. Export writes a complete new version directory and only
 * then replaces the manifest (write + rename, atomic on POSIX), so a reader sees either the old or
 * the new index, never a half-written one.
 */

/** The manifest file name inside an index directory. */
export const MANIFEST_FILE = "current.json";

/** Contents of `current.json`. */
export interface SearchIndexManifest {
  formatVersion: number;
  version: string;
  /** Version directory, relative to the index directory. */
  path: string;
  size: number;
  /** ISO timestamp. */
  createdAt: string;
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
  size: number;
  /** FlexSearch export keys in export order; file `flex/<key>.json` holds each. */
  flexKeys: string[];
}

interface StoredLabels {
  municipalities: FacetLabel[];
  committees: CommitteeLabel[];
}

type FacetArrays = { [K in keyof FacetColumns]: number[] };

const VERSION_PREFIX = "v-";

/**
 * Exports the index into a new version directory under `dir` and makes it current. Older version
 * directories are removed, except the one just replaced (a process may still be reading it).
 */
export async function exportSearchIndex(index: SearchIndex, dir: string): Promise<SearchIndexManifest> {
  await mkdir(dir, { recursive: true });
  const versionPath = `${VERSION_PREFIX}${index.version}`;
  const staging = path.join(dir, `.staging-${index.version}-${randomBytes(3).toString("hex")}`);
  await mkdir(path.join(staging, "flex"), { recursive: true });

  const flexChunks: Array<[string, string]> = [];
  index.flex.export((key, data) => {
    flexChunks.push([key, data]);
  });
  for (const [key, data] of flexChunks) await writeFile(path.join(staging, "flex", `${safeKey(key)}.json`), data);

  const meta: VersionMeta = {
    formatVersion: INDEX_FORMAT_VERSION,
    version: index.version,
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
    day: Array.from(index.facets.day),
  };
  await writeDictionary(staging, "terms", index.dictionary);
  await writeDictionary(staging, "pairs", index.pairDictionary);
  await writeFile(path.join(staging, "items.json"), JSON.stringify(index.items));
  await writeFile(path.join(staging, "labels.json"), JSON.stringify(labels));
  await writeFile(path.join(staging, "facets.json"), JSON.stringify(facets));
  await writeFile(path.join(staging, "meta.json"), JSON.stringify(meta));
  await rm(path.join(dir, versionPath), { recursive: true, force: true });
  await rename(staging, path.join(dir, versionPath));

  const previous = await readSearchIndexManifest(dir).catch(() => null);
  const manifest: SearchIndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    version: index.version,
    path: versionPath,
    size: index.size,
    createdAt: new Date().toISOString(),
  };
  const manifestTmp = path.join(dir, `.${MANIFEST_FILE}.${randomBytes(3).toString("hex")}`);
  await writeFile(manifestTmp, JSON.stringify(manifest, null, 2));
  await rename(manifestTmp, path.join(dir, MANIFEST_FILE));

  await removeOldVersions(dir, new Set([versionPath, previous?.path ?? ""]));
  return manifest;
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

/** Imports the current exported index of `dir` into memory. */
export async function importSearchIndex(dir: string): Promise<SearchIndex> {
  const manifest = await readSearchIndexManifest(dir);
  const versionDir = path.join(dir, manifest.path);
  const meta = JSON.parse(await readFile(path.join(versionDir, "meta.json"), "utf8")) as VersionMeta;
  if (meta.formatVersion !== INDEX_FORMAT_VERSION || meta.version !== manifest.version) {
    throw new SearchIndexNotFoundError(dir, `version directory ${manifest.path} does not match the manifest`);
  }
  const flex = createFlexDocument();
  for (const key of meta.flexKeys) {
    flex.import(key, await readFile(path.join(versionDir, "flex", `${safeKey(key)}.json`), "utf8"));
  }
  const dictionary = await readDictionary(versionDir, "terms");
  const pairDictionary = await readDictionary(versionDir, "pairs");
  const items = JSON.parse(await readFile(path.join(versionDir, "items.json"), "utf8")) as StoredItems;
  const labels = JSON.parse(await readFile(path.join(versionDir, "labels.json"), "utf8")) as StoredLabels;
  const arrays = JSON.parse(await readFile(path.join(versionDir, "facets.json"), "utf8")) as FacetArrays;
  const facets: FacetColumns = {
    municipality: Uint16Array.from(arrays.municipality),
    committee: Uint16Array.from(arrays.committee),
    year: Uint16Array.from(arrays.year),
    outcome: Uint8Array.from(arrays.outcome),
    kle: Uint8Array.from(arrays.kle),
    day: Int32Array.from(arrays.day),
  };
  return {
    version: meta.version,
    size: meta.size,
    flex,
    dictionary,
    pairDictionary,
    items,
    facets,
    municipalities: labels.municipalities,
    committees: labels.committees,
    byDateDesc: sortByDateDesc(facets.day),
  };
}

// Index terms never contain whitespace (they are scanned words), so one term per line is safe.
async function writeDictionary(dir: string, name: string, dictionary: TermDictionary): Promise<void> {
  await writeFile(path.join(dir, `${name}.txt`), dictionary.terms.join("\n"));
  await writeFile(path.join(dir, `${name}-frequency.bin`), new Uint8Array(dictionary.documentFrequency.buffer));
  await writeFile(path.join(dir, `${name}-fields.bin`), dictionary.fieldMask);
}

async function readDictionary(dir: string, name: string): Promise<TermDictionary> {
  const text = await readFile(path.join(dir, `${name}.txt`), "utf8");
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

// FlexSearch keys look like "title.1.map"; keep file names to that alphabet regardless.
function safeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]/g, "_");
}

async function removeOldVersions(dir: string, keep: ReadonlySet<string>): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name.startsWith(VERSION_PREFIX) && !keep.has(entry.name)) {
      await rm(path.join(dir, entry.name), { recursive: true, force: true });
    }
  }
}
