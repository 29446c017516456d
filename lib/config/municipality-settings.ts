import { existsSync, readFileSync } from "node:fs";
import { getEnv } from "./env";

/** What the portal knows of a municipality beyond its minutes; see municipalities.json. */
export interface MunicipalitySettings {
  /** URL key, e.g. "vejen". */
  slug: string;
  /** Where requests for access to documents (aktindsigt) go, e.g. the municipality's main address. */
  accessRequestEmail: string | null;
}

const EMAIL = /^[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i;

/**
 * Reads a municipalities file: `{ "municipalities": [{ "slug": "vejen", "accessRequestEmail":
 * "…" }] }`. A missing file means no settings; a malformed one throws an error naming the file
 * and, for a JSON syntax error, the line.
 */
export function readMunicipalitySettings(file: string): Map<string, MunicipalitySettings> {
  if (!existsSync(file)) return new Map();
  const text = readFileSync(file, "utf8");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
    const line = position === undefined ? null : text.slice(0, Number(position)).split("\n").length;
    throw new Error(`${file}${line === null ? "" : `:${line}`}: ugyldig JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const list = typeof data === "object" && data !== null && "municipalities" in data ? data.municipalities : undefined;
  if (!Array.isArray(list)) throw new Error(`${file}: skal være { "municipalities": [ … ] }`);
  const settings = new Map<string, MunicipalitySettings>();
  list.forEach((entry: unknown, index) => {
    const where = `${file}: municipalities[${index}]`;
    if (typeof entry !== "object" || entry === null) throw new Error(`${where} skal være et objekt`);
    const { slug, accessRequestEmail } = entry as Record<string, unknown>;
    if (typeof slug !== "string" || !/^[a-z0-9-]+$/.test(slug)) throw new Error(`${where}.slug skal være kommunens URL-navn, fx "vejen"`);
    if (accessRequestEmail !== undefined && accessRequestEmail !== null && (typeof accessRequestEmail !== "string" || !EMAIL.test(accessRequestEmail))) {
      throw new Error(`${where}.accessRequestEmail skal være en mailadresse`);
    }
    settings.set(slug, { slug, accessRequestEmail: typeof accessRequestEmail === "string" ? accessRequestEmail : null });
  });
  return settings;
}

let cached: Map<string, MunicipalitySettings> | null = null;

/** The settings of a municipality from the configured file (read once per process), or null. */
export function getMunicipalitySettings(slug: string): MunicipalitySettings | null {
  cached ??= readMunicipalitySettings(getEnv().municipalitiesFile);
  return cached.get(slug) ?? null;
}
