import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CPR_REPLACEMENT, findCprNumbers, redactCpr } from "./redact-cpr";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A CPR number's parts: a real day of the year, any year and any serial (modulus 11 or not). */
const cprParts = fc
  .record({
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
    year: fc.integer({ min: 0, max: 99 }),
    serial: fc.integer({ min: 0, max: 9999 }),
  })
  .map(({ month, dayFraction, year, serial }) => ({
    dd: pad(1 + Math.floor(dayFraction * (DAYS[month - 1] ?? 28))),
    mm: pad(month),
    yy: pad(year),
    serial: pad(serial, 4),
  }));
type CprParts = typeof cprParts extends fc.Arbitrary<infer T> ? T : never;

/** How the date is written: "010203", "01.02.03", "01 02 03", "01-02-03", "01/02/03". */
const DATE_STYLES = ["", ".", " ", "-", "/"];
/** Between date and serial. */
const SEPARATORS = ["-", "", " ", "\u2013", "\u2014", "\u2011", ".", "/", "\u00a0", "\u202f", " - ", " \u2013 "];
/** Where a line break falls: none, after the separator, before it, or as the separator. */
const LINE_BREAKS = ["none", "after", "before", "instead"] as const;
const LEFT = ["", "CPR-nr. ", "cpr.nr.", "Hansen,", "ref/", "|", "(", "Jens Hansen ", "\t", "cpr:", "[", '"'];
const RIGHT = ["", "|", ")", ".", ",", " har klaget", ";", "]", '"', "\n"];

interface Case {
  text: string;
  expected: string;
}

function writeCpr(parts: CprParts, dateStyle: string, separator: string, lineBreak: (typeof LINE_BREAKS)[number]): { cpr: string; breaks: string } {
  const date = [parts.dd, parts.mm, parts.yy].join(dateStyle);
  const between =
    lineBreak === "after" ? `${separator}\n` : lineBreak === "before" ? `\n${separator}` : lineBreak === "instead" ? "\n" : separator;
  return { cpr: `${date}${between}${parts.serial}`, breaks: lineBreak === "none" ? "" : "\n" };
}

/** Every date style × separator × line break × neighbour, each with generated digits. */
function everyCombination(): Case[] {
  const combos: Array<[string, string, (typeof LINE_BREAKS)[number], string, string]> = [];
  for (const dateStyle of DATE_STYLES)
    for (const separator of SEPARATORS)
      for (const lineBreak of LINE_BREAKS)
        for (const left of LEFT) for (const right of RIGHT) combos.push([dateStyle, separator, lineBreak, left, right]);
  const digits = fc.sample(cprParts, { numRuns: combos.length, seed: 11 });
  return combos.map(([dateStyle, separator, lineBreak, left, right], i) => {
    const { cpr, breaks } = writeCpr(digits[i] as CprParts, dateStyle, separator, lineBreak);
    return { text: `${left}${cpr}${right}`, expected: `${left}${CPR_REPLACEMENT}${breaks}${right}` };
  });
}

describe("redactCpr", () => {
  it("removes every CPR number, in every date style × separator × line break × neighbour", () => {
    const cases = everyCombination();
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    const missed = cases.filter(({ text, expected }) => redactCpr(text).text !== expected);
    expect(missed.slice(0, 5)).toEqual([]);
    for (const { text } of cases.slice(0, 50)) expect(findCprNumbers(text)).toHaveLength(1);
  });

  it("removes generated CPR numbers among ordinary words, leaving no digit of the serial beside the replacement", () => {
    let runs = 0;
    fc.assert(
      fc.property(
        cprParts,
        fc.constantFrom(...DATE_STYLES),
        fc.constantFrom(...SEPARATORS),
        fc.constantFrom(...LINE_BREAKS),
        fc.constantFrom(...LEFT),
        fc.constantFrom(...RIGHT),
        (parts, dateStyle, separator, lineBreak, left, right) => {
          runs += 1;
          const { cpr } = writeCpr(parts, dateStyle, separator, lineBreak);
          const { text, count } = redactCpr(`Sagen om ${left}${cpr}${right} blev drøftet den 19-03-2024.`);
          expect(count).toBe(1);
          expect(text).toContain(CPR_REPLACEMENT);
          expect(text).not.toContain(parts.serial);
          expect(text).not.toMatch(/\d\[CPR fjernet\]|\[CPR fjernet\]\s*\d/u);
          expect(text).toContain("den 19-03-2024.");
        },
      ),
      { numRuns: 2000, seed: 4711 },
    );
    expect(runs).toBe(2000);
  });

  it("keeps the line count, so line numbers still point into the file", () => {
    const text = "Linje 1\nBorger 010203-\n1234 har klaget\nLinje 4";
    const redacted = redactCpr(text).text;
    expect(redacted).toBe(`Linje 1\nBorger ${CPR_REPLACEMENT}\n har klaget\nLinje 4`);
    expect(redacted.split("\n")).toHaveLength(4);
  });

  it("redacts numbers that fail the old modulus-11 check", () => {
    expect(redactCpr("010190-1235 og 0101901234").text).toBe(`${CPR_REPLACEMENT} og ${CPR_REPLACEMENT}`);
  });

  it("finds a number right after a candidate that is no date", () => {
    expect(redactCpr("32 01 02 03 1234").text).toBe(`32 ${CPR_REPLACEMENT}`);
  });

  it("rejects impossible days such as 31 April; 29 February counts in every year (the century is unknown)", () => {
    expect(redactCpr("310490-1234 320190-1234 011390-1234 000190-1234").count).toBe(0);
    expect(redactCpr("290290-1234").count).toBe(1);
  });
});

