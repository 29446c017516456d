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

// Issue 11: an adversarial review published the bodies of closed items written in these styles.
// Each case is the middle of a meeting between an open item 1 and item 3 (or as given); the secret
// word stands in every closed body line.
const SECRET = "HEMMELIG-ISSUE11";

function meetingWith(middle: string, { toc = "" }: { toc?: string } = {}): string {
  return `REFERAT Økonomiudvalget d. 12-05-2021

Mødedato Onsdag d. 12. maj 2021 kl. 16:00

Mødested Mødelokale 1, Favrskov Rådhus
${toc}
Punkt 1: Godkendelse af dagsorden

21/100

Beslutning

Godkendt.

${middle}

Punkt 3: Eventuelt

Beslutning

Intet.
`;
}

const CLOSED_BODY = `Sagsfremstilling

${SECRET} Køber tilbyder 2,1 mio. kr.

Beslutning

Godkendt. ${SECRET}`;

type Summary = Array<[number: string, title: string, closed: boolean]>;
const ITEM_2_CLOSED: Summary = [["1", "Godkendelse af dagsorden", false], ["2", "Salg af grund", true], ["3", "Eventuelt", false]];
const FROM_2_CLOSED: Summary = [["1", "Godkendelse af dagsorden", false], ["2", "Salg af grund", true], ["3", "Eventuelt", true]];

