import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { gunzipSync, inflateRawSync } from "node:zlib";
import { itemColumnName, PAIRS_SEGMENT, STRING_COLUMNS, TERMS_SEGMENT, type StringColumnName } from "@/lib/search/index-store";
import { isSectionKindTerm, wordOfSectionKindTerm } from "@/lib/search/index-config";
import { readSectionDictionary } from "@/lib/search/section-store";
import { Segment } from "@/lib/search/segment/segment";
import { columnFiles, StringColumn } from "@/lib/search/string-column";
import { checkCpr, checkOpenText, count, createReport, jsonStrings, type AuditReport } from "./audit-report";

async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files.sort();
}

/** What the audit calls each item string column in a finding; title and decision are checked for closed markers too. */
const COLUMN_LABELS: Record<StringColumnName, string> = { url: "url", title: "titel", number: "nummer", caseNumber: "sagsnummer", decision: "beslutning" };

/**
 * The item columns of a version directory (lib/search/string-column.ts, `items-id.bin`): every
 * string checked for CPR-shaped numbers, titles and decisions for closed markers, and the ids
 * for closed items. A column that does not read is a finding, its bytes then checked as text.
 * Returns the items' AgendaItem ids (empty when unreadable) for the section store's check.
 */
async function checkItemColumns(report: AuditReport, versionDir: string, closedItemIds: ReadonlySet<number>): Promise<number[]> {
  const idsFile = path.join(versionDir, "items-id.bin");
  count(report, "indeksfiler");
  const idBytes = await readFile(idsFile).catch(() => null);
  const ids = idBytes === null || idBytes.length % 4 !== 0 ? null : Array.from(new Int32Array(idBytes.buffer.slice(idBytes.byteOffset, idBytes.byteOffset + idBytes.length)));
  if (ids === null) {
    report.findings.push({ location: idsFile, problem: "punkternes id-kolonne kan ikke læses" });
  } else {
    ids.forEach((id, i) => {
      count(report, "punkter i indekset");
      if (closedItemIds.has(id)) report.findings.push({ location: `${idsFile} punkt #${i} (AgendaItem id=${id})`, problem: "et lukket punkt er i søgeindekset" });
    });
  }
  for (const name of STRING_COLUMNS) {
    const { dataFile } = columnFiles(versionDir, itemColumnName(name));
    count(report, "indeksfiler");
    let column: StringColumn<string | null>;
    try {
      // Without ids the count is unknown: every column is then checked as text.
      column = await StringColumn.read<string | null>(versionDir, itemColumnName(name), ids?.length ?? -1);
    } catch (error) {
      report.findings.push({ location: dataFile, problem: `kolonnen kan ikke læses (${(error as Error).message}); kontrolleres som tekst` });
      checkCpr(report, dataFile, (await readFile(dataFile).catch(() => Buffer.alloc(0))).toString("utf8"));
      continue;
    }
    for (let i = 0; i < column.length; i++) {
      const text = column.get(i) ?? "";
      const at = `${dataFile} punkt #${i} (AgendaItem id=${ids?.[i] ?? "?"}) ${COLUMN_LABELS[name]}`;
      count(report, "indekstekster");
      checkCpr(report, at, text);
      if (name === "title" || name === "decision") checkOpenText(report, at, text);
    }
  }
  return ids ?? [];
}

/** One stored item's section texts: CPR-shaped numbers and closed markers. */
function checkSections(report: AuditReport, at: string, sections: ReadonlyArray<{ heading?: string; text?: string }>): void {
  for (const section of sections) {
    count(report, "indekstekster");
    checkCpr(report, `${at} overskrift`, section.heading ?? "");
    checkCpr(report, `${at} afsnit`, section.text ?? "");
    checkOpenText(report, `${at} overskrift`, section.heading ?? "");
    checkOpenText(report, `${at} afsnit`, section.text ?? "");
  }
}

/**
 * `sections.bin` (lib/search/section-store.ts): each item's sections as one JSON array, raw
 * deflate with the preset dictionary `sections-dictionary.bin` holds after its header (no bytes
 * for an item without sections), at the byte offsets `sections-offsets.bin` lists (float64,
 * items + 1). Read through the offsets; a file that does not fit them, a dictionary that does not
 * match its header, or an item that does not decompress, is a finding of its own (its bytes are
 * then checked as text, which finds little in compressed data).
 */
async function checkSectionStore(report: AuditReport, file: string, ids: readonly number[], closedItemIds: ReadonlySet<number>): Promise<void> {
  count(report, "indeksfiler");
  const data = await readFile(file);
  const offsetBytes = await readFile(path.join(path.dirname(file), "sections-offsets.bin")).catch(() => null);
  const dictionary = await readSectionDictionary(path.join(path.dirname(file), "sections-dictionary.bin")).catch(() => null);
  const offsets = offsetBytes === null ? null : new Float64Array(offsetBytes.buffer.slice(offsetBytes.byteOffset, offsetBytes.byteOffset + offsetBytes.byteLength));
  const fits = offsets !== null && offsets.length >= 1 && offsets[offsets.length - 1] === data.length;
  if (!fits || dictionary === null) {
    report.findings.push({ location: file, problem: "afsnitsfilen passer ikke til sine forskydninger eller mangler sin ordbog; hele filen kontrolleres som tekst" });
    checkCpr(report, file, data.toString("utf8"));
    return;
  }
  for (let i = 0; i + 1 < offsets.length; i++) {
    const id = ids[i];
    const at = `${file} punkt #${i} (AgendaItem id=${id ?? "?"})`;
    const stored = data.subarray(offsets[i]!, offsets[i + 1]!);
    if (id !== undefined && closedItemIds.has(id) && stored.length > 0) {
      report.findings.push({ location: at, problem: "et lukket punkts afsnit er i søgeindekset" });
    }
    if (stored.length === 0) continue;
    let text: string;
    try {
      text = inflateRawSync(stored, { dictionary }).toString("utf8");
    } catch {
      report.findings.push({ location: at, problem: "afsnit kan ikke dekomprimeres; kontrolleres som tekst" });
      checkCpr(report, at, stored.toString("utf8"));
      continue;
    }
    let sections: unknown;
    try {
      sections = JSON.parse(text);
    } catch {
      report.findings.push({ location: at, problem: "afsnit kan ikke læses som JSON; kontrolleres som tekst" });
      checkCpr(report, at, text);
      continue;
    }
    checkSections(report, at, Array.isArray(sections) ? (sections as Array<{ heading?: string; text?: string }>) : []);
  }
}

