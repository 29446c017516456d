import { describe, expect, it } from "vitest";
import { hasDissent, parseVotes, type ItemVotes } from "./votes";

const toLines = (text: string) => text.split("\n").map((line, index) => ({ no: index + 1, text: line, isMarked: false }));
const votesOf = (text: string): ItemVotes => parseVotes(toLines(text));
const who = (entries: ReadonlyArray<{ name?: string; party?: string }>) => entries.map((entry) => entry.name ?? entry.party);

describe("parseVotes", () => {
  it("reads the issue's tally with group totals, one line each", () => {
    const votes = votesOf("Anbefales.\n\nFor stemte: A, V og C (7). Imod stemte: F og Ø (2). Undlod at stemme: O (1)");
    expect(who(votes.for)).toEqual(["A", "V", "C"]);
    expect(who(votes.against)).toEqual(["F", "Ø"]);
    expect(votes.abstained).toEqual([{ party: "O", count: 1, line: 3 }]);
    expect(votes.totals).toEqual({ for: 7, against: 2, abstained: 1 });
    expect(hasDissent(votes)).toBe(true);
  });

  it.each([
    ["Et mindretal (Ø) stemte imod.", ["Ø"]],
    ["Et mindretal bestående af F og Ø stemte imod indstillingen.", ["F", "Ø"]],
    ["Mindretallet (F og Ø) kunne ikke anbefale indstillingen.", ["F", "Ø"]],
    ["Enhedslisten stemte imod.", ["Ø"]],
    ["Anne Hansen (F) stemte imod.", ["Anne Hansen"]],
    ["Jens K. Pedersen (V) stemte imod.", ["Jens K. Pedersen"]],
    ["Imod stemte 2: F og Ø", ["F", "Ø"]],
    ["2 stemte imod (F og Ø).", ["F", "Ø"]],
    ["Ved afstemningen stemte A for, mens F og Ø stemte imod.", ["F", "Ø"]],
  ])("%s → against %j", (text, against) => {
    expect(who(votesOf(`Godkendt.\n\n${text}`).against)).toEqual(against);
  });

  it("records a vote to the minutes as a vote against and a reservation of the same person", () => {
    const votes = votesOf("Godkendt.\nAnne Hansen (F) stemte imod og ønskede sin stemme ført til protokol.");
    expect(votes.against).toEqual([{ name: "Anne Hansen", party: "F", line: 2 }]);
    expect(votes.reservations).toEqual([
      { name: "Anne Hansen", party: "F", kind: "protokol", text: "Anne Hansen (F) stemte imod og ønskede sin stemme ført til protokol.", line: 2 },
    ]);
  });

  it("reads reservations and minority statements with their authors", () => {
    const votes = votesOf(
      ["Godkendt.", "", "Dan Holm (C) tog forbehold for finansieringen.", "", "Mindretalsudtalelse fra Ø:", "", "Enhedslisten kan ikke støtte", "forslaget."].join("\n"),
    );
    expect(votes.reservations).toEqual([
      { name: "Dan Holm", party: "C", kind: "forbehold", text: "Dan Holm (C) tog forbehold for finansieringen.", line: 3 },
      { party: "Ø", kind: "mindretalsudtalelse", text: "Enhedslisten kan ikke støtte forslaget.", line: 5 },
    ]);
    expect(votes.against).toEqual([]);
  });

  it("reads bare totals", () => {
    expect(votesOf("Indstillingen blev vedtaget med 7 stemmer for og 2 imod.").totals).toEqual({ for: 7, against: 2, abstained: null });
  });

  // Regression: Varde 2022-12-15, item 5 ("Udvalget godkender årsplanen dog med forbehold for løbende justeringer.").
  it.each([
    "Udvalget godkender årsplanen dog med forbehold for løbende justeringer.",
    "Udvalget tog forbehold for den endelige finansiering.",
    "Godkendt. Forvaltningen stemte sagen af med Økonomiudvalget.",
    "Udvalget drøftede, om der skal stemmes imod forslaget i KKR.",
    "Borgerne stemte imod ved høringen.",
    "For at sikre fremdrift godkendes planen.",
    "Imod forventning blev regnskabet bedre end budgettet.",
  ])("finds no vote in ordinary decision prose: %s", (text) => {
    const votes = votesOf(text);
    expect(votes).toEqual(parseVotes([]));
    expect(hasDissent(votes)).toBe(false);
  });
});
