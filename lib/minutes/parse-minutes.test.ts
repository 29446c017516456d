import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseMinutes } from "./index";
import { isUpdatingGoldens, readGolden } from "./test-golden";

const here = dirname(fileURLToPath(import.meta.url));
const samplesDir = join(here, "../../data/samples");
const familiesDir = join(here, "fixtures/families");
const votesDir = join(here, "fixtures/votes");

/** Every golden case: the five real samples, our own documents for the other template families and for votes and deviations. */
const cases = [
  ...readdirSync(samplesDir).map((file) => ({
    name: file,
    input: join(samplesDir, file),
    golden: join(here, "fixtures/samples", `${basename(file).replace(/\.(txt|md)$/, "")}.expected.json`),
  })),
  ...readdirSync(familiesDir)
    .filter((file) => file.endsWith(".txt"))
    .map((file) => ({
      name: `families/${file}`,
      input: join(familiesDir, file),
      golden: join(familiesDir, file.replace(/\.txt$/, ".expected.json")),
    })),
  ...readdirSync(votesDir)
    .filter((file) => file.endsWith(".txt"))
    .map((file) => ({
      name: `votes/${file}`,
      input: join(votesDir, file),
      golden: join(votesDir, file.replace(/\.txt$/, ".expected.json")),
    })),
];

it("finds the golden cases of every folder", () => {
  expect(cases.filter((c) => c.name.startsWith("votes/")).length).toBeGreaterThanOrEqual(2);
  expect(cases.filter((c) => c.name.startsWith("families/")).length).toBeGreaterThanOrEqual(3);
  expect(cases.length).toBeGreaterThanOrEqual(10);
});

// Regenerate deliberately with `UPDATE_GOLDENS=1 npx vitest run lib/minutes` and review the diff.
describe("golden fixtures", () => {
  it.each(cases)("$name", ({ input, golden }) => {
    const result = parseMinutes(readFileSync(input, "utf8"));
    expect(result).toEqual(readGolden(result, golden, isUpdatingGoldens()));
  });
});
