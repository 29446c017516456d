import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The sample minutes folder and its files. */
export const SAMPLES_DIR = path.resolve("data/samples");
export const sampleFiles = (): string[] => readdirSync(SAMPLES_DIR).sort().map((f) => path.join(SAMPLES_DIR, f));
export const VEJEN_SAMPLE = path.join(SAMPLES_DIR, "vejen-2024-03-19-arbejdsmarked-og-integration.txt");

/** A fresh temporary folder for one test. */
export function makeTempDir(prefix = "referat-ingest-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `content` to `dir/name` and returns the path. */
export function writeFixture(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/**
 * The Vejen sample with `marker` written into the body of its closed item
 * ("Punkt 11: Lukket: Eventuelt (B)") and, optionally, extra text into an open item.
 */
export function vejenWithClosedBody(marker: string, openItemExtra = ""): string {
  const text = readFileSync(VEJEN_SAMPLE, "utf8");
  const withClosed = text.replace(
    "Punkt 11: Lukket: Eventuelt (B)\n\nIntet.",
    `Punkt 11: Lukket: Eventuelt (B)\n\nSagsfremstilling\n\nFortroligt: ${marker} drøftede en personsag.\n\nBeslutning\n\nGodkendt ${marker}.`,
  );
  if (withClosed === text) throw new Error("the Vejen sample no longer has the closed item this fixture edits");
  return openItemExtra ? withClosed.replace("Sagsfremstilling\n\nBaggrund\n", `Sagsfremstilling\n\nBaggrund\n\n${openItemExtra}\n`) : withClosed;
}

const ITEM_6_OPEN = "Punkt 6: Orientering om erfaringer fra projekt Fritidspas (B)";
const ITEM_6_CLOSED = "Punkt 6: Lukket: Orientering om erfaringer fra projekt Fritidspas (B)";

/**
 * Meeting `meeting` of the Vejen sample (held at another hour, so a meeting of its own) with
 * `marker` in item 6's case description, the item open or closed (a correction that closes it).
 */
export function vejenMeetingWithMarker(meeting: number, marker: string, isItem6Closed = false): string {
  const sample = readFileSync(VEJEN_SAMPLE, "utf8").replace("2024 kl. 14:00", `2024 kl. ${10 + meeting}:00`);
  const [before, rest] = sample.split(ITEM_6_OPEN);
  if (before === undefined || rest === undefined) throw new Error(`${VEJEN_SAMPLE} no longer has "${ITEM_6_OPEN}"`);
  const body = rest.replace("Sagsfremstilling\n\n", `Sagsfremstilling\n\nBorgeren i ${marker} har klaget over sagsbehandlingen.\n\n`);
  if (body === rest) throw new Error(`${VEJEN_SAMPLE}: item 6 has no Sagsfremstilling`);
  return `${before}${isItem6Closed ? ITEM_6_CLOSED : ITEM_6_OPEN}${body}`;
}