const ISSUE_STYLES: Array<{ name: string; middle: string; expected: Summary }> = [
  { name: '"Fortroligt" as a title prefix', middle: `Punkt 2: Fortroligt: Salg af grund\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: '"(Fortroligt)" as a title suffix', middle: `Punkt 2: Salg af grund (Fortroligt)\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: '"Fortroligt" as a body line', middle: `Punkt 2: Salg af grund\n\nFortroligt\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: '"Lukket dagsorden" as a line before the item', middle: `Lukket dagsorden\n\nPunkt 2: Salg af grund\n\n${CLOSED_BODY}`, expected: FROM_2_CLOSED },
  { name: '"Lukket dagsorden" as a title prefix', middle: `Punkt 2: Lukket dagsorden: Salg af grund\n\n${CLOSED_BODY}`, expected: FROM_2_CLOSED },
  { name: '"(Lukket)" followed by "(B)"', middle: `Punkt 2: Salg af grund (Lukket) (B)\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: '"(Lukket)" wrapped onto the next line', middle: `Punkt 2: Salg af grund\n(Lukket)\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: '"Punkt 2:" with "Lukket: …" on the next line', middle: `Punkt 2:\nLukket: Salg af grund\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: '"X - Lukket"', middle: `Punkt 2: Salg af grund - Lukket\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: '"X [Lukket]"', middle: `Punkt 2: Salg af grund [Lukket]\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: '"Lukket punkt. X"', middle: `Punkt 2: Lukket punkt. Salg af grund\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: '"(Lukket) X"', middle: `Punkt 2: (Lukket) Salg af grund\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: '"X (Lukket møde)"', middle: `Punkt 2: Salg af grund (Lukket møde)\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: 'a body line "(Lukket)"', middle: `Punkt 2: Salg af grund\n\n(Lukket)\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  { name: 'a body line "Lukket punkt - fortroligt"', middle: `Punkt 2: Salg af grund\n\nLukket punkt - fortroligt\n\n${CLOSED_BODY}`, expected: ITEM_2_CLOSED },
  {
    name: '"Punkt 3: se bilag …" inside the closed body, the real "Punkt 3" after it',
    middle: `Punkt 2: Lukket: Salg af grund\n\n${CLOSED_BODY}\n\nPunkt 3: se bilag ${SECRET}\n\n${SECRET} Prisen er aftalt.`,
    expected: ITEM_2_CLOSED,
  },
];

describe("issue 11: closed-marker styles that leaked", () => {
  it.each(ISSUE_STYLES)("$name: number and title only, nothing of the body", ({ middle, expected }) => {
    const text = meetingWith(middle);
    const result = parseMinutes(text);
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.meeting.items.map((item): Summary[number] => [item.number, item.title, item.closed])).toEqual(expected);
    for (const item of result.meeting.items.filter((candidate) => candidate.closed)) expect(item.sections).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    const lines = text.split("\n");
    const secretLines = lines.flatMap((line, index) => (line.includes(SECRET) ? [index + 1] : []));
    expect(secretLines.length).toBeGreaterThan(0);
    for (const lineNo of secretLines) expect(result.droppedLineRanges.some((r) => r.from <= lineNo && lineNo <= r.to), `linje ${lineNo}`).toBe(true);
  });

  it('"(Lukket) (B)" keeps the template marker', () => {
    const result = parseMinutes(meetingWith(`Punkt 2: Salg af grund (Lukket) (B)\n\n${CLOSED_BODY}`));
    expect(result).toMatchObject({ ok: true, meeting: { items: [{}, { title: "Salg af grund", marker: "B", closed: true }, {}] } });
  });

  it('"Punkt 3: Se bilag" in a closed body does not start an item when the table of contents says otherwise', () => {
    const toc = "\nIndholdsfortegnelse\n\nGodkendelse af dagsorden.....\t3\nLukket: Salg af grund.....\t4\nEventuelt.....\t5\n";
    const middle = `Punkt 2: Lukket: Salg af grund\n\n${CLOSED_BODY}\n\nPunkt 3: Se bilag ${SECRET}\n\n${SECRET} Prisen er aftalt.`;
    const text = meetingWith(middle, { toc }).replace("Punkt 3: Eventuelt", "Punkt 4: Eventuelt");
    const result = parseMinutes(text);
    expect(result).toMatchObject({ ok: true, meeting: { items: [{ number: "1" }, { number: "2", closed: true }, { number: "4", title: "Eventuelt", closed: false }] } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.ok && result.meeting.warnings.some((warning) => /passer ikke med nummereringen/.test(warning.message))).toBe(true);
  });

  it('"Punkt 3: se bilag" in a closed body does not start an item even when no real item 3 follows and there is no table of contents', () => {
    const middle = `Punkt 2: Lukket: Salg af grund\n\n${CLOSED_BODY}\n\nPunkt 3: se bilag ${SECRET}\n\n${SECRET} Prisen er aftalt.`;
    const result = parseMinutes(meetingWith(middle).replace("Punkt 3: Eventuelt", "Punkt 4: Eventuelt"));
    expect(result).toMatchObject({ ok: true, meeting: { items: [{ number: "1" }, { number: "2", closed: true }, { number: "4", closed: false }] } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('"Punkt 3: se bilag" in an open item does not take the place of the real, closed item 3 further down', () => {
    const toc = "\nIndholdsfortegnelse\n\nGodkendelse af dagsorden.....\t3\nSalg af grund.....\t4\nLukket: Køb af ejendom.....\t5\nEventuelt.....\t6\n";
    const middle = `Punkt 2: Salg af grund\n\nSagsfremstilling\n\nPunkt 3: se bilag\n\nMere offentlig tekst.\n\nPunkt 3: Køb af ejendom\n\n${CLOSED_BODY}`;
    const result = parseMinutes(meetingWith(middle, { toc }).replace("Punkt 3: Eventuelt", "Punkt 4: Eventuelt"));
    expect(result).toMatchObject({
      ok: true,
      meeting: { items: [{ number: "1" }, { number: "2", closed: false }, { number: "3", title: "Køb af ejendom", closed: true }, { number: "4" }] },
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('"## Lukket dagsorden" as a Markdown section heading closes every later item of the Varde sample', () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), "../../data/samples");
    const sample = readFileSync(join(dir, "varde-2022-12-15-arbejdsmarked-og-integration.md"), "utf8");
    const text = sample.replace("## **Punkt 7:", "## Lukket dagsorden\n\n## **Punkt 7:");
    const result = parseMinutes(text);
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.meeting.items.map((item) => [item.number, item.closed])).toEqual([
      ["1", false], ["2", false], ["3", false], ["4", false], ["5", false], ["6", false], ["7", true], ["8", true], ["9", true],
    ]);
    expect(result.meeting.items[6]?.title).toBe("Økonomiopfølgning pr. 30.11.2022 - Udvalget for Arbejdsmarked og Integration");
  });

  it('a "Lukket møde" line in the header closes every item', () => {
    const text = meetingWith(`Punkt 2: Salg af grund\n\n${CLOSED_BODY}`).replace("Mødested", "Lukket møde\n\nMødested");
    const result = parseMinutes(text, { municipality: "Favrskov" });
    expect(result.ok && result.meeting.items.every((item) => item.closed)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it("an entry the table of contents marks closed closes its item, with a warning", () => {
    const toc = "\nIndholdsfortegnelse\n\nGodkendelse af dagsorden.....\t3\nFortroligt: Salg af grund.....\t4\nEventuelt.....\t5\n";
    const result = parseMinutes(meetingWith(`Punkt 2: Salg af grund\n\n${CLOSED_BODY}`, { toc }));
    expect(result).toMatchObject({ ok: true, meeting: { items: [{ closed: false }, { title: "Salg af grund", closed: true }, { closed: false }] } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.ok && result.meeting.warnings.some((warning) => warning.line === 21)).toBe(true);
  });

  it.each([
    ["with the titles the headings print", "Salg af grund.....\t4\nEventuelt.....\t5"],
    ["with titles that match no heading (the last items as many as the entries)", "Grundsalg.....\t4\nDiverse.....\t5"],
  ])('a "Lukket dagsorden" part of the table of contents closes its items, %s', (_, closedEntries) => {
    const toc = `\nIndholdsfortegnelse\n\nÅben dagsorden\nGodkendelse af dagsorden.....\t3\nLukket dagsorden\n${closedEntries}\n`;
    const text = meetingWith(`Punkt 2: Salg af grund\n\n${CLOSED_BODY}`, { toc }).replace("Intet.", `Intet. ${SECRET}`);
    const result = parseMinutes(text);
    expect(result).toMatchObject({ ok: true, meeting: { items: [{ closed: false }, { closed: true }, { closed: true }] } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it("a closed table-of-contents entry closes only its own item: not 'nr. 224' for 'nr. 22', not the second of two equal titles", () => {
    const toc =
      "\nIndholdsfortegnelse\n\nGodkendelse af dagsorden.....\t3\nLukket: Lokalplan nr. 22.....\t4\nLokalplan nr. 224.....\t5\nGodkendelse af dagsorden.....\t6\n";
    const middle = `Punkt 2: Lokalplan nr. 22\n\n${CLOSED_BODY}\n\nPunkt 3: Lokalplan nr. 224\n\nBeslutning\n\nGodkendt.\n\nPunkt 4: Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.`;
    const result = parseMinutes(meetingWith(middle, { toc }).replace("Punkt 3: Eventuelt", "Punkt 5: Eventuelt"));
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.meeting.items.map((item) => [item.number, item.closed])).toEqual([["1", false], ["2", true], ["3", false], ["4", false], ["5", false]]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it("a marker word anywhere in a title closes the item, keeps the title as printed and warns on the heading", () => {
    const result = parseMinutes(meetingWith(`Punkt 2: Orientering om lukket afdeling\n\n${CLOSED_BODY}`));
    expect(result).toMatchObject({ ok: true, meeting: { items: [{}, { title: "Orientering om lukket afdeling", closed: true }, {}] } });
    expect(result.ok && result.meeting.warnings).toEqual([{ line: 15, message: expect.stringMatching(/lukket/), text: "lukket" }]);
  });

  it("a marker line ending an item's body closes that item and the next, with warnings", () => {
    const middle = `Punkt 2: Salg af grund\n\nSagsfremstilling\n\nKøber tilbyder 2,1 mio. kr.\n\nSælger er kommunen.\n\nPrisen er aftalt.\n\nLukket`;
    const result = parseMinutes(meetingWith(middle));
    expect(result).toMatchObject({ ok: true, meeting: { items: [{ closed: false }, { closed: true }, { closed: true }] } });
    // Line 25 holds "Lukket", line 27 the heading of item 3.
    expect(result.ok && result.meeting.warnings.map((warning) => [warning.line, warning.text])).toEqual([[25, "Lukket"], [27, "lukket (linjen før punktet)"]]);
  });

  it('open items that say "lukket" in prose stay open, without warnings', () => {
    const middle = `Punkt 2: Vejarbejde på Tingvej

Lukket for gennemkørsel i uge 12, jf. skiltningen.

Sagsfremstilling

Vejen er lukket for trafik. Tilbuddet er lukket for tilgang af nye borgere.

Mødet blev i 2019 holdt for lukkede døre, men sagen er nu offentlig.

Fortrolige oplysninger fremgår ikke af sagen.

Beslutning

Godkendt.`;
    const result = parseMinutes(meetingWith(middle));
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.meeting.items.map((item) => item.closed)).toEqual([false, false, false]);
    expect(result.meeting.items[1]?.sections[0]?.text).toContain("Vejen er lukket for trafik.");
    expect(result.meeting.warnings.filter((warning) => /lukket/.test(warning.message))).toEqual([]);
  });
});
