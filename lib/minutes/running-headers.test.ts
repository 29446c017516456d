import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseMinutes, type ParsedMeeting, type ParseResult } from "./index";
import { normalizeText } from "./normalize";
import { furnitureKey, removeRunningHeaders } from "./running-headers";

const samplesDir = join(dirname(fileURLToPath(import.meta.url)), "../../data/samples");

/** Lines of `text` after normalisation and running-header removal. */
function cleanLines(text: string): string[] {
  const { lines, pageBreaks } = normalizeText(text);
  removeRunningHeaders(lines, pageBreaks);
  return lines.map((line) => line.text);
}

function parseOk(text: string): ParsedMeeting {
  const result = parseMinutes(text);
  if (!result.ok) throw new Error(result.error.reason);
  return result.meeting;
}

function sectionTexts(meeting: ParsedMeeting): string[] {
  return meeting.items.flatMap((item) => item.sections.map((section) => section.text));
}

// pdftotext of a FirstAgenda PDF: a running header on every page, "Side N af M" at the bottom,
// a form feed before each new page, and a paragraph broken across pages 1 and 2.
const VEJEN_PDF = [
  "Vejen Kommune · Økonomiudvalget · 19-03-2024",
  "",
  "REFERAT Økonomiudvalget d. 19-03-2024",
  "",
  "Mødedato Tirsdag d. 19. marts 2024 kl. 14:00",
  "",
  "Mødested Byrådssalen, Vejen Rådhus",
  "",
  "Punkt 1: Godkendelse af dagsorden",
  "",
  "24/1021",
  "",
  "Beslutning Økonomiudvalget den 19-03-2024",
  "",
  "Godkendt.",
  "",
  "Punkt 2: Budgetopfølgning pr. 29. februar 2024",
  "",
  "24/2211",
  "",
  "Sagsfremstilling",
  "",
  "Budgetopfølgningen viser et forventet merforbrug på driften på 4,2 mio. kr., som især skyldes",
  "Side 1 af 3",
  "\fVejen Kommune · Økonomiudvalget · 19-03-2024",
  "",
  "flere borgere på specialiserede tilbud og højere udgifter til energi.",
  "",
  "Forvaltningen foreslår, at merforbruget håndteres inden for udvalgets samlede ramme.",
  "",
  "Beslutning Økonomiudvalget den 19-03-2024",
  "",
  "Taget til efterretning.",
  "Side 2 af 3",
  "\fVejen Kommune · Økonomiudvalget · 19-03-2024",
  "",
  "Punkt 3: Anlægsregnskab for Vejen Idrætscenter",
  "",
  "23/9120",
  "",
  "Sagsfremstilling",
  "",
  "Anlægsregnskabet udviser et mindreforbrug på 0,3 mio. kr., som overføres til kassebeholdningen.",
  "",
  "Beslutning Økonomiudvalget den 19-03-2024",
  "",
  "Anbefales godkendt.",
  "Side 3 af 3",
  "\f",
].join("\n");

describe("page breaks", () => {
  it("are reported for form feeds and 'Side N' footers, before both disappear", () => {
    const { lines, pageBreaks } = normalizeText("Tekst på side 1\nSide 1 af 2\n\fTekst på side 2\nmere tekst\f\nSide 2");
    expect(lines.map((line) => line.text)).toEqual(["Tekst på side 1", "", "Tekst på side 2", "mere tekst", ""]);
    expect(pageBreaks).toEqual([2, 4, 5]);
  });
});

describe("furnitureKey", () => {
  it("treats page numbers as a wildcard and nothing else", () => {
    expect(furnitureKey("Faxe Kommune  Side 3 af 12")).toBe("Faxe Kommune Side # af #");
    expect(furnitureKey("Referat - Byrådet den 19. marts 2024      7")).toBe("Referat - Byrådet den 19. marts 2024 #");
    expect(furnitureKey("Vejen Kommune ·  Økonomiudvalget · 19-03-2024")).toBe("Vejen Kommune · Økonomiudvalget · 19-03-2024");
    expect(furnitureKey("15.00.00-G01-517-23")).toBe("15.00.00-G01-517-23");
    expect(furnitureKey("Bilag 2")).toBe("Bilag 2");
  });
});

