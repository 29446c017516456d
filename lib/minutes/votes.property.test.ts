import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SourceLine } from "./types";
import { parseVotes } from "./votes";

const RUNS = { numRuns: 300 };
const LETTERS = ["A", "B", "C", "D", "F", "I", "K", "M", "O", "V", "Æ", "Ø", "Å", "L", "LA"] as const;
const FIRST = ["Anne", "Bo", "Søren", "Mette", "Ørsted", "Åse", "Jens", "Line", "Kåre", "Ida"] as const;
const LAST = ["Hansen", "Sørensen", "Kjær", "Østergaard", "Åberg", "Lund", "Bech-Nielsen", "Holm"] as const;

type Voter = { name?: string; party: string };

const party = fc.constantFrom(...LETTERS);
const person = fc
  .tuple(fc.constantFrom(...FIRST), fc.constantFrom(...LAST), party)
  .map(([first, last, letter]): Voter => ({ name: `${first} ${last}`, party: letter }));
const voter = fc.oneof(party.map((letter): Voter => ({ party: letter })), person);
// Distinct voters: the parser keeps each voter once per side.
const voters = fc.uniqueArray(voter, { minLength: 1, maxLength: 5, selector: (v) => `${v.name ?? ""}|${v.party}` });

function render(list: readonly Voter[]): string {
  const parts = list.map((v) => (v.name ? `${v.name} (${v.party})` : v.party));
  return parts.length === 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} og ${parts[parts.length - 1] ?? ""}`;
}

/** The phrasings minutes use for votes against (and, for a tally, votes for). */
const PHRASINGS: ReadonlyArray<(against: string, supporters: string, total: number) => string> = [
  (against, supporters, total) => `For stemte: ${supporters}. Imod stemte: ${against} (${total}).`,
  (against, supporters) => `For: ${supporters}. Imod: ${against}.`,
  (against) => `Et mindretal (${against}) stemte imod.`,
  (against) => `Et mindretal bestående af ${against} stemte imod indstillingen.`,
  (against) => `${against} stemte imod.`,
  (against) => `${against} kunne ikke anbefale indstillingen.`,
  (against, supporters) => `Ved afstemningen stemte ${supporters} for, mens ${against} stemte imod.`,
  (against, _supporters, total) => `${total} stemte imod (${against}).`,
];

/** Lines as a PDF export wraps them: the text broken at some of its spaces. */
function wrap(text: string, breaks: readonly boolean[]): SourceLine[] {
  const words = text.split(" ");
  const lines: string[] = [];
  let current = "";
  words.forEach((word, index) => {
    current = current === "" ? word : `${current} ${word}`;
    if (breaks[index % Math.max(1, breaks.length)] === true) {
      lines.push(current);
      current = "";
    }
  });
  if (current !== "") lines.push(current);
  return lines.map((line, index) => ({ no: index + 10, text: line, isMarked: false }));
}

const key = (v: { name?: string; party?: string }) => `${v.name ?? ""}|${v.party ?? ""}`;

describe("parseVotes on generated phrasings", () => {
  it("reads every voter against (and for, when named) whatever the phrasing, parties and line wrapping", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        voters,
        voters,
        fc.integer({ min: 0, max: PHRASINGS.length - 1 }),
        fc.integer({ min: 1, max: 31 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.constantFrom("Godkendt.", "Anbefales.", "Indstillingen blev fulgt."),
        (against, supporters, phrasing, total, breaks, decision) => {
          const sentence = PHRASINGS[phrasing]?.(render(against), render(supporters), total) ?? "";
          const votes = parseVotes(wrap(`${decision} ${sentence}`, breaks));
          // A voter list names only its own side: for a person the parser keeps name and party.
          expect(votes.against.map(key).sort()).toEqual(against.map(key).sort());
          if (sentence.includes(render(supporters)) && sentence.includes(" for")) {
            expect(votes.for.map(key).sort()).toEqual(supporters.map(key).sort());
          }
          for (const entry of votes.against) expect(entry.line).toBeGreaterThanOrEqual(10);
          checked += 1;
        },
      ),
      RUNS,
    );
    expect(checked).toBe(RUNS.numRuns);
  });

  it("finds no votes in decisions without a voter list before a vote verb", () => {
    const prose = fc.constantFrom(
      "Udvalget godkender planen med forbehold for finansieringen.",
      "Godkendt, idet udvalget stemte for at sende sagen i høring.",
      "Borgerne stemte imod i høringen.",
      "Forvaltningen undlod at stemme om forslaget i KKR.",
      "Taget til efterretning.",
      "For at sikre fremdrift godkendes planen.",
      "Sagen udsættes.",
    );
    fc.assert(
      fc.property(fc.array(prose, { minLength: 1, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (sentences, breaks) => {
        const votes = parseVotes(wrap(sentences.join(" "), breaks));
        expect([...votes.for, ...votes.against, ...votes.abstained, ...votes.reservations]).toEqual([]);
      }),
      RUNS,
    );
  });
});