/** The documents of a delta file (lib/search/index-delta.ts): the same checks as the item columns. */
function checkDeltaDocs(report: AuditReport, file: string, value: unknown, closedItemIds: ReadonlySet<number>): void {
  const docs = (value as { docs?: unknown }).docs;
  if (!Array.isArray(docs)) return;
  docs.forEach((doc: { id?: number; title?: string; decision?: string | null; sections?: Array<{ heading?: string; text?: string }> }, i) => {
    count(report, "punkter i indekset");
    const at = `${file} dokument #${i} (AgendaItem id=${doc.id ?? "?"})`;
    if (doc.id !== undefined && closedItemIds.has(doc.id)) report.findings.push({ location: at, problem: "et lukket punkt er i søgeindekset" });
    checkOpenText(report, `${at} titel`, doc.title ?? "");
    checkOpenText(report, `${at} beslutning`, doc.decision ?? "");
    checkSections(report, at, doc.sections ?? []);
  });
}

/**
 * Every file of the exported search index in `dir`, every version directory included (the
 * previous version stays on disk while a server may still read it): CPR-shaped numbers in every
 * JSON string and every dictionary term, word pairs read as "first second", and closed markers
 * or closed items among the stored items (the item columns, read through their reader).
 * Gzipped files (`.gz`) are read decompressed, as the file without the suffix; one that does not
 * decompress is a finding. Other binary files (facet columns, orders) hold no text; the section
 * store's dictionary is text and checked as such.
 */
export async function scanSearchIndexExport(dir: string, closedItemIds: ReadonlySet<number> = new Set()): Promise<AuditReport> {
  const report = createReport("indeksfiler", "indekstekster", "punkter i indekset");
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    report.findings.push({ location: dir, problem: "ingen eksporteret søgeindeks-mappe at kontrollere" });
    return report;
  }
  const files = await listFiles(dir);
  for (const stored of files) {
    if (path.basename(stored) === "sections.bin") continue;
    if (stored.endsWith(".bin") && path.basename(stored) !== "sections-dictionary.bin") continue;
    count(report, "indeksfiler");
    const bytes = await readFile(stored);
    const isGzipped = stored.endsWith(".gz");
    // Checked, and findings named, as the file it holds: "labels.json" for "labels.json.gz".
    const file = isGzipped ? stored.slice(0, -".gz".length) : stored;
    let text: string;
    try {
      text = (isGzipped ? gunzipSync(bytes) : bytes).toString("utf8");
    } catch {
      report.findings.push({ location: stored, problem: "filen kan ikke dekomprimeres; kontrolleres som tekst" });
      checkCpr(report, stored, bytes.toString("utf8"));
      continue;
    }
    if (file.endsWith(".json")) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        checkCpr(report, file, text);
        continue;
      }
      for (const string of jsonStrings(value)) {
        count(report, "indekstekster");
        checkCpr(report, file, string);
      }
      if (path.basename(path.dirname(file)) === "deltas") checkDeltaDocs(report, file, value, closedItemIds);
    } else {
      // Text files (the section store's dictionary): one entry per line.
      text.split("\n").forEach((term, line) => {
        count(report, "indekstekster");
        checkCpr(report, `${file} linje ${line + 1}`, term.replaceAll("\u0001", " "));
      });
    }
  }
  for (const versionDir of files.filter((f) => path.basename(f) === "meta.json").map((f) => path.dirname(f))) {
    const ids = await checkItemColumns(report, versionDir, closedItemIds);
    const sections = path.join(versionDir, "sections.bin");
    if (files.includes(sections)) await checkSectionStore(report, sections, ids, closedItemIds);
    for (const name of [TERMS_SEGMENT, PAIRS_SEGMENT]) await checkSegmentTerms(report, versionDir, name);
  }
  return report;
}

/**
 * A version's postings segment (lib/search/segment): every term of its dictionary, read through
 * the segment's own reader, word pairs as "first second", section-kind terms as their words. A
 * segment that does not open is a finding.
 */
async function checkSegmentTerms(report: AuditReport, dir: string, name: string): Promise<void> {
  count(report, "indeksfiler");
  const file = path.join(dir, `${name}-*`);
  let segment: Segment;
  try {
    segment = await Segment.open(dir, name);
  } catch (error) {
    report.findings.push({ location: file, problem: `segmentet kan ikke læses (${(error as Error).message})` });
    return;
  }
  for (let position = 0; position < segment.termCount; position++) {
    count(report, "indekstekster");
    // A section-kind term is checked, and quoted, as the word it holds.
    const term = segment.term(position);
    checkCpr(report, `${file} term ${position + 1}`, (isSectionKindTerm(term) ? wordOfSectionKindTerm(term) : term).replaceAll("\u0001", " "));
  }
}
