import { describe, expect, it } from "vitest";
import { buildBlocks, renderBlocks } from "./blocks";
import { extractKle, isBareCaseNumber } from "./case-number";
import { findDanishDate, findTimes } from "./danish-date";
import { cleanCommitteeName } from "./header";
import { MUNICIPALITIES, inferMunicipality, resolveMunicipality } from "./municipalities";
import { normalizeText } from "./normalize";
import { classifyOutcome } from "./outcome";
import { parseAbsentNames, parseNameList } from "./participants";

describe("outcome", () => {
  it.each([
    ["Godkendt.", "approved"],
    ["Arbejdsmarkedsudvalget bevilgede pulje på 100.000 kr.", "approved"],
    ["Anbefales.", "recommended"],
    ["Indstilles godkendt.", "recommended"],
    ["Udvalget anbefaler Økonomiudvalget og Byrådet at godkende strategien.", "recommended"],
    ["Taget til efterretning.", "noted"],
    ["Til efterretning.\n\n- Virksomhedsbesøg aflyses.", "noted"],
    ["Drøftet.", "discussed"],
    ["Drøftet og godkendt.", "approved"],
    ["Udsat.", "postponed"],
    ["Sagen udsættes.", "postponed"],
    ["Ikke godkendt.", "rejected"],
    ["Afvist.", "rejected"],
    ["Intet.", "none"],
    [null, "none"],
    ["Udvalget ønsker en beskæftigelsesplan for 2024.", "other"],
  ] as const)("%j → %s", (decision, outcome) => {
    expect(classifyOutcome(decision)).toBe(outcome);
  });
});

describe("dates and times", () => {
  it("reads Danish dates in every printed form", () => {
    expect(findDanishDate("Tirsdag d. 19. marts 2024 kl. 14:00")).toBe("2024-03-19");
    expect(findDanishDate("Mandag den 6. oktober 2014")).toBe("2014-10-06");
    expect(findDanishDate("04-06-2020 09:00:00")).toBe("2020-06-04");
    expect(findDanishDate("15.12.2022")).toBe("2022-12-15");
    expect(findDanishDate("31. februar 2020")).toBeNull();
  });
  it("reads times, but not amounts", () => {
    expect(findTimes("kl. 19.00-22.00")).toEqual(["19:00", "22:00"]);
    expect(findTimes("9:30-11:00")).toEqual(["09:30", "11:00"]);
    expect(findTimes("04-06-2020 09:00:00")).toEqual(["09:00"]);
    expect(findTimes("i alt 2.390 kr. og 1.50 kr.")).toEqual([]);
  });
});

describe("municipalities", () => {
  it("ships Denmark's 98 municipalities, without Christiansø", () => {
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(98);
    expect(MUNICIPALITIES.map((m) => m.name)).toEqual(
      expect.arrayContaining(["Københavns Kommune", "Frederiksberg Kommune", "Bornholms Regionskommune", "Læsø Kommune", "Fanø Kommune", "Ærø Kommune", "Samsø Kommune"]),
    );
    expect(resolveMunicipality("Christiansø")).toBeNull();
  });
  it("infers only when the text decides", () => {
    expect(inferMunicipality("", "Vejle Kommune og Vejle Kommune og Herning Kommune")?.name).toBe("Vejle Kommune");
    expect(inferMunicipality("", "Vejle Kommune og Herning Kommune")).toBeNull();
    expect(inferMunicipality("Mødested Kongeåen, Vejen Rådhus", "Kolding Kommune Kolding Kommune")?.name).toBe("Vejen Kommune");
  });
});

describe("small rules", () => {
  it("cleans committee names", () => {
    expect(cleanCommitteeName("Arbejdsmarkedsudvalget - 2022-2025")).toBe("Arbejdsmarkedsudvalget");
    expect(cleanCommitteeName("Udvalget for arbejdsmarked og integration 2022-2025 d. 19-03-2024")).toBe("Udvalget for arbejdsmarked og integration");
  });
  it("recognises case numbers and their KLE code", () => {
    for (const value of ["24/3579", "EMN-2022-81268", "15.00.00-A00-28-23", "85.02.02P35-55-21"]) expect(isBareCaseNumber(value)).toBe(true);
    expect(isBareCaseNumber("19-03-2024 er datoen")).toBe(false);
    expect(extractKle("85.02.02P35-55-21")).toBe("85.02.02");
    expect(extractKle("24/3579")).toBeNull();
  });
  it("reads names, parties and absences", () => {
    expect(parseNameList("Hans Hansen (V), Grete Nielsen (A) og Lise Berg")).toEqual([
      { name: "Hans Hansen", party: "V" },
      { name: "Grete Nielsen", party: "A" },
      { name: "Lise Berg", party: null },
    ]);
    expect(parseAbsentNames("Nellie Bradsted (V). Som stedfortræder deltog Henrik Rützou Aakast (V).")).toEqual(["Nellie Bradsted"]);
    expect(parseAbsentNames("Sarah er ca. 1 time forsinket")).toEqual([]);
  });
  it("normalises CRLF, NBSP, soft hyphens and page footers", () => {
    const { lines } = normalizeText("Der er kommet 3 hø-\r\nringssvar\u00a0i alt.\r\nSide 3\r\nArbejdsmarkeds-\nog Integrationsudvalget");
    expect(lines.map((line) => line.text)).toEqual(["Der er kommet 3 høringssvar i alt.", "", "", "Arbejdsmarkeds- og Integrationsudvalget", ""]);
  });
  it("builds paragraphs, lists and tables", () => {
    const lines = ["Indledning", "", "- a", "- b", "", "1. Første", "", "2. Anden", "", "Post\tBeløb", "Mål\t30.000"].map((text, index) => ({
      no: index + 1,
      text,
      isMarked: false,
    }));
    expect(buildBlocks(lines)).toEqual([
      { type: "paragraph", text: "Indledning" },
      { type: "list", ordered: false, items: ["a", "b"] },
      { type: "list", ordered: true, items: ["Første", "Anden"] },
      { type: "table", rows: [["Post", "Beløb"], ["Mål", "30.000"]] },
    ]);
  });
});

