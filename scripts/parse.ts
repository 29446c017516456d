/**
 * Parse one minutes file and print the meeting as JSON.
 *   npm run parse -- <file> [--municipality "Vejen"]
 * Reads .txt, .md and .pdf files as the ingest does (lib/ingest/read-document.ts).
 * Exit 0 with JSON on stdout; on a ParseError (or unreadable file) a message on stderr and exit 1.
 * CPR numbers are removed from the text before it is parsed, as the ingest does, and from every
 * message: nothing this prints holds one.
 */
import { parseArgs } from "node:util";
import { readSourceFile, type SourceFile } from "../lib/ingest/read-document";
import { parseMinutes, toIssueJson } from "../lib/minutes";
import { redactCpr, withoutCpr } from "../lib/privacy/redact-cpr";

async function main(): Promise<number> {
  let file: string | undefined;
  let municipality: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      options: { municipality: { type: "string", short: "m" } },
      allowPositionals: true,
    });
    file = positionals[0];
    municipality = values.municipality;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (file === undefined) {
    process.stderr.write('Brug: npm run parse -- <fil> [--municipality "Vejen"]\n');
    return 1;
  }

  // Read like the ingest reads: PDFs through pdf.js, UTF-16/UTF-8/Windows-1252 text, the same size limit.
  let source: SourceFile;
  try {
    source = await readSourceFile(file);
  } catch (error) {
    process.stderr.write(withoutCpr(`Kan ikke læse ${file}: ${error instanceof Error ? error.message : String(error)}\n`));
    return 1;
  }
  const { text, count } = redactCpr(source.text);
  const { encoding } = source;
  if (count > 0) process.stderr.write(`${count} CPR-numre fjernet før læsningen.\n`);
  const result = parseMinutes(text, municipality === undefined ? undefined : { municipality });
  if (!result.ok) {
    const where = result.error.line === null ? "" : ` (linje ${result.error.line})`;
    process.stderr.write(withoutCpr(`${file}${where}: ${result.error.reason}\n`));
    return 1;
  }
  const output = toIssueJson(result.meeting);
  if (encoding === "windows-1252") {
    const notice = "Filen er ikke gyldig UTF-8 og er læst som Windows-1252.";
    process.stderr.write(`${notice}\n`);
    output.warnings.unshift({ line: 1, message: notice, text: "" });
  }
  // Once more over everything printed: the --municipality hint comes from the command line.
  process.stdout.write(withoutCpr(`${JSON.stringify(output, null, 2)}\n`));
  return 0;
}

process.exitCode = await main();
