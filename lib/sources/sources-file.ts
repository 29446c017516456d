import { readFile } from "node:fs/promises";
import { isObject, readString } from "./json-fields";

/** One site to import from, as listed in the sources file. */
export interface SourceEntry {
  kind: "firstagenda";
  url: string;
  /** Municipality name or short name; taken from the host name when absent. */
  municipality: string | null;
  committees: string[];
}

/**
 * Reads a sources file: `{ "sources": [ { "kind": "firstagenda", "url": "https://…",
 * "municipality": "Vejen", "committees": ["Byrådet"] } ] }`. Throws a message naming the file
 * and the entry that is wrong.
 */
export async function readSourcesFile(path: string): Promise<SourceEntry[]> {
  let body: unknown;
  try {
    body = JSON.parse(await readFile(path, "utf8")) as unknown;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "filen findes ikke" : "ikke gyldig JSON";
    throw new Error(`${path}: ${reason}`);
  }
  const list = isObject(body) ? body.sources : undefined;
  if (!Array.isArray(list)) throw new Error(`${path}: mangler en "sources"-liste`);
  return list.map((entry, index) => {
    const where = `${path}: sources[${index}]`;
    if (!isObject(entry)) throw new Error(`${where} er ikke et objekt`);
    const kind = readString(entry, "kind") ?? "firstagenda";
    if (kind !== "firstagenda") throw new Error(`${where}: ukendt kind "${kind}" (kun "firstagenda")`);
    const url = readString(entry, "url");
    if (url === null) throw new Error(`${where}: mangler "url"`);
    const committees = Array.isArray(entry.committees) ? entry.committees.filter((name): name is string => typeof name === "string") : [];
    return { kind, url, municipality: readString(entry, "municipality"), committees };
  });
}
