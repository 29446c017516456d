/**
 * npm run corpus:generate -- --meetings N --seed S --out <dir>
 * Writes N synthetic minutes documents in the five sample template families to <dir> (created if
 * missing). Deterministic for a seed; never writes anywhere but --out.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { generateCorpus } from "@/lib/corpus/generate-corpus";

const USAGE = "Usage: npm run corpus:generate -- --meetings <N> --out <dir> [--seed <S>]";

const { values } = parseArgs({
  options: {
    meetings: { type: "string", short: "n" },
    seed: { type: "string", short: "s", default: "1" },
    out: { type: "string", short: "o" },
  },
});
const meetings = Number(values.meetings);
const seed = Number(values.seed);
if (!values.out || !Number.isInteger(meetings) || meetings < 1 || !Number.isInteger(seed)) {
  console.error(USAGE);
  process.exit(2);
}

const out = path.resolve(values.out);
await mkdir(out, { recursive: true });
const bar = new cliProgress.SingleBar(
  { format: "Genererer {bar} {value}/{total} referater", hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
  cliProgress.Presets.shades_classic,
);
const showProgress = meetings >= 200;
if (showProgress) bar.start(meetings, 0);
let bytes = 0;
for (const document of generateCorpus({ meetings, seed })) {
  await writeFile(path.join(out, document.fileName), document.text);
  bytes += Buffer.byteLength(document.text);
  if (showProgress) bar.increment();
}
if (showProgress) bar.stop();
console.log(`${meetings} referater (${(bytes / 1024 / 1024).toFixed(1)} MB, seed ${seed}) skrevet til ${out}`);
