import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findClosedMarkers, isClosedMarkerLine } from "./closed-markers";

/** Marker styles the adversarial review of issue 11 found leaking, and their plausible variants. */
const MARKER_LINES = [
  "Lukket",
  "(Lukket)",
  "[Lukket]",
  "LUKKET PUNKT",
  "Lukket punkt - fortroligt",
  "Fortroligt",
  "(Fortroligt)",
  "Fortroligt: personsag",
  "Lukket dagsorden",
  "## Lukket dagsorden",
  "**Lukket møde**",
  "Lukket møde:",
  "Lukket: Salg af grund",
  "Lukket punkt. Salg af grund",
  "Lukket punkt - Salg af grund",
  "(Lukket) Salg af grund",
  "Salg af grund (Lukket)",
  "Salg af grund (Lukket) (B)",
  "Salg af grund [Lukket]",
  "Salg af grund - Lukket",
  "Salg af grund (Lukket møde)",
  "Salg af grund (Fortroligt)",
  "Punkt 3: Lukket: Salg af grund",
  "3 (Lukket) Salg af grund",
  "Pkt. 3 - Lukket",
  "Fortroligt punkt - personsag",
];

/** Prose and titles that mention the words without marking anything closed. */
const PROSE = [
  "Udvalget drøftede, om afdelingen skal holdes lukket i sommerferien.",
  "Lukketiden for biblioteket ændres.",
  "Behandlingen af sagen er fortrolig efter forvaltningsloven.",
  "Lukning af Solsikken",
  "Status på lukkede tilbud",
  "Godkendt. Sagen er lukket.",
  "Fortrolige oplysninger er udeladt af referatet.",
  "",
];

describe("closed-marker detector", () => {
  it.each(MARKER_LINES)("finds the marker in %s", (line) => {
    expect(isClosedMarkerLine(line)).toBe(true);
  });

  it.each(PROSE)("leaves prose alone: %s", (line) => {
    expect(isClosedMarkerLine(line)).toBe(false);
  });

  it("finds generated markers in every case, bracket and position, and names their line", () => {
    const phrase = fc.constantFrom("Lukket", "Lukket punkt", "Lukket møde", "Lukket dagsorden", "Fortroligt", "Lukket sag");
    const casing = fc.constantFrom((s: string) => s, (s: string) => s.toUpperCase(), (s: string) => s.toLowerCase());
    const style = fc.constantFrom(
      (m: string, t: string) => `${m}: ${t}`,
      (m: string, t: string) => `${m} - ${t}`,
      (m: string, t: string) => `(${m}) ${t}`,
      (m: string, t: string) => `${t} (${m})`,
      (m: string, t: string) => `${t} [${m}]`,
      (m: string, t: string) => `${t} - ${m}`,
      (m: string, t: string) => `${t} (${m}) (B)`,
      (m: string) => m,
      (m: string) => `(${m})`,
    );
    const title = fc.constantFrom("Salg af grund", "Personsag", "Eventuelt", "Orientering om klagesag");
    let runs = 0;
    fc.assert(
      fc.property(phrase, casing, style, title, fc.nat({ max: 5 }), (p, c, s, t, before) => {
        runs += 1;
        const text = [...Array.from({ length: before }, () => "Almindelig tekst."), s(c(p), t), "Mere tekst."].join("\n");
        expect(findClosedMarkers(text)).toEqual([{ line: before, text: s(c(p), t), marker: c(p) }]);
      }),
      { numRuns: 500, seed: 11 },
    );
    expect(runs).toBe(500);
  });
});
