import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseMinutes, type ParsedMeeting } from "./index";

const samplesDir = join(dirname(fileURLToPath(import.meta.url)), "../../data/samples");

function parseSample(file: string): ParsedMeeting {
  const result = parseMinutes(readFileSync(join(samplesDir, file), "utf8"));
  if (!result.ok) throw new Error(result.error.reason);
  return result.meeting;
}

function summary(meeting: ParsedMeeting): string[] {
  return meeting.items.map((item) => `${item.number}|${item.title}|${item.caseNumber}|${item.closed}|${item.outcome}`);
}

// Hand-checked against the documents; the goldens hold the full output.
describe("vejen-2024-03-19: 'Beslutning <udvalg> den dd-mm-yyyy', markers (B)/(C), closed 'Lukket: Eventuelt'", () => {
  const meeting = parseSample("vejen-2024-03-19-arbejdsmarked-og-integration.txt");
  it("reads the header", () => {
    expect(meeting).toMatchObject({
      municipality: "Vejen Kommune",
      committee: "Udvalget for arbejdsmarked og integration",
      kind: "referat",
      date: "2024-03-19",
      startTime: "14:00",
      endTime: null,
      location: "Kongeåen (3. sal) Vejen Rådhus",
    });
    expect(meeting.participants.map((p) => p.name)).toEqual([
      "Morten Thorøe", "Knud Peter Wad", "Peter Svane", "Martin Clausen", "Henrik Pihl Jessen", "Tanja Bachmann Hansen", "Henny Schøler",
    ]);
  });
  it("reads every item", () => {
    expect(summary(meeting)).toEqual([
      "1|Temadrøftelse - Bæredygtighed (ESG)|24/3579|false|discussed",
      "2|Godkendelse efter høring af ny beredskabsplan for negativ social kontrol, æresrelaterede konflikter og ekstremisme|23/21342|false|recommended",
      "3|Overførsel af uforbrugte budgetbeløb fra 2023-2024 - Udvalget for arbejdsmarked og integration|24/3937|false|recommended",
      "4|Orientering om sygedagpenge|24/3580|false|noted",
      "5|Status på indsatsen Sund i Job 2023|18/3549|false|approved",
      "6|Orientering om erfaringer fra projekt Fritidspas|20/23234|false|noted",
      "7|Ledelsesinformation for 4. kvartal 2023 UAI|18/13592|false|discussed",
      "8|Drøftelse af Budget 2025-2028 (Udvalget for arbejdsmarked og integration)|24/3863|false|discussed",
      "9|Månedlig budgetopfølgning - februar 2023|24/212|false|noted",
      "10|Efterretning|24/187|false|none",
      "11|Eventuelt|null|true|none",
      "12|Underskriftsark|null|false|none",
    ]);
    expect(meeting.items.map((item) => item.marker)).toEqual(["B", "C", "C", "B", "B", "B", "B", "B", "B", "B", "B", "B"]);
    expect(meeting.items[1]?.decision).toBe("Indstilles godkendt.");
    expect(meeting.items[9]?.decision).toBe("Intet.");
  });
});

describe("varde-2022-12-15: Markdown, repeated item header, embedded decision of another committee", () => {
  const meeting = parseSample("varde-2022-12-15-arbejdsmarked-og-integration.md");
  it("reads the header", () => {
    expect(meeting).toMatchObject({
      municipality: "Varde Kommune",
      committee: "Udvalget for Arbejdsmarked og Integration",
      date: "2022-12-15",
      startTime: "08:00",
      location: "BCV - Mødelokale 8+9",
      participants: [],
    });
  });
  it("reads every item once", () => {
    expect(summary(meeting)).toEqual([
      "1|Godkendelse af dagsorden|null|false|approved",
      "2|Temadrøftelse om ressourceforløb og rehabiliteringsteam|EMN-2022-81268|false|noted",
      "3|Orientering - sygedagpenge og jobafklaring, december 2022|EMN-2022-81268|false|noted",
      "4|Eventuel videreførelse af Beskæftigelsesplan fra 2024|EMN-2022-81268|false|other",
      "5|Årsplan 2023|EMN-2022-81268|false|approved",
      "6|Orientering - Forankring af en Sammenhængende Familieindsats|EMN-2022-81268|false|noted",
      "7|Økonomiopfølgning pr. 30.11.2022 - Udvalget for Arbejdsmarked og Integration|EMN-2022-81268|false|postponed",
      "8|Gensidig orientering|null|true|none",
      "9|Underskriftsside|null|false|none",
    ]);
  });
  it("takes the committee's own decision, not the quoted one of Udvalget for Børn og Læring", () => {
    const item = meeting.items[5];
    expect(item?.decision).toBe("Orienteringen blev taget til efterretning.");
    expect(item?.absent).toEqual(["Birger Filskov"]);
    expect(item?.sections.find((s) => s.heading.startsWith("Beslutning Udvalget for Børn"))?.kind).toBe("tidligere_behandling");
    expect(item?.attachments).toEqual(["En sammenhængende familieindsats", "Familieindsatsen 2020 faktaark.pdf"]);
  });
  it("splits Varde's 'Fraværende' inside 'Beslutning'", () => {
    expect(meeting.items[0]?.decision).toBe("Godkendt");
    expect(meeting.items[4]?.absent).toEqual(["Birger Filskov"]);
    expect(meeting.items[8]?.decision).toBeNull();
  });
});

