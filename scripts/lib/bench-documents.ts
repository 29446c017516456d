import { createReadStream, createWriteStream } from "node:fs";
import { rename } from "node:fs/promises";
import readline from "node:readline";
import { generateCorpus } from "@/lib/corpus/generate-corpus";
import { parseMinutes } from "@/lib/minutes";
import { meetingSearchDocuments } from "@/lib/search/meeting-search-documents";
import type { SearchDocument } from "@/lib/search/search-document";

/** Measured: the corpus generator yields about 9.2 open and closed items per meeting. */
export const ITEMS_PER_MEETING = 9.2;

/** Search documents of `meetings` generated meetings, parsed by the real parser, ids from 1,000,000. */
export function* generatedSearchDocuments(meetings: number, seed: number): Generator<SearchDocument> {
  let id = 1_000_000;
  for (const generated of generateCorpus({ meetings, seed })) {
    const parsed = parseMinutes(generated.text);
    if (!parsed.ok) continue;
    const docs = meetingSearchDocuments(parsed.meeting, id);
    id += docs.length;
    yield* docs;
  }
}

/** Writes `docs` to `file` (through a temporary file), one JSON object a line. */
export async function writeDocumentCache(file: string, docs: Iterable<SearchDocument>, log: (message: string) => void): Promise<void> {
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  let count = 0;
  for (const doc of docs) {
    if (!out.write(`${JSON.stringify(doc)}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    if (++count % 50_000 === 0) log(`  ${count} punkter genereret og parset`);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await rename(tmp, file);
}

/** The documents of a cache {@link writeDocumentCache} wrote, streamed: none held once handed over. */
export async function* readDocumentCache(file: string): AsyncGenerator<SearchDocument> {
  for await (const line of readline.createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
    if (line !== "") yield JSON.parse(line) as SearchDocument;
  }
}
