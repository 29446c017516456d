import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasMarkerWord } from "@/lib/minutes/closed-markers";
import type { MeetingListing } from "./client";
import { mapMeeting } from "./map-meeting";

const listing: MeetingListing = {
  id: "m1",
  committee: "Byrådet",
  period: "Udvalg 2026-2029",
  documentName: "Referat",
  date: null,
  beginUtc: "2026-03-16T16:00:00+00:00",
  endUtc: null,
  releasedDate: "2026-03-18T08:00:00",
  location: null,
  isSupplementary: false,
};

const SECRET = "BRODTEKST-7781";

function mapTitle(title: string) {
  const agenda = { Dagsordenpunkter: [{ Id: "p1", Navn: title, Punktnummer: 1, IsOpen: true, SagsNummer: "00.01.00-A00-1-26", Felter: [{ Navn: "Sagsfremstilling", Html: `<p>${SECRET}</p>` }] }] };
  const item = mapMeeting(listing, agenda, { site: "https://dagsordener.vejen.dk", municipality: "Vejen Kommune" }).meeting.items[0];
  if (!item) throw new Error("no item mapped");
  return item;
}

const word = fc.stringMatching(/^[a-zæøå]{2,9}$/).filter((w) => !hasMarkerWord(w));
const marker = fc.constantFrom("Lukket", "lukket", "LUKKET", "Lukkede", "Fortrolig", "fortroligt", "Fortrolige", "Lukket punkt", "(Lukket)", "Fortroligt -", "Lukket:");

describe("mapMeeting's closed titles (the marker vocabulary of lib/minutes/closed-markers.ts)", () => {
  it("closes an item marked open whose title carries a marker word anywhere, keeping none of its text", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 4 }), marker, fc.array(word, { maxLength: 4 }), (before, mark, after) => {
        const item = mapTitle([...before, mark, ...after].join(" "));
        expect(item).toMatchObject({ closed: true, sections: [], caseNumber: null, decision: null });
        expect(JSON.stringify(item)).not.toContain(SECRET);
      }),
    );
  });

  it("removes the marker from a closed title ('Lukket: Salg af grund' → 'Salg af grund')", () => {
    expect(mapTitle("Lukket: Salg af grund").title).toBe("Salg af grund");
    expect(mapTitle("Fortroligt - Retssag").title).toBe("Retssag");
    expect(mapTitle("Lukket:").title).toBe("Lukket");
  });

  it("keeps an item open whose title has no marker word", () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const item = mapTitle(words.join(" "));
        expect(item.closed).toBe(false);
        expect(item.sections[0]?.text).toBe(SECRET);
      }),
    );
  });
});

describe("mapMeeting's date and times", () => {
  const agenda = { Dagsordenpunkter: [] };
  const context = { site: "https://dagsordener.vejen.dk", municipality: "Vejen Kommune" };
  const times = (overrides: Partial<MeetingListing>) => {
    const { date, startTime, endTime } = mapMeeting({ ...listing, ...overrides }, agenda, context).meeting;
    return { date, startTime, endTime };
  };

  it("reads the start and end in Copenhagen time from the UTC instants", () => {
    expect(times({ endUtc: "2026-03-16T18:30:00+00:00" })).toEqual({ date: "2026-03-16", startTime: "17:00", endTime: "19:30" });
  });

  it("takes a local Dato with a time when there is no instant", () => {
    expect(times({ beginUtc: null, date: "2026-03-16T15:00:00" })).toEqual({ date: "2026-03-16", startTime: "15:00", endTime: null });
  });

  it("gives a meeting whose Dato has no time no start time (not midnight), and so no end", () => {
    expect(times({ beginUtc: null, date: "2026-03-16", endUtc: "2026-03-16T18:30:00+00:00" })).toEqual({ date: "2026-03-16", startTime: null, endTime: null });
  });
});
