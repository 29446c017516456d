import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseKeyOf } from "./case-key";

describe("caseKeyOf", () => {
  it.each([
    ["24/3579", "24/3579", "24-3579"],
    ["EMN-2022-81268", "EMN-2022-81268", "emn-2022-81268"],
    ["00.01.00-A00-1-23", "00.01.00-A00-1-23", "00-01-00-a00-1-23"],
    ["27.00.00-P20-1-22", "27.00.00-P20-1-22", "27-00-00-p20-1-22"],
    ["15.00.00-A00-28-23", "15.00.00-A00-28-23", "15-00-00-a00-28-23"],
    // Lemvig prints the handling code without a dash; Faxe and Vejle with one.
    ["15.00.00G01-2-25", "15.00.00-G01-2-25", "15-00-00-g01-2-25"],
    [" 15.00.00 G01-2-25 ", "15.00.00-G01-2-25", "15-00-00-g01-2-25"],
    ["emn-2022-81268", "EMN-2022-81268", "emn-2022-81268"],
    ["24 / 3579", "24/3579", "24-3579"],
  ])("%s → %s (%s)", (printed, number, slug) => {
    expect(caseKeyOf(printed)).toEqual({ number, slug });
  });

  it("keeps the KLE code and the year: numbers that differ only there are different cases", () => {
    expect(caseKeyOf("15.00.00-A00-28-23")?.slug).not.toBe(caseKeyOf("15.00.00-A00-28-22")?.slug);
    expect(caseKeyOf("15.00.00-A00-28-23")?.slug).not.toBe(caseKeyOf("15.01.00-A00-28-23")?.slug);
  });

  it("gives no case for nothing or a number without digits", () => {
    expect(caseKeyOf(null)).toBeNull();
    expect(caseKeyOf("  ")).toBeNull();
    expect(caseKeyOf(".")).toBeNull();
    expect(caseKeyOf("EMN")).toBeNull();
  });

  it("gives URL-safe slugs, and the normalised number keys the same case again", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (printed) => {
        const key = caseKeyOf(printed);
        if (key === null) return;
        expect(key.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(caseKeyOf(key.number)).toEqual(key);
      }),
    );
  });
});
