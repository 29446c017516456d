import { describe, expect, it } from "vitest";
import { copenhagenToUtc, formatDanishDate, formatDanishDateTime } from "./format-danish-date";

describe("Danish dates", () => {
  it("formats a meeting date and time the Danish way", () => {
    expect(formatDanishDateTime("2024-03-19", "14:00")).toBe("tirsdag den 19. marts 2024 kl. 14.00");
    expect(formatDanishDate("2023-11-06")).toBe("mandag den 6. november 2023");
  });

  it("converts Copenhagen wall-clock time to UTC in winter and summer", () => {
    expect(copenhagenToUtc("2024-03-19", "14:00").toISOString()).toBe("2024-03-19T13:00:00.000Z");
    expect(copenhagenToUtc("2024-06-19", "14:00").toISOString()).toBe("2024-06-19T12:00:00.000Z");
  });
});