describe("running headers and footers", () => {
  it("vejen PDF export: the header repeated on every page leaves the section text", () => {
    const meeting = parseOk(VEJEN_PDF);
    expect(sectionTexts(meeting).filter((text) => text.includes("Vejen Kommune · Økonomiudvalget"))).toEqual([]);
    expect(meeting.items[1]?.sections[0]).toMatchObject({
      heading: "Sagsfremstilling",
      text:
        "Budgetopfølgningen viser et forventet merforbrug på driften på 4,2 mio. kr., som især skyldes flere borgere på " +
        "specialiserede tilbud og højere udgifter til energi.\n\nForvaltningen foreslår, at merforbruget håndteres inden for udvalgets samlede ramme.",
    });
    expect(meeting.items[1]?.decision).toBe("Taget til efterretning.");
  });

  it("vejen PDF export: keeps the first occurrence, which is part of the meeting header", () => {
    const lines = cleanLines(VEJEN_PDF);
    expect(lines[0]).toBe("Vejen Kommune · Økonomiudvalget · 19-03-2024");
    expect(lines.filter((text) => text.includes("Vejen Kommune ·"))).toHaveLength(1);
    expect(parseOk(VEJEN_PDF)).toMatchObject({ municipality: "Vejen Kommune", committee: "Økonomiudvalget", date: "2024-03-19", startTime: "14:00" });
  });

  it("a two-page document: the title line on both pages is the header on page 1 and furniture on page 2", () => {
    const text = [
      "Referat - Byrådet den 19. marts 2024",
      "",
      "Mødetidspunkt kl. 17:00",
      "Mødested Byrådssalen, Vejen Rådhus",
      "",
      "Punkt 1: Godkendelse af dagsorden",
      "",
      "Beslutning",
      "",
      "Godkendt.",
      "",
      "Punkt 2: Orientering om udvalgets arbejde",
      "",
      "Sagsfremstilling",
      "",
      "Udvalget har i perioden særligt haft fokus på",
      "Side 1 af 2",
      "\fReferat - Byrådet den 19. marts 2024",
      "",
      "borgernes adgang til digitale selvbetjeningsløsninger.",
      "",
      "Beslutning",
      "",
      "Taget til efterretning.",
      "Side 2 af 2",
    ].join("\n");
    const meeting = parseOk(text);
    expect(meeting).toMatchObject({ committee: "Byrådet", date: "2024-03-19", startTime: "17:00" });
    expect(meeting.items[1]?.sections[0]?.text).toBe(
      "Udvalget har i perioden særligt haft fokus på borgernes adgang til digitale selvbetjeningsløsninger.",
    );
  });

  it("faxe: a footer that carries its own page number is a page break without form feeds, and still names the municipality", () => {
    const page = (no: number, body: string[]): string[] => [...body, "", `Faxe Kommune  Side ${no} af 4`, ""];
    const text = [
      "REFERAT Beskæftigelses & Integrationsudvalget d. 06-11-2023",
      "",
      "Mødedato Mandag d. 06. november 2023 kl. 19:00",
      "",
      ...page(1, ["Punkt 83: Godkendelse af dagsorden", "", "00.00.00-A00-3-23", "", "Beslutning", "", "Godkendt."]),
      ...page(2, ["Punkt 84: Orientering om Banebryderne", "", "15.00.00-A00-28-23", "", "Sagsfremstilling", "", "Samarbejdet mellem Jobcenteret og Banebryderne er baseret på en politisk beslutning."]),
      ...page(3, ["Der har i år 2023 været 128 kendte brugere af indsatsen ved Banebryderne.", "", "Beslutning", "", "Orienteringen blev taget til efterretning."]),
      ...page(4, ["Punkt 85: Meddelelser", "", "00.22.04-A00-5-18", "", "Beslutning", "", "Intet."]),
    ].join("\n");
    const meeting = parseOk(text);
    expect(meeting.municipality).toBe("Faxe Kommune");
    expect(sectionTexts(meeting).filter((section) => section.includes("Side"))).toEqual([]);
    expect(meeting.items[1]?.sections[0]?.text).toBe(
      "Samarbejdet mellem Jobcenteret og Banebryderne er baseret på en politisk beslutning.\n\n" +
        "Der har i år 2023 været 128 kendte brugere af indsatsen ved Banebryderne.",
    );
  });

  it("a footer next to a 'Side N' line goes, also on the page where it follows a heading", () => {
    const footer = "Vejen Kommune · Økonomiudvalget · 19-03-2024";
    const lines = cleanLines(
      [
        "Punkt 1: Budgetopfølgning",
        "Første side med tekst om budgettet", footer, "Side 1",
        "Anden side med tekst om anlæg", footer, "Side 2",
        "Tredje side med tekst om drift", "Beslutning", footer, "Side 3",
        "Godkendt med bemærkninger", footer, "Side 4",
      ].join("\n"),
    );
    expect(lines.filter((text) => text === footer)).toEqual([]);
    expect(lines).toContain("Godkendt med bemærkninger");
  });

  it("a numbered list broken by a page break continues as one list without the running header", () => {
    const header = "Lemvig Kommune · Arbejdsmarkeds- og Integrationsudvalget · 05-03-2025";
    const text = [
      "REFERAT Arbejdsmarkeds- og Integrationsudvalget d. 05-03-2025",
      "Mødedato Onsdag d. 05. marts 2025 kl. 15:00",
      "Punkt 1: Fokuspunkter fra ledelsesinformation",
      "Sagsfremstilling",
      "Udvalget har udpeget følgende fokuspunkter:",
      "1. Ledighed blandt unge under 30 år",
      "2. Varighed af sygedagpengeforløb",
      "3. Andelen af borgere i fleksjob med få timer",
      "Side 1",
      `\f${header}`,
      "4. Integrationsborgeres vej til ordinær beskæftigelse",
      "5. Virksomhedsrettede tilbud",
      "Side 2",
      `\f${header}`,
      "Beslutning",
      "Drøftet.",
      "Side 3",
      `\f${header}`,
      "Punkt 2: Meddelelser",
      "Beslutning",
      "Taget til efterretning.",
      "Side 4",
    ].join("\n");
    const section = parseOk(text).items[0]?.sections[0];
    expect(section?.blocks).toEqual([
      { type: "paragraph", text: "Udvalget har udpeget følgende fokuspunkter:" },
      {
        type: "list",
        ordered: true,
        items: [
          "Ledighed blandt unge under 30 år",
          "Varighed af sygedagpengeforløb",
          "Andelen af borgere i fleksjob med få timer",
          "Integrationsborgeres vej til ordinær beskæftigelse",
          "Virksomhedsrettede tilbud",
        ],
      },
    ]);
  });

  it("running headers on the pages of a closed item never name the municipality", () => {
    const footer = (no: number): string => `Favrskov Kommune  Side ${no} af 4`;
    const text = [
      "REFERAT Økonomiudvalget d. 12-05-2021",
      "Mødedato Onsdag d. 12. maj 2021 kl. 16:00",
      "Punkt 1: Godkendelse af dagsorden",
      "Beslutning",
      "Godkendt.",
      "Punkt 2: Lukket: Salg af grund",
      "Sagsfremstilling",
      "Køber tilbyder en pris for grunden",
      footer(1),
      "og forvaltningen har vurderet buddet",
      footer(2),
      "ud fra en ekstern vurdering af grunden",
      footer(3),
      "Beslutning",
      "Godkendt",
      footer(4),
    ].join("\n");
    expect(parseMinutes(text)).toMatchObject({ ok: false, error: { reason: expect.stringMatching(/Kommunen kunne ikke udledes/) } });
    expect(parseMinutes(text, { municipality: "Favrskov" }).ok).toBe(true);
  });

  it("keeps a line repeated in the body when it is not at page boundaries", () => {
    const header = "Faxe Kommune · Beskæftigelses & Integrationsudvalget · 06-11-2023";
    const absent = "Nellie Bradsted (V) deltog ikke i behandlingen af punktet";
    const page = (body: string): string[] => [header, "", body, "", absent, "", "Sagen blev drøftet indgående af udvalget.", "", "Yderligere bemærkninger fra forvaltningen."];
    const lines = cleanLines([...page("Første side."), "\f", ...page("Anden side."), "\f", ...page("Tredje side.")].join("\n"));
    expect(lines.filter((text) => text === absent)).toHaveLength(3);
    expect(lines.filter((text) => text === header)).toHaveLength(1);
  });

  it("keeps the decisions, names and case numbers that end or open items on every page", () => {
    const item = (no: number): string[] => [
      `Punkt ${no}: Orientering om sygedagpenge`,
      "00.00.00-A00-3-23",
      "Sagsfremstilling",
      `Tekst om punkt ${no} med tal for sygedagpengeområdet.`,
      "Fraværende",
      "Nellie Bradsted (V)",
      "Beslutning",
      "Drøftet",
    ];
    const lines = cleanLines([1, 2, 3, 4].map((no) => item(no).join("\n")).join("\n\f"));
    expect(lines.filter((text) => text === "Drøftet")).toHaveLength(4);
    expect(lines.filter((text) => text === "Nellie Bradsted (V)")).toHaveLength(4);
    expect(lines.filter((text) => text === "00.00.00-A00-3-23")).toHaveLength(4);
  });

  it("keeps a recurring body line that reaches a page edge on only a few of many pages", () => {
    const header = "Varde Kommune · Udvalget for Arbejdsmarked og Integration";
    const pages = [1, 2, 3, 4, 5, 6, 7, 8].map((no) =>
      [header, ...(no <= 3 ? ["Birger Filskov"] : []), `Tekst på side ${no} om sygedagpenge og jobafklaring.`, "Beslutning"].join("\n"),
    );
    const lines = cleanLines(pages.join("\n\f"));
    expect(lines.filter((text) => text === "Birger Filskov")).toHaveLength(3);
    expect(lines.filter((text) => text === header)).toHaveLength(1);
  });

  it("keeps a body line equal to a two-line header's second line when it stands elsewhere on the page", () => {
    const page = (body: string[]): string => ["Faxe Kommune", "Beskæftigelses & Integrationsudvalget", ...body].join("\n");
    const lines = cleanLines(
      [
        page(["Punkt 83: Godkendelse af dagsorden", "Beslutning", "Godkendt."]),
        page(["Tekst om Banebryderne og samarbejdet med jobcentret.", "Sagen afgøres af", "Beskæftigelses & Integrationsudvalget"]),
        page(["Tekst om fleksjob og ledighedsprocenten i kommunen.", "Beslutning", "Taget til efterretning."]),
      ].join("\n\f"),
    );
    expect(lines).toEqual([
      "Faxe Kommune", "Beskæftigelses & Integrationsudvalget", "Punkt 83: Godkendelse af dagsorden", "Beslutning", "Godkendt.",
      "", "", "Tekst om Banebryderne og samarbejdet med jobcentret.", "Sagen afgøres af", "Beskæftigelses & Integrationsudvalget",
      "", "", "Tekst om fleksjob og ledighedsprocenten i kommunen.", "Beslutning", "Taget til efterretning.",
    ]);
  });

  it("keeps a line that stands at a page break on fewer than three pages", () => {
    const header = "Vejen Kommune · Økonomiudvalget · 19-03-2024";
    const lines = cleanLines(["Side et", header, "\fSide to", "\fSide tre", header, "\fSide fire"].join("\n"));
    expect(lines.filter((text) => text === header)).toHaveLength(2);
  });
});

