import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAgendaItemPage } from "@/lib/data/browse";
import { readSearchDocuments } from "@/lib/data/search-documents";
import { getPersonPage, listCommitteeMembers, listPersons } from "@/lib/data/persons";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "./ingest-files";
import { reparseDocuments } from "./reparse";
import { makeTempDir } from "./test-fixtures";

const ODDER = path.resolve("lib/minutes/fixtures/votes/odder-byraad-2025-04-22.txt");
const CLOSED_SECRET = "Hans Jensen";

let db: TestDatabase;
let file: string;
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  file = path.join(makeTempDir(), "odder-byraad.txt");
  writeFileSync(file, readFileSync(ODDER, "utf8"));
  const summary = await ingestFiles(db.prisma, [file]);
  expect(summary.ok).toBe(1);
});
afterAll(() => db.drop());

/** Everything stored about people, as plain sortable strings. */
async function peopleSnapshot() {
  const persons = await db.prisma.person.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true, party: true } });
  const attendance = await db.prisma.meetingAttendance.findMany({ select: { present: true, person: { select: { slug: true } } } });
  const absences = await db.prisma.itemAbsence.findMany({ select: { item: { select: { number: true } }, person: { select: { slug: true } } } });
  const votes = await db.prisma.personVote.findMany({ select: { kind: true, text: true, item: { select: { number: true } }, person: { select: { slug: true } } } });
  return {
    persons,
    attendance: attendance.map((a) => `${a.person.slug}:${a.present ? "til stede" : "fraværende"}`).sort(),
    absences: absences.map((a) => `${a.person.slug}:${a.item.number}`).sort(),
    votes: votes.map((v) => `${v.person.slug}:${v.item.number}:${v.kind}`).sort(),
    texts: votes.map((v) => v.text ?? ""),
  };
}

describe("persons, attendance and votes after ingest", () => {
  it("stores participants, absences and named votes, and nothing from the closed item", async () => {
    const snapshot = await peopleSnapshot();
    expect(snapshot.persons).toHaveLength(10);
    expect(snapshot.persons).toContainEqual({ slug: "anne-hansen", name: "Anne Hansen", party: "F" });
    expect(snapshot.attendance).toContain("gitte-vang:fraværende");
    expect(snapshot.attendance).toContain("henrik-dahl:til stede");
    expect(snapshot.attendance.filter((a) => a.endsWith(":til stede"))).toHaveLength(9);
    expect(snapshot.absences).toEqual(expect.arrayContaining(["henrik-dahl:4", "henrik-dahl:5", "gitte-vang:1", "gitte-vang:7"]));
    expect(snapshot.absences.some((a) => a.endsWith(":6"))).toBe(false);
    expect(snapshot.votes).toEqual(["anne-hansen:4:against", "anne-hansen:4:protokol", "dan-holm:4:forbehold"]);
    const stored = JSON.stringify(snapshot);
    expect(stored).not.toContain(CLOSED_SECRET);
    expect(stored).not.toContain("hans-jensen");
  });

  it("flags items that depart from the recommendation or carry dissent, never a closed one", async () => {
    const items = await db.prisma.agendaItem.findMany({
      orderBy: { position: "asc" },
      select: { number: true, closed: true, deviation: true, departsFromRecommendation: true, hasDissent: true, votes: true, recommendation: true },
    });
    expect(items.map((i) => `${i.number}:${i.deviation}:${i.departsFromRecommendation}:${i.hasDissent}`)).toEqual([
      "1:followed:false:false",
      "2:amended:true:true",
      "3:against:true:true",
      "4:amended:true:true",
      "5:postponed:true:false",
      "6:null:false:false",
      "7:rejected:true:true",
    ]);
    // The search index reads the flags for its facets afvigelse and dissens.
    const docs = [];
    for await (const doc of readSearchDocuments(db.prisma)) docs.push(`${doc.number}:${doc.departsFromRecommendation}:${doc.hasDissent}`);
    expect(docs).toEqual(["1:false:false", "2:true:true", "3:true:true", "4:true:true", "5:true:false", "7:true:true"]);
    const closed = items.find((i) => i.closed);
    expect(closed).toMatchObject({ votes: null, recommendation: null });
  });

  it("serves the person page, the committee's members and the item's votes with person links", async () => {
    const anne = await getPersonPage("odder", "anne-hansen");
    expect(anne?.dissent.map((d) => `${d.kind}:${d.url}`)).toEqual([
      "against:/odder/byraadet/2025-04-22/punkt-4",
      "protokol:/odder/byraadet/2025-04-22/punkt-4",
    ]);
    expect(anne?.committees).toEqual([{ name: "Byrådet", url: "/odder/byraadet" }]);
    expect(anne?.attended.map((m) => m.url)).toEqual(["/odder/byraadet/2025-04-22"]);
    const gitte = await getPersonPage("odder", "gitte-vang");
    expect(gitte?.absentMeetings.map((m) => m.url)).toEqual(["/odder/byraadet/2025-04-22"]);
    expect(await getPersonPage("odder", "hans-jensen")).toBeNull();
    expect(await getPersonPage("vejen", "anne-hansen")).toBeNull();
    expect((await listCommitteeMembers("odder", "byraadet")).map((p) => p.url)).toContain("/odder/person/anne-hansen");
    expect((await listPersons("odder"))?.persons).toHaveLength(10);

    const item = await getAgendaItemPage("odder", "byraadet", "2025-04-22", "4");
    if (item.kind !== "found") throw new Error("item 4 missing");
    expect(item.value.deviation).toBe("amended");
    expect(item.value.votes?.against).toEqual([{ label: "Anne Hansen (F)", url: "/odder/person/anne-hansen" }]);
    const closed = await getAgendaItemPage("odder", "byraadet", "2025-04-22", "6");
    if (closed.kind !== "found") throw new Error("item 6 missing");
    expect(closed.value).toMatchObject({ votes: null, deviation: null });
  });
});

describe("persons after a correction and a reparse", () => {
  it("keeps nothing stale: removed votes, members and parties go with the version that printed them", async () => {
    const corrected = readFileSync(ODDER, "utf8")
      .replace("Anne Hansen (F) stemte imod og ønskede sin stemme ført til protokol.\n", "")
      .replace("Dan Holm (C), ", "Dan Holm (V), ")
      .replace(", Jens K. Pedersen (V)", "");
    expect(corrected).not.toContain("Jens K. Pedersen");
    writeFileSync(file, corrected);
    const summary = await ingestFiles(db.prisma, [file]);
    expect(summary).toMatchObject({ updated: 1, failed: 0 });

    const after = await peopleSnapshot();
    expect(after.persons.map((p) => p.slug)).not.toContain("jens-k-pedersen");
    expect(after.persons).toHaveLength(9);
    expect(after.persons).toContainEqual({ slug: "dan-holm", name: "Dan Holm", party: "V" });
    expect(after.votes).toEqual(["dan-holm:4:forbehold"]);
    expect(await getPersonPage("odder", "jens-k-pedersen")).toBeNull();

    await db.prisma.sourceDocument.updateMany({ data: { parserVersion: "0.0.0" } });
    const reports = await reparseDocuments(db.prisma);
    expect(reports.map((r) => r.status)).toEqual(["updated"]);
    expect(await peopleSnapshot()).toEqual(after);
  });
});
