import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { SAMPLES_DIR } from "@/lib/ingest/test-fixtures";
import { meetingIdsUnder, publishedItemsSource } from "./published-items";
import { readSearchDocuments } from "./search-documents";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await ingestFiles(db.prisma, [SAMPLES_DIR]);
});
afterAll(() => db.drop());

async function urlsOf(docs: AsyncIterable<{ url: string }>): Promise<string[]> {
  const urls: string[] = [];
  for await (const doc of docs) urls.push(doc.url);
  return urls.sort();
}

describe("the items published under changed pages", () => {
  it("finds the meetings below a meeting, committee or municipality page, and none below its case and person pages", async () => {
    const meetings = await db.prisma.meeting.findMany({ select: { id: true, urlKey: true, committee: { select: { slug: true, municipality: { select: { slug: true } } } } } });
    expect(meetings).toHaveLength(5);
    const vejen = meetings.find((meeting) => meeting.committee.municipality.slug === "vejen");
    if (vejen === undefined) throw new Error("Vejen's sample meeting missing");
    const meetingPage = `/vejen/${vejen.committee.slug}/${vejen.urlKey}`;
    expect(await meetingIdsUnder(db.prisma, [meetingPage])).toEqual([vejen.id]);
    expect(await meetingIdsUnder(db.prisma, [`${meetingPage}/punkt-2`])).toEqual([vejen.id]);
    expect(await meetingIdsUnder(db.prisma, [`/vejen/${vejen.committee.slug}`])).toEqual([vejen.id]);
    expect(await meetingIdsUnder(db.prisma, ["/vejen"])).toEqual([vejen.id]);
    expect(await meetingIdsUnder(db.prisma, ["/vejen/person", "/vejen/sag/15-00-00-g01-1-24", "/ukendt"])).toEqual([]);
    const all = meetings.map((meeting) => meeting.id).sort((a, b) => a - b);
    expect(await meetingIdsUnder(db.prisma, ["/vejle", "/faxe", "/lemvig", "/varde", meetingPage, "/vejen/person"])).toEqual(all);
    expect(await meetingIdsUnder(db.prisma, ["/vejen/person", "/"])).toBeNull();
  });

  it("reads exactly the open items of those meetings, as the full read has them", async () => {
    const everything = await urlsOf(readSearchDocuments(db.prisma));
    const vejen = everything.filter((url) => url.startsWith("/vejen/"));
    expect(vejen.length).toBeGreaterThan(5);
    const meetingPage = vejen[0]!.split("/").slice(0, 4).join("/");
    const source = publishedItemsSource(db.prisma);
    expect(await urlsOf(source.readPublished([meetingPage, "/vejen/person", "/vejen/sag/x"]))).toEqual(vejen);
    expect(await urlsOf(source.readPublished(["/vejen/person", "/vejen/sag/x"]))).toEqual([]);
    expect(await urlsOf(source.readPublished(["/"]))).toEqual(everything);
  });
});
