import { describe, expect, it } from "vitest";
import { parseMinutes, type ParsedMeeting } from "./index";
import { MISSING_START_TIME } from "./parse-minutes";

/** A small Vejen meeting whose header lines after the title are `headerLines`. */
function minutes(headerLines: string[], title = "REFERAT Økonomiudvalget d. 19-03-2024"): string {
  return [
    "Vejen Kommune",
    "",
    title,
    "",
    ...headerLines.flatMap((line) => [line, ""]),
    "Punkt 1: Orientering om sygedagpenge",
    "",
    "Sagsfremstilling",
    "",
    "Antallet af sager er faldet i Vejen Kommune.",
    "",
    "Beslutning",
    "",
    "Taget til efterretning.",
    "",
  ].join("\n");
}

function parseOk(text: string): ParsedMeeting {
  const result = parseMinutes(text);
  if (!result.ok) throw new Error(`expected a meeting, got: ${result.error.reason}`);
  return result.meeting;
}

const TIME_LABELS = ["Mødetidspunkt", "Tidspunkt", "Tid", "Klokken", "Klokkeslæt", "Mødestart", "Møde start", "Starttidspunkt", "Starttid", "Start", "Mødetid"];
const LOCATION_LABELS = ["Mødested", "Sted", "Lokale", "Mødelokale", "Lokation", "Adresse", "Mødeadresse"];
const DATE_LABELS = ["Dato", "Mødedato", "Afholdt", "Afholdt den", "Mødedag", "Afholdelsesdato"];

describe("meeting header labels", () => {
  it.each(TIME_LABELS.flatMap((label) => [`${label}: 14.00-16.30`, `${label.toUpperCase()}: 14:00 - 16:30`]))("reads the time from %s", (line) => {
    const meeting = parseOk(minutes([line]));
    expect([meeting.startTime, meeting.endTime]).toEqual(["14:00", "16:30"]);
    expect(meeting.warnings).toEqual([]);
  });

  it.each(["Mødetidspunkt 14.00", "Mødestart kl. 14.00", "Klokken 14.00", "Mødetid 14:00"])("reads the time from %s without a colon", (line) => {
    expect(parseOk(minutes([line])).startTime).toBe("14:00");
  });

  it.each(["Sluttidspunkt: 16.30", "Slut: 16.30", "Sluttid: 16.30", "Mødeslut 16.30", "Møde slut: 16.30"])("reads the end time from %s", (line) => {
    expect(parseOk(minutes(["Tidspunkt: 14.00", line])).endTime).toBe("16:30");
  });

  it.each(LOCATION_LABELS)("reads the place from %s", (label) => {
    expect(parseOk(minutes(["Tidspunkt: 14.00", `${label}: Byrådssalen, Vejen Rådhus`])).location).toBe("Byrådssalen, Vejen Rådhus");
  });

  it.each(DATE_LABELS)("reads the date from %s", (label) => {
    const meeting = parseOk(minutes([`${label}: 20. marts 2024 kl. 14.00`], "REFERAT Økonomiudvalget"));
    expect([meeting.date, meeting.startTime]).toEqual(["2024-03-20", "14:00"]);
  });

  it.each(["Deltagere", "Medlemmer", "Til stede", "Tilstede", "Fremmødte"])("reads the participants from %s", (label) => {
    expect(parseOk(minutes(["Tidspunkt: 14.00", `${label}: Anna Hansen (V), Bo Jensen (A)`])).participants).toEqual([
      { name: "Anna Hansen", party: "V" },
      { name: "Bo Jensen", party: "A" },
    ]);
  });

  // A municipality's new template: "Mødebegyndelse" is a label the parser does not know.
  it("keeps a meeting whose time has an unknown label, without a time and with warnings", () => {
    const result = parseMinutes(minutes(["Mødebegyndelse: 14.00", "Mødested: Byrådssalen"]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { meeting } = result;
    expect([meeting.committee, meeting.date, meeting.startTime, meeting.location]).toEqual(["Økonomiudvalget", "2024-03-19", null, "Byrådssalen"]);
    expect(meeting.items.map((item) => item.decision)).toEqual(["Taget til efterretning."]);
    expect(meeting.warnings).toEqual([
      { line: 1, message: MISSING_START_TIME, text: "" },
      { line: 5, message: "Linjen i mødehovedet blev ikke genkendt", text: "Mødebegyndelse: 14.00" },
    ]);
  });

  it("still refuses a document without a date", () => {
    expect(parseMinutes(minutes(["Tidspunkt: 14.00"], "REFERAT Økonomiudvalget"))).toMatchObject({ ok: false, error: { reason: expect.stringMatching(/^Ingen mødedato/) } });
  });
});
