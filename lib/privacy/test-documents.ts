import { readFileSync } from "node:fs";
import { VEJEN_SAMPLE } from "@/lib/ingest/test-fixtures";

/** A word that occurs only in closed items' bodies: it must never be stored, indexed or served. */
export const CLOSED_SECRET = "HEMMELIGSAG";

/** One CPR number (digits from a valid date) written in every date style × separator × line break. */
export function cprNumbersInEveryFormat(): string[] {
  const numbers: string[] = [];
  const dates: Array<[string, string, string]> = [["01", "02", "03"], ["31", "12", "99"], ["29", "02", "01"], ["15", "07", "85"]];
  const dateStyles = ["", ".", " ", "-", "/"];
  const separators = ["-", "", " ", "\u2013", "\u2014", ".", "/", "\u00a0", "\u202f", " - "];
  const breaks = ["", "after", "before"];
  let serial = 1234;
  for (const [dd, mm, yy] of dates)
    for (const style of dateStyles)
      for (const separator of separators)
        for (const lineBreak of breaks) {
          const between = lineBreak === "after" ? `${separator}\n` : lineBreak === "before" ? `\n${separator}` : separator;
          numbers.push(`${[dd, mm, yy].join(style)}${between}${serial}`);
          serial = serial === 9999 ? 1000 : serial + 1;
        }
  return numbers;
}

/** Neighbours a CPR number is written between in the generated documents. */
const NEIGHBOURS: Array<[string, string]> = [["cpr.nr.", ""], ["Hansen,", ","], ["ref/", ""], ["|", "|"], ["(", ")"], ["CPR ", "."]];

/** A paragraph holding every CPR format, with every neighbour. */
export function cprParagraph(): string {
  return cprNumbersInEveryFormat()
    .map((cpr, i) => {
      const [left, right] = NEIGHBOURS[i % NEIGHBOURS.length] as [string, string];
      return `Borger ${left}${cpr}${right} er omtalt.`;
    })
    .join(" ");
}

/**
 * Ways a closed item is marked, written as item 11 of the Vejen sample: heading lines and the
 * first body lines, as found in the adversarial review of issue 11.
 */
export const CLOSED_ITEM_STYLES: Array<{ name: string; heading: string; bodyStart?: string }> = [
  { name: "Lukket: prefix (the sample)", heading: "Punkt 11: Lukket: Eventuelt (B)" },
  { name: "(Lukket) suffix", heading: "Punkt 11: Eventuelt (Lukket)" },
  { name: "Lukket punkt prefix", heading: "Punkt 11: Lukket punkt - Eventuelt" },
  { name: "Lukket sag body line", heading: "Punkt 11: Eventuelt", bodyStart: "Lukket sag" },
  { name: "Fortroligt prefix", heading: "Punkt 11: Fortroligt: Eventuelt" },
  { name: "(Fortroligt) suffix", heading: "Punkt 11: Eventuelt (Fortroligt)" },
  { name: "(Lukket) (B)", heading: "Punkt 11: Eventuelt (Lukket) (B)" },
  { name: "- Lukket", heading: "Punkt 11: Eventuelt - Lukket" },
  { name: "[Lukket]", heading: "Punkt 11: Eventuelt [Lukket]" },
  { name: "Lukket punkt. X", heading: "Punkt 11: Lukket punkt. Eventuelt" },
  { name: "(Lukket) X", heading: "Punkt 11: (Lukket) Eventuelt" },
  { name: "(Lukket møde)", heading: "Punkt 11: Eventuelt (Lukket møde)" },
  { name: "Lukket on the next line", heading: "Punkt 11:\nLukket: Eventuelt" },
  { name: "(Lukket) body line", heading: "Punkt 11: Eventuelt", bodyStart: "(Lukket)" },
  { name: "Lukket punkt - fortroligt body line", heading: "Punkt 11: Eventuelt", bodyStart: "Lukket punkt - fortroligt" },
  { name: "Fortroligt body line", heading: "Punkt 11: Eventuelt", bodyStart: "Fortroligt" },
  { name: "Lukket dagsorden heading", heading: "Lukket dagsorden\n\nPunkt 11: Eventuelt" },
];

/**
 * The Vejen sample with item 11 written in `style`, its body full of {@link CLOSED_SECRET} and
 * CPR numbers, item 1 full of CPR numbers in every format, and its own start time 14:`minute`
 * (1–59, so each style is its own meeting).
 */
export function vejenWithClosedStyle(style: (typeof CLOSED_ITEM_STYLES)[number], minute: number): string {
  const text = readFileSync(VEJEN_SAMPLE, "utf8");
  const body = [style.bodyStart, `Sagsfremstilling`, `${CLOSED_SECRET} vedrører borger 010203-1234 og 31.12.99 1234.`, "Beslutning", `${CLOSED_SECRET} godkendt.`]
    .filter((line) => line !== undefined)
    .join("\n\n");
  const closed = text.replace("Punkt 11: Lukket: Eventuelt (B)\n\nIntet.", `${style.heading}\n\n${body}`);
  const open = closed.replace("Sagsfremstilling\n\nBaggrund\n", `Sagsfremstilling\n\nBaggrund\n\n${cprParagraph()}\n`);
  const timed = open.replace("2024 kl. 14:00", `2024 kl. 14:${String(minute).padStart(2, "0")}`);
  if (closed === text || open === closed || timed === open) throw new Error("the Vejen sample no longer has the lines these documents edit");
  return timed;
}