describe("ordered lists that do not start at 1", () => {
  const toLines = (texts: string[]) => texts.map((text, index) => ({ no: index + 1, text, isMarked: false }));

  it("a numbered list continued after a paragraph keeps its start number", () => {
    const blocks = buildBlocks(
      toLines([
        "1. Ansættelse af en medarbejder målrettet indsatsen",
        "2. Progression i fleksjob",
        "",
        "Ved den løbende opfølgning er der særligt fokus på arbejdsevnen.",
        "",
        "3. Styrket internt samarbejde om sygefravær",
        "4. Fokus på ledighedsprocenten",
      ]),
    );
    expect(blocks).toEqual([
      { type: "list", ordered: true, items: ["Ansættelse af en medarbejder målrettet indsatsen", "Progression i fleksjob"] },
      { type: "paragraph", text: "Ved den løbende opfølgning er der særligt fokus på arbejdsevnen." },
      { type: "list", ordered: true, start: 3, items: ["Styrket internt samarbejde om sygefravær", "Fokus på ledighedsprocenten"] },
    ]);
    expect(renderBlocks(blocks)).toContain("3. Styrket internt samarbejde om sygefravær\n4. Fokus på ledighedsprocenten");
  });

  it("a list continued at the top of a section's next page, items across blank lines and continuation lines", () => {
    const blocks = buildBlocks(toLines(["4. Status på Ukraineindsatsen", "med tal fra januar", "", "5. Kend din Kommune", "6) Meddelelser"]));
    expect(blocks).toEqual([
      { type: "list", ordered: true, start: 4, items: ["Status på Ukraineindsatsen\nmed tal fra januar", "Kend din Kommune", "Meddelelser"] },
    ]);
  });

  it("a lettered recommendation becomes a lettered list, from any letter", () => {
    const blocks = buildBlocks(
      toLines([
        "Direktøren indstiller,",
        "",
        "a) at udvalget godkender projektbeskrivelsen,",
        "b) at projektet finansieres af puljen til beskæftigelse, og",
        "c) at udvalget orienteres om resultaterne i 2025.",
        "",
        "Udvalget besluttede derudover:",
        "",
        "d) at sagen sendes i høring,",
        "e) at høringssvarene forelægges udvalget.",
      ]),
    );
    expect(blocks).toEqual([
      { type: "paragraph", text: "Direktøren indstiller," },
      {
        type: "list",
        ordered: true,
        numbering: "lower-alpha",
        items: ["at udvalget godkender projektbeskrivelsen,", "at projektet finansieres af puljen til beskæftigelse, og", "at udvalget orienteres om resultaterne i 2025."],
      },
      { type: "paragraph", text: "Udvalget besluttede derudover:" },
      { type: "list", ordered: true, numbering: "lower-alpha", start: 4, items: ["at sagen sendes i høring,", "at høringssvarene forelægges udvalget."] },
    ]);
    expect(renderBlocks(blocks)).toContain("d) at sagen sendes i høring,\ne) at høringssvarene forelægges udvalget.");
  });

  it("lines that merely start with a number, lone items and gaps in the count stay paragraphs", () => {
    const cases = [
      ["2024 blev budgettet overholdt på driften.", "2025 forventes et mindreforbrug på 0,3 mio. kr."],
      ["3. Styrket internt samarbejde om sygefravær", "", "Det kan fx være borgere med mange sygefraværsdage."],
      ["3. Styrket internt samarbejde", "", "Det kan fx være borgere med mange sygefraværsdage.", "", "4. Fokus på ledighedsprocenten"],
      ["4. Status på Ukraineindsatsen", "6. Meddelelser"],
      ["12. marts blev sagen behandlet i byrådet.", "13. marts blev den sendt i høring."],
      ["b) at udvalget godkender projektet"],
    ];
    for (const texts of cases) {
      expect(buildBlocks(toLines(texts)).every((block) => block.type === "paragraph"), texts.join(" / ")).toBe(true);
    }
  });
});
