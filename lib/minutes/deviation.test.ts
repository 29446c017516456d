import { describe, expect, it } from "vitest";
import { classifyDeviation, departsFromRecommendation } from "./deviation";
import { classifyOutcome } from "./outcome";
import { expandItemNumbers, readPartialAbsences } from "./partial-absence";

const APPROVE = "Forvaltningen indstiller, at planen godkendes.";

describe("outcome follows the decision's leading verb", () => {
  it.each([
    ["Anbefalet med den ændring, at anlægsprojektet udsættes til 2027.", "recommended"],
    ["Godkendt med følgende tilføjelse: at sagen genoptages i juni.", "approved"],
    ["Godkendt, dog således at projektet udsættes et år.", "approved"],
    ["Anbefales.\n\nEt mindretal (Ø) stemte imod.", "recommended"],
    ["Et mindretal (Ø) kunne ikke anbefale indstillingen. Flertallet anbefaler indstillingen.", "recommended"],
    ["Sagen udsættes, idet udvalget ønsker en trafikanalyse.", "postponed"],
    ["Ikke godkendt.\n\nFor stemte: A og Ø. Imod stemte: V, C og F.", "rejected"],
  ] as const)("%j → %s", (decision, outcome) => {
    expect(classifyOutcome(decision)).toBe(outcome);
  });
});

describe("classifyDeviation", () => {
  it.each([
    [APPROVE, "Godkendt.", "followed"],
    [APPROVE, "Anbefalet med den ændring, at anlægsprojektet udsættes til 2027.", "amended"],
    [APPROVE, "Godkendt med følgende tilføjelse: at strategien evalueres efter et år.", "amended"],
    [APPROVE, "Udvalget godkender planen, dog således at cykelstien prioriteres først.", "amended"],
    [APPROVE, "Godkendt med de faldne bemærkninger.", "followed"],
    [APPROVE, "Ikke godkendt.", "rejected"],
    [APPROVE, "Sagen udsættes til næste møde.", "postponed"],
    ["Forvaltningen indstiller, at ansøgningen afslås.", "Udvalget besluttede ikke at følge indstillingen og bevilgede 150.000 kr.", "against"],
    [APPROVE, "I modsætning til indstillingen besluttede udvalget at bevare ordningen.", "against"],
    // Approving a recommendation to refuse follows it; so does refusing as recommended.
    ["Forvaltningen indstiller, at ansøgningen afslås.", "Godkendt.", "followed"],
    ["Forvaltningen indstiller, at ansøgningen afslås.", "Ansøgningen afslås.", "followed"],
    ["Forvaltningen indstiller, at sagen udsættes.", "Udsat.", "followed"],
    // A member's vote against the recommendation is dissent, not the committee's decision.
    [APPROVE, "Godkendt. Carla Jepsen (Ø) stemte imod indstillingen.", "followed"],
    [null, "Godkendt.", null],
    [APPROVE, null, null],
    [APPROVE, "Udvalget ønsker en beskæftigelsesplan for 2024.", null],
  ] as const)("%j / %j → %s", (recommendation, decision, deviation) => {
    expect(classifyDeviation(recommendation, decision)).toBe(deviation);
  });

  it("departs from the recommendation unless followed or unknown", () => {
    expect(["followed", null, "amended", "rejected", "postponed", "against"].map((d) => departsFromRecommendation(d as never))).toEqual([
      false, false, true, true, true, true,
    ]);
  });
});

describe("partial absences", () => {
  it("reads members who took no part in some items", () => {
    expect(readPartialAbsences("Henrik Dahl (V) deltog ikke i behandlingen af punkt 4 og 5.", 12)).toEqual([
      { name: "Henrik Dahl", party: "V", items: ["4", "5"], line: 12 },
    ]);
    expect(readPartialAbsences("Ole Beck (V) deltog ikke i behandlingen af punktet.", 3)).toEqual([{ name: "Ole Beck", party: "V", items: [], line: 3 }]);
    expect(readPartialAbsences("Anne Hansen erklærede sig inhabil og forlod mødet.", 1)).toEqual([{ name: "Anne Hansen", party: null, items: [], line: 1 }]);
    expect(readPartialAbsences("Udvalget deltog ikke i behandlingen af punkt 4.", 1)).toEqual([]);
    expect(readPartialAbsences("Borgere deltog i mødet.", 1)).toEqual([]);
  });
  it("expands item numbers and ranges", () => {
    expect(expandItemNumbers("3-5, 7 og 9")).toEqual(["3", "4", "5", "7", "9"]);
    expect(expandItemNumbers("1-999")).toEqual([]);
  });
});
