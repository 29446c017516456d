import { describe, expect, it } from "vitest";
import { slugify, slugifyMunicipality } from "./slugify";

describe("slugify", () => {
  it.each([
    ["Udvalget for arbejdsmarked og integration", "udvalget-for-arbejdsmarked-og-integration"],
    ["Beskæftigelses & Integrationsudvalget", "beskaeftigelses-integrationsudvalget"],
    ["Børne- og Ungeudvalget", "boerne-og-ungeudvalget"],
    ["Åbenrå", "aabenraa"],
    ["  Økonomiudvalget (ØU) ", "oekonomiudvalget-oeu"],
    ["Café-udvalget", "cafe-udvalget"],
  ])("%s → %s", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it("drops the word Kommune from municipality slugs", () => {
    expect(slugifyMunicipality("Vejen Kommune")).toBe("vejen");
    expect(slugifyMunicipality("Københavns Kommune")).toBe("koebenhavns");
    expect(slugifyMunicipality("Bornholms Regionskommune")).toBe("bornholms");
  });
});