describe("faxe-2023-11-06: numbers continue across the year, 'Fraværende:' per item, bare 'Lukket:'", () => {
  const meeting = parseSample("faxe-2023-11-06-beskaeftigelse-og-integration.txt");
  it("reads the header with the end time printed in the location", () => {
    expect(meeting).toMatchObject({
      municipality: "Faxe Kommune",
      committee: "Beskæftigelses & Integrationsudvalget",
      date: "2023-11-06",
      startTime: "19:00",
      endTime: "22:00",
      location: "Udvalgslokale 2",
    });
  });
  it("reads every item", () => {
    expect(meeting.items.map((item) => item.number)).toEqual(["83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93"]);
    expect(meeting.items[0]?.caseNumber).toBe("00.00.00-A00-3-23");
    expect(meeting.items[1]).toMatchObject({ caseNumber: "15.00.00-A00-28-23", kle: "15.00.00", decision: "Godkendt.", outcome: "approved" });
    expect(meeting.items[9]).toMatchObject({ number: "92", title: "Lukket", closed: true, sections: [] });
    for (const item of meeting.items.filter((i) => !i.closed)) expect(item.absent).toEqual(["Nellie Bradsted"]);
  });
});

describe("vejle-2023-11-23: KLE journal numbers, '<direktør> indstiller'", () => {
  const meeting = parseSample("vejle-2023-11-23-arbejdsmarkedsudvalget.txt");
  it("reads header and items", () => {
    expect(meeting).toMatchObject({ municipality: "Vejle Kommune", committee: "Arbejdsmarkedsudvalget", date: "2023-11-23", startTime: "08:30" });
    expect(summary(meeting)).toEqual([
      "90|Opsamling på temaet udsathed|15.00.00-G01-517-23|false|discussed",
      "91|Opfølgning på indkaldelsesbreve til borgere|15.00.00-G01-755-23|false|noted",
      "92|2. behandling af Strategi for beskæftigelsesindsatsen i Vejle Kommune 2024-2027|15.00.00-P22-1-23|false|recommended",
      "93|Tværkommunal borgerundersøgelse og virksomhedsfeedback|15.00.00-G01-19-21|false|noted",
      "94|Orientering om klagesager|15.00.00-K00-1-21|false|noted",
      "95|Indkøb af touchskærme|15.00.00-G01-756-23|false|approved",
      "96|Meddelelser|00.22.04-A00-5-18|false|approved",
      "97|Deltagelse i aktiviteter|81.14.00-G01-2-18|false|other",
      "98|Beslutningsprotokol til digital godkendelse af Arbejdsmarkedsudvalget|00.22.04-P35-4-18|false|approved",
    ]);
    expect(meeting.items[0]?.sections.map((s) => s.kind)).toEqual(["resume", "sagsfremstilling", "other", "indstilling", "beslutning"]);
  });
});

describe("lemvig-2025-03-05: 'Resumé', 'Sagen afgøres endeligt af', KLE without separator", () => {
  const meeting = parseSample("lemvig-2025-03-05-arbejdsmarked-og-integration.txt");
  it("reads header and items", () => {
    expect(meeting).toMatchObject({
      municipality: "Lemvig Kommune",
      committee: "Arbejdsmarkeds- og Integrationsudvalget",
      date: "2025-03-05",
      startTime: "15:00",
      location: "Udvalgsværelse 2",
    });
    expect(meeting.participants).toHaveLength(5);
    expect(summary(meeting)).toEqual([
      "1|Dialogmøde mellem Integrationsforeningen og Arbejdsmarkeds- og Integrationsudvalget|85.02.02P35-55-21|false|discussed",
      "2|Status på Ukraineindsatsen|03.25.01P21-1-00|false|noted",
      "3|Regnskab 2024 for Arbejdsmarkeds- og Integrationsudvalget|00.32.10K07-1-25|false|noted",
      "4|Projekt Coachende Samtale|29.09.04P20-1-22|false|recommended",
      "5|Kend din Kommune - Beskæftigelsesområdet 2025|15.00.00G01-2-25|false|discussed",
      "6|Fokuspunkter fra ledelsesinformation|15.17.00G01-1-24|false|discussed",
      "7|Meddelelser|85.02.02A26-5-24|false|noted",
      "8|Godkendelse af referat|85.02.02P35-55-21|false|approved",
    ]);
    expect(meeting.items[0]?.kle).toBe("85.02.02");
    expect(meeting.items[1]?.sections.map((s) => s.heading)).toContain("Sagen afgøres endeligt af");
    expect(meeting.items[0]?.sections[0]).toMatchObject({ heading: "Resumé", kind: "resume", line: 26 });
  });
});
