import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CPR_REPLACEMENT, redactCpr } from "./redact-cpr";

const pad = (n: number) => String(n).padStart(2, "0");
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const SEPARATORS = ["-", "", " ", "\u2013", "\u2011", "\u00a0", "\u2010"];

const cprArbitrary = fc
  .record({
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
    year: fc.integer({ min: 0, max: 99 }),
    serial: fc.integer({ min: 0, max: 9999 }),
    separator: fc.constantFrom(...SEPARATORS),
  })
  .map(({ month, dayFraction, year, serial, separator }) => {
    const day = 1 + Math.floor(dayFraction * (DAYS[month - 1] ?? 28));
    return `${pad(day)}${pad(month)}${pad(year)}${separator}${String(serial).padStart(4, "0")}`;
  });

const contextArbitrary = fc.constantFrom(
  (cpr: string) => `CPR-nr. ${cpr}`,
  (cpr: string) => `Borgeren (${cpr}) har klaget.`,
  (cpr: string) => `${cpr}`,
  (cpr: string) => `cpr:${cpr}, sagsnr. 24/3579`,
  (cpr: string) => `Linje 1\n${cpr}\tFleksjob`,
  (cpr: string) => `"${cpr}".`,
  (cpr: string) => `Navn: Jens Hansen, ${cpr}; adresse: Torvet 1`,
);

describe("redactCpr", () => {
  it("removes every generated CPR number, whatever the separator and context", () => {
    fc.assert(
      fc.property(cprArbitrary, contextArbitrary, (cpr, context) => {
        const { text, count } = redactCpr(context(cpr));
        expect(count).toBe(1);
        expect(text).toContain(CPR_REPLACEMENT);
        expect(text).not.toContain(cpr);
        expect(text.replace(CPR_REPLACEMENT, "")).not.toMatch(/\d{6}.?\d{4}/u);
      }),
      { numRuns: 5000 },
    );
  });

  it("redacts numbers that fail the old modulus-11 check", () => {
    expect(redactCpr("010190-1235 og 0101901234").text).toBe(`${CPR_REPLACEMENT} og ${CPR_REPLACEMENT}`);
  });

  it.each([
    "Budgettet er 2.230.955 kr.",
    "Ring på 75 36 70 00 eller +45 7536 7000.",
    "Sagsnummer 15.00.00-A00-28-23 og 85.02.02P35-55-21",
    "Journalnr. 24/3579, EMN-2022-81268",
    "Mødet den 19-03-2024 kl. 14:00, og igen 19.03.2024",
    "Kontonummer 1234567890 og 12345678901",
    "Perioden 2018-2025 og 2022-2025",
    "Beløbet 1.234.567.890 kr.",
    "Telefon 4512345678",
    "Dato 20240319 1234",
  ])("leaves ordinary numbers alone: %s", (text) => {
    expect(redactCpr(text)).toEqual({ text, count: 0 });
  });

  it("rejects impossible dates such as 31 April and 29 February in a non-leap year", () => {
    expect(redactCpr("310490-1234 290290-1234").count).toBe(0);
    expect(redactCpr("290292-1234").count).toBe(1);
  });
});
