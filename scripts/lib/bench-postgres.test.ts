import { describe, expect, it } from "vitest";
import { toTsQuery } from "./bench-postgres";

describe("toTsQuery", () => {
  it.each([
    ["fleksjob", "'fleksjob':*"],
    ["Ankestyrelsen klager", "'ankestyrelsen':* & 'klager':*"],
    ['"negativ social kontrol"', "('negativ':* <1> 'social':* <1> 'kontrol':*)"],
    // The stop word keeps its place, as in PostgreSQL's tsvector positions.
    ['"tages til efterretning"', "('tages':* <2> 'efterretning':*)"],
    ["Høringssvar -budget", "'hoeringssvar':* & !'budget':*"],
    ["og i at", null],
  ])("%s → %s", (q, expected) => {
    expect(toTsQuery(q)).toBe(expected);
  });
});
