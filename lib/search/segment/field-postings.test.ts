import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFlexDocument } from "../index-config";
import { firstOccurrenceSlot } from "./field-postings";

const VOCABULARY = ["kommune", "plan", "æble", "år", "2000", "x", "budget", "fleksjob", "vej", "skole"];

describe("firstOccurrenceSlot", () => {
  it("is the slot FlexSearch's strict fields give a term's first occurrence", () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 40 }), (terms) => {
        const flex = createFlexDocument();
        flex.add({ id: 7, body: terms.join(" ") });
        const distinct = [...new Set(terms)];
        expect(distinct.length).toBeGreaterThan(0);
        for (const term of distinct) {
          const slots = flex.search(term, { index: "body", resolve: false }).result;
          const flexSlot = slots.findIndex((ids) => ids?.includes(7) === true);
          expect(flexSlot).toBeGreaterThanOrEqual(0);
          expect(firstOccurrenceSlot(terms.indexOf(term), terms.length)).toBe(flexSlot);
          checked++;
        }
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(300);
  });
});
