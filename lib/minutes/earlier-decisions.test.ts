import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readEarlierDecisions } from "./earlier-decisions";
import { parseMinutes } from "./index";
import { isUpdatingGoldens, readGolden } from "./test-golden";

const here = dirname(fileURLToPath(import.meta.url));
const ownDir = join(here, "fixtures/earlier-decisions");
const inputs = [
  ...readdirSync(join(here, "../../data/samples")).map((file) => join(here, "../../data/samples", file)),
  ...readdirSync(join(here, "fixtures/families")).filter((file) => file.endsWith(".txt")).map((file) => join(here, "fixtures/families", file)),
  ...readdirSync(ownDir).filter((file) => file.endsWith(".txt")).map((file) => join(ownDir, file)),
];

/** Per open item: this meeting's decision and outcome, and the earlier decisions it quotes. */
function earlierDecisionsOf(input: string) {
  const result = parseMinutes(readFileSync(input, "utf8"));
  if (!result.ok) throw new Error(`${input}: ${result.error.reason}`);
  const { meeting } = result;
  return meeting.items
    .filter((item) => !item.closed)
    .map((item) => ({ number: item.number, decision: item.decision, outcome: item.outcome, earlierDecisions: readEarlierDecisions(item.sections, meeting.date) }));
}

// Regenerate deliberately with `UPDATE_GOLDENS=1 npx vitest run lib/minutes/earlier-decisions` and review the diff.
describe("earlier decisions quoted in items (goldens)", () => {
  it.each(inputs.map((input) => ({ name: basename(input), input })))("$name", ({ input }) => {
    const actual = earlierDecisionsOf(input);
    const golden = join(ownDir, `${basename(input).replace(/\.(txt|md)$/, "")}.expected.json`);
    expect(actual).toEqual(readGolden(actual, golden, isUpdatingGoldens()));
  });
});

describe("earlier decisions are never this meeting's decision", () => {
  const items = earlierDecisionsOf(join(ownDir, "byraadet-2026-03-26-quoted-decisions.txt"));
  const item = (number: string) => {
    const found = items.find((entry) => entry.number === number);
    if (!found) throw new Error(`item ${number} missing`);
    return found;
  };

  it("'Økonomiudvalgets beslutning den 16. marts 2026' is the finance committee's, and 'Byrådets beslutning' the council's own", () => {
    expect(item("2")).toMatchObject({ decision: "Udsat.", outcome: "postponed" });
    expect(item("2").earlierDecisions).toEqual([
      {
        body: "Økonomiudvalget",
        date: "2026-03-16",
        itemNumber: null,
        text: "Fraværende: Carl Nielsen\n\nAnbefales med den ændring, at puljen udsættes til 2027.",
        outcome: expect.any(String),
      },
    ]);
  });

  it("a quoted decision printed after the meeting's own does not join it", () => {
    expect(item("4")).toMatchObject({ decision: "Godkendt.", outcome: "approved" });
    expect(item("4").earlierDecisions.map((entry) => [entry.body, entry.date, entry.text])).toEqual([["Økonomiudvalget", "2026-03-16", "Anbefales."]]);
  });

  it("a 'Tidligere beslutninger' list gives one event per entry with its item number; a sentence gives none", () => {
    expect(item("3").decision).toBe("Godkendt.");
    expect(item("3").earlierDecisions.map((entry) => [entry.body, entry.date, entry.itemNumber, entry.text])).toEqual([
      ["Udvalget for Teknik og Miljø", "2026-03-02", "5", "Anbefales."],
      ["Økonomiudvalget", "2026-03-16", "12", "Oversendes med anbefaling."],
    ]);
  });

  it("the Varde sample's quoted decision of Udvalget for Børn og Læring is an event, not the item's decision", () => {
    const varde = earlierDecisionsOf(join(here, "../../data/samples/varde-2022-12-15-arbejdsmarked-og-integration.md"));
    const six = varde.find((entry) => entry.number === "6");
    expect(six?.decision).toBe("Orienteringen blev taget til efterretning.");
    expect(six?.earlierDecisions.map((entry) => [entry.body, entry.date, entry.outcome])).toEqual([["Udvalget for Børn og Læring", "2022-11-22", "approved"]]);
  });
});