/** Numbers that look a little like CPR numbers and must survive untouched. */
const NEAR_MISSES = [
  ["phone, 8 digits", "Ring på 75367000."],
  ["phone, +45 in pairs", "Telefon +45 12 34 56 78"],
  ["phone, pairs", "Telefon 12 34 56 78 (hverdage)"],
  ["phone, pairs with a valid date", "Tlf. 31 12 45 67"],
  ["phone, +45 in fours", "+45 7536 7000"],
  ["phone, 10 digits with country code", "Telefon 4512345678"],
  ["amount, dotted", "Budgettet er 1.234.567 kr."],
  ["amount, decimals", "Beløbet udgør 12.345,67 kr."],
  ["amount, large", "Beløbet 1.234.567.890 kr."],
  ["amount, spaced thousands", "I alt 12 345 678 kr."],
  ["case number, slash", "Sagsnr. 24/3579"],
  ["case number, EMN", "Sagsnr. EMN-2022-81268"],
  ["case number, KLE with facet", "Sagsnr. 00.01.00-A00-1-23"],
  ["case number, KLE with P facet", "Sagsnr. 27.00.00-P20-1-22"],
  ["case number, KLE without dash", "Sagsnummer 85.02.02P35-55-21"],
  ["date, dashes", "Mødet den 19-03-2024 kl. 14:00"],
  ["date, dots", "Mødet den 19.03.2024"],
  ["date, ISO", "Dato 2024-03-19"],
  ["date, ISO with time", "2024-03-19 1400"],
  ["date, compact with serial-like number", "Dato 20240319 1234"],
  ["KLE code", "KLE 27.12.02"],
  ["KLE code with KLE code", "27.12.02 og 15.00.00"],
  ["CVR", "CVR 12345678"],
  ["CVR, bare", "CVR-nr.: 29189900"],
  ["EAN", "EAN 5790001234567"],
  ["postcode", "6600 Vejen"],
  ["postcode and phone", "7100 Vejle, tlf. 76 81 00 00"],
  ["journal number", "J.nr. 2023-004512"],
  ["journal number, dotted", "Journalnr. 01.02.03 G01-2024"],
  ["times", "kl. 14.00-16.00"],
  ["times, compact", "kl. 1400-1600"],
  ["account number, 10 digits, no date", "Kontonummer 1234567890"],
  ["account number, 11 digits", "Kontonummer 12345678901"],
  ["period", "Perioden 2018-2025 og 2022-2025"],
  ["eleven digits in a row", "Nr. 01020312345"],
  ["serial of five digits", "010203-12345"],
] as const;

describe("near-misses survive", () => {
  it.each(NEAR_MISSES)("%s: %s", (_kind, text) => {
    expect(findCprNumbers(text)).toEqual([]);
    expect(redactCpr(text)).toEqual({ text, count: 0 });
  });

  const generated: Array<[string, fc.Arbitrary<string>]> = [
    ["phone in pairs", fc.array(fc.integer({ min: 10, max: 99 }), { minLength: 4, maxLength: 4 }).map((p) => `Tlf. ${p.join(" ")}`)],
    ["phone with +45", fc.array(fc.integer({ min: 10, max: 99 }), { minLength: 4, maxLength: 4 }).map((p) => `+45 ${p.join(" ")}`)],
    ["phone, 8 digits", fc.integer({ min: 20_000_000, max: 99_999_999 }).map((n) => `tlf. ${n}`)],
    ["CVR", fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => `CVR ${n}`)],
    ["EAN", fc.bigInt({ min: 10n ** 12n, max: 10n ** 13n - 1n }).map((n) => `EAN ${n}`)],
    ["amount", fc.integer({ min: 1000, max: 999_999_999 }).map((n) => `${n.toLocaleString("da-DK")},${pad(n % 100)} kr.`)],
    [
      "date dd-mm-yyyy / dd.mm.yyyy / yyyy-mm-dd",
      fc
        .record({ d: fc.integer({ min: 1, max: 28 }), m: fc.integer({ min: 1, max: 12 }), y: fc.integer({ min: 1990, max: 2035 }), style: fc.integer({ min: 0, max: 2 }) })
        .map(({ d, m, y, style }) => (style === 0 ? `den ${pad(d)}-${pad(m)}-${y}` : style === 1 ? `den ${pad(d)}.${pad(m)}.${y}` : `den ${y}-${pad(m)}-${pad(d)}`)),
    ],
    ["case number", fc.record({ y: fc.integer({ min: 10, max: 30 }), n: fc.integer({ min: 1, max: 99999 }) }).map(({ y, n }) => `Sagsnr. ${y}/${n}`)],
    ["time range", fc.record({ a: fc.integer({ min: 7, max: 22 }), b: fc.integer({ min: 0, max: 59 }) }).map(({ a, b }) => `kl. ${pad(a)}.${pad(b)}-${pad(a + 1)}.00`)],
  ];
  it.each(generated)("generated %s", (_kind, arbitrary) => {
    let runs = 0;
    fc.assert(
      fc.property(arbitrary, (text) => {
        runs += 1;
        expect(findCprNumbers(text)).toEqual([]);
      }),
      { numRuns: 500, seed: 7 },
    );
    expect(runs).toBe(500);
  });
});
