import type { Random } from "./random";

/** The five template families of the sample minutes, named after the municipality of each sample. */
export type FamilyName = "vejen" | "varde" | "faxe" | "vejle" | "lemvig";

export const FAMILY_NAMES: readonly FamilyName[] = ["vejen", "varde", "faxe", "vejle", "lemvig"];

// KLE handlingsfacetter as the samples print them: A00 (generelt), G01 (generelle sager), P22 (plan) …
const FACETS: readonly string[] = ["A00", "G01", "P22", "K00", "P35", "A50", "P05", "G00", "P20", "K07", "A26", "P21"];

function kleCode(random: Random, group: string): string {
  const pair = () => String(random.zipf([0, 1, 2, 3, 4, 5, 10, 12, 17, 25, 40], 0.9)).padStart(2, "0");
  return `${group}.${pair()}.${pair()}`;
}

/**
 * A case number in the family's own format: Vejen "24/3579", Varde "EMN-2022-81268",
 * Faxe and Vejle "15.00.00-A00-28-23", Lemvig "85.02.02P35-55-21" (no dash before the facet).
 * `kleGroup` is the KLE main group ("00"–"85") used by the KLE formats.
 */
export function drawCaseNumber(random: Random, family: FamilyName, year: number, kleGroup: string): string {
  const yy = String(year % 100).padStart(2, "0");
  const caseYear = random.chance(0.8) ? year : year - random.int(1, 5);
  const caseYy = String(caseYear % 100).padStart(2, "0");
  switch (family) {
    case "vejen":
      return `${caseYy}/${random.int(100, 29999)}`;
    case "varde":
      return `EMN-${caseYear}-${random.int(1000, 99999)}`;
    case "faxe":
    case "vejle":
      return `${kleCode(random, kleGroup)}-${random.zipf(FACETS)}-${random.int(1, 999)}-${random.chance(0.9) ? caseYy : yy}`;
    case "lemvig":
      return `${kleCode(random, kleGroup)}${random.zipf(FACETS)}-${random.int(1, 99)}-${caseYy}`;
  }
}
