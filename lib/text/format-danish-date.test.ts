import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copenhagenToUtc, formatDanishDate, formatDanishDateTime, utcToCopenhagen } from "./format-danish-date";

describe("Danish dates", () => {
  it("formats a meeting date and time the Danish way", () => {
    expect(formatDanishDateTime("2024-03-19", "14:00")).toBe("tirsdag den 19. marts 2024 kl. 14.00");
    expect(formatDanishDate("2023-11-06")).toBe("mandag den 6. november 2023");
  });

  it("converts Copenhagen wall-clock time to UTC in winter and summer", () => {
    expect(copenhagenToUtc("2024-03-19", "14:00").toISOString()).toBe("2024-03-19T13:00:00.000Z");
    expect(copenhagenToUtc("2024-06-19", "14:00").toISOString()).toBe("2024-06-19T12:00:00.000Z");
  });

  it("gets the hours around both summer time switches right", () => {
    const utc = (date: string, time: string) => copenhagenToUtc(date, time).toISOString();
    // Last Sunday of October 2026: 03:00 summer time becomes 02:00 winter time (01:00 UTC).
    expect(utc("2026-10-25", "00:30")).toBe("2026-10-24T22:30:00.000Z");
    expect(utc("2026-10-25", "01:30")).toBe("2026-10-24T23:30:00.000Z");
    expect(utc("2026-10-25", "02:30")).toBe("2026-10-25T00:30:00.000Z"); // twice: the earlier
    expect(utc("2026-10-25", "03:30")).toBe("2026-10-25T02:30:00.000Z");
    // Last Sunday of March 2026: 02:00 winter time becomes 03:00 summer time (01:00 UTC).
    expect(utc("2026-03-29", "01:30")).toBe("2026-03-29T00:30:00.000Z");
    expect(utc("2026-03-29", "02:30")).toBe("2026-03-29T01:30:00.000Z"); // does not exist: 03:30
    expect(utc("2026-03-29", "03:30")).toBe("2026-03-29T01:30:00.000Z");
  });

  it("reads back every instant's wall-clock time (the earlier one where a time occurs twice)", () => {
    const minute = 60_000;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / minute, max: Date.UTC(2040, 0, 1) / minute }), (minutes) => {
        const instant = minutes * minute;
        const { date, time } = utcToCopenhagen(new Date(instant));
        const back = copenhagenToUtc(date, time).getTime();
        expect([instant, instant - 60 * minute]).toContain(back);
        expect(utcToCopenhagen(new Date(back))).toEqual({ date, time });
      }),
      { numRuns: 5000, examples: [[Date.UTC(2026, 9, 25, 0, 30) / minute], [Date.UTC(2026, 9, 24, 23, 30) / minute], [Date.UTC(2026, 9, 25, 1, 30) / minute]] },
    );
  });

  it("says which date or time it could not read", () => {
    expect(() => copenhagenToUtc("2026-13-40", "25:99")).toThrow("2026-13-40 25:99");
  });
});
