import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseMinutes } from "./index";

const MARKER = "HEMMELIG-ZX81-SKAL-FORBLIVE-LUKKET";

const document = `REFERAT Økonomiudvalget d. 12-05-2021

Mødedato Onsdag d. 12. maj 2021 kl. 16:00

Mødested Mødelokale 1, Favrskov Rådhus

Punkt 1: Godkendelse af dagsorden

21/100

Beslutning

Godkendt.

Punkt 2: Lukket: Salg af grund

21/${MARKER}

Sagsfremstilling

${MARKER} Køber tilbyder 2,1 mio. kr.

Uplaceret linje ${MARKER}

Beslutning Økonomiudvalget den 12-05-2021

Godkendt. ${MARKER}

Fraværende:

${MARKER} Hansen (V)

Bilag

${MARKER}.pdf

Punkt 3: Eventuelt

Beslutning

Intet.
`;

describe("closed items", () => {
  const result = parseMinutes(document);

  it("keep only number, title and closed: true", () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const item = result.meeting.items[1];
    expect(item).toMatchObject({
      number: "2",
      title: "Salg af grund",
      closed: true,
      caseNumber: null,
      kle: null,
      sections: [],
      decision: null,
      attachments: [],
      absent: [],
    });
    expect(result.meeting.items.map((i) => i.number)).toEqual(["1", "2", "3"]);
  });

  it("never let body text reach the output, warnings included", () => {
    expect(JSON.stringify(result)).not.toContain(MARKER);
  });

  it("report the dropped body lines so ingest can strip the stored text", () => {
    if (!result.ok) throw new Error("expected a result");
    expect(result.droppedLineRanges).toEqual([{ from: 17, to: 36 }]);
    const lines = document.split("\n");
    const kept = lines.filter((_, index) => !result.droppedLineRanges.some((r) => index + 1 >= r.from && index + 1 <= r.to));
    expect(kept.join("\n")).not.toContain(MARKER);
  });

  it("are recognised by a repeated Varde header '8 (Lukket) …' under an unmarked 'Punkt 8:'", () => {
    const text = document.replace("Punkt 2: Lukket: Salg af grund\n", "Punkt 2: Salg af grund\n\n2 (Lukket) Salg af grund\n");
    const output = parseMinutes(text);
    expect(output).toMatchObject({ ok: true, meeting: { items: [{}, { number: "2", closed: true }, {}] } });
    expect(JSON.stringify(output)).not.toContain(MARKER);
  });

  it("keep the families' closed bodies out too", () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), "fixtures/families");
    for (const file of ["web-export-2020-01-29.txt", "firstagenda-html-2020-06-04.txt", "older-pdf-2014-10-06.txt"]) {
      const output = JSON.stringify(parseMinutes(readFileSync(join(dir, file), "utf8")));
      expect(output).not.toMatch(/LUKKET-MARKOER/);
    }
  });
});