/** The result without source line numbers, which pagination shifts. */
function withoutLineNumbers(result: ParseResult): unknown {
  return JSON.parse(JSON.stringify(result, (key, value: unknown) => (key === "line" || key === "droppedLineRanges" ? undefined : value)));
}

/** The text as a PDF export prints it: pages of about `size` lines (broken at blank lines), a header from page 2, a numbered footer. */
function paginate(text: string, size: number, header: string, footer: (no: number, total: number) => string): string {
  const pages: string[][] = [[]];
  for (const line of text.split("\n")) {
    const current = pages[pages.length - 1] ?? [];
    if (current.length >= size && line.trim() === "") pages.push([line]);
    else current.push(line);
  }
  return pages.map((lines, index) => [...(index > 0 ? [header] : []), ...lines, footer(index + 1, pages.length)].join("\n")).join("\n\f");
}

describe.each(readdirSync(samplesDir))("sample %s as a PDF text export", (file) => {
  const text = readFileSync(join(samplesDir, file), "utf8");
  const original = parseMinutes(text);
  if (!original.ok) throw new Error(original.error.reason);
  const { municipality, committee } = original.meeting;
  const header = `${municipality} · ${committee} · ${original.meeting.date.split("-").reverse().join("-")}`;

  it.each([17, 30, 55])("with pages of about %i lines parses like the text export", (size) => {
    const withCombinedFooter = paginate(text, size, header, (no, total) => `${municipality}  Side ${no} af ${total}`);
    const withPageFooter = paginate(text, size, header, (no) => `Side ${no}`);
    expect(withoutLineNumbers(parseMinutes(withCombinedFooter))).toEqual(withoutLineNumbers(original));
    expect(withoutLineNumbers(parseMinutes(withPageFooter))).toEqual(withoutLineNumbers(original));
  });
});
