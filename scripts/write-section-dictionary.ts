/**
 * npm run section-dictionary
 * Writes lib/search/section-dictionary.ts: the preset dictionary section-store.ts compresses each
 * item's sections with, made from the sections of data/samples (real minutes of five
 * municipalities) as the store serializes them, the last 32 KB (deflate's window). Measured on
 * the samples, each meeting compressed with a dictionary made from the four others: 3.4× smaller
 * than its JSON, against 2.5× without a dictionary. Every export carries its own copy
 * (sections-dictionary.bin), so a new dictionary applies to exports written after it only.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseMinutes } from "@/lib/minutes";
import { findCprNumbers } from "@/lib/privacy/redact-cpr";
import { meetingSearchDocuments } from "@/lib/search/meeting-search-documents";

const SAMPLES_DIR = path.join(process.cwd(), "data/samples");
const TARGET = path.join(process.cwd(), "lib/search/section-dictionary.ts");
/** Deflate reaches back at most 32 KB, so no more of a dictionary is ever used. */
const DICTIONARY_BYTES = 32 * 1024;

let text = "";
for (const file of (await readdir(SAMPLES_DIR)).sort()) {
  const parsed = parseMinutes(await readFile(path.join(SAMPLES_DIR, file), "utf8"));
  if (!parsed.ok) throw new Error(`${file}: the sample does not parse`);
  for (const doc of meetingSearchDocuments(parsed.meeting, 1)) {
    text += JSON.stringify(doc.sections.map((section) => ({ kind: section.kind, heading: section.heading.normalize("NFC"), text: section.text.normalize("NFC") })));
  }
}
// The end of the text (what lies nearest the data costs the shortest references), cut at a character.
let dictionary = text.slice(-DICTIONARY_BYTES);
while (Buffer.byteLength(dictionary, "utf8") > DICTIONARY_BYTES) dictionary = dictionary.slice(1);
// Every export carries the dictionary: it must hold nothing a page may not show.
if (findCprNumbers(dictionary).length > 0) throw new Error("The section dictionary would hold a CPR number; nothing written");
await writeFile(
  TARGET,
  [
    "// Written by scripts/write-section-dictionary.ts (npm run section-dictionary) from data/samples; do not edit.",
    "",
    "/** The preset dictionary of section-store.ts: the end of data/samples' stored sections, at most 32 KB of UTF-8. */",
    `export const SECTION_DICTIONARY = ${JSON.stringify(dictionary)};`,
    "",
  ].join("\n"),
);
console.log(`${TARGET}: ${Buffer.byteLength(dictionary, "utf8")} bytes`);
