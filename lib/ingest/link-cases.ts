import { caseKeysOfItems } from "@/lib/cases/item-case-keys";
import { extractKle } from "@/lib/minutes/case-number";
import { casePath } from "@/lib/data/paths";
import type { PrismaClient } from "@/lib/db/client";
import { recordPageChange } from "./page-changes";
import type { Tx } from "./write-meeting";

/**
 * Links a meeting's stored items to their cases (lib/cases: normalised case number, meeting
 * journal numbers excluded), creating cases as needed, and deletes the cases `previousCaseIds`
 * named that no item belongs to any more (an item moved to another case, or its meeting
 * corrected). Runs inside the meeting's write transaction, after its items were written; a
 * lock per case serialises meetings of one municipality that touch the same case. Returns the
 * URL paths whose pages show these cases, for the page-change feed (every case touched, created
 * or deleted, and the other meetings of those cases, whose item pages show the case's history),
 * and whether any link or case changed.
 */
export async function linkMeetingCases(
  tx: Tx,
  municipality: { id: number; slug: string },
  meetingId: number,
  previousCaseIds: readonly number[],
): Promise<{ paths: string[]; isChanged: boolean }> {
  const items = await tx.agendaItem.findMany({ where: { meetingId }, orderBy: { position: "asc" }, select: { id: true, caseNumber: true, closed: true } });
  const keys = caseKeysOfItems(items);
  const previous = previousCaseIds.length
    ? await tx.case.findMany({ where: { id: { in: [...previousCaseIds] } }, select: { id: true, slug: true } })
    : [];
  const slugs = [...new Set([...keys.flatMap((key) => (key ? [key.slug] : [])), ...previous.map((c) => c.slug)])].sort();
  if (slugs.length === 0) return { paths: [], isChanged: false };
  // Sorted keys: two meetings sharing cases take the locks in one order and never deadlock.
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(k))::int AS locks
    FROM (SELECT hashtextextended('case:' || ${municipality.id}::text || ':' || slug, 7404) AS k FROM unnest(${slugs}::text[]) AS slug ORDER BY 1) AS sorted`;

  const cases = [...new Map(keys.flatMap((key) => (key ? [[key.slug, key] as const] : []))).values()];
  const rows = cases.map((key) => ({ slug: key.slug, number: key.number, kle: extractKle(key.number) }));
  // xmax = 0 on a row this statement inserted (rather than found).
  const stored = await tx.$queryRaw<Array<{ id: number; slug: string; isNew: boolean }>>`
    INSERT INTO "Case" ("municipalityId", "slug", "number", "kle")
    SELECT ${municipality.id}, x."slug", x."number", x."kle"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("slug" text, "number" text, "kle" text)
    ON CONFLICT ("municipalityId", "slug") DO UPDATE SET "number" = "Case"."number"
    RETURNING "id", "slug", (xmax = 0) AS "isNew"`;
  const idBySlug = new Map(stored.map((row) => [row.slug, row.id]));
  const links = items.map((item, index) => ({ id: item.id, caseId: keys[index] ? (idBySlug.get(keys[index].slug) ?? null) : null }));
  const relinked = await tx.$executeRaw`
    UPDATE "AgendaItem" i SET "caseId" = x."caseId"
    FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x("id" int, "caseId" int)
    WHERE i.id = x."id" AND i."caseId" IS DISTINCT FROM x."caseId"`;
  let deleted = 0;
  if (previousCaseIds.length) {
    deleted = await tx.$executeRaw`
      DELETE FROM "Case" c WHERE c.id = ANY(${[...previousCaseIds]}::int[])
        AND NOT EXISTS (SELECT 1 FROM "AgendaItem" i WHERE i."caseId" = c.id)`;
  }
  const others = await tx.$queryRaw<Array<{ path: string }>>`
    SELECT DISTINCT '/' || ${municipality.slug} || '/' || co.slug || '/' || m."urlKey" AS path
    FROM "Case" c JOIN "AgendaItem" i ON i."caseId" = c.id JOIN "Meeting" m ON m.id = i."meetingId" JOIN "Committee" co ON co.id = m."committeeId"
    WHERE c."municipalityId" = ${municipality.id} AND c.slug = ANY(${slugs}::text[]) AND m.id <> ${meetingId}
    ORDER BY 1`;
  return {
    paths: [...slugs.map((slug) => casePath(municipality.slug, slug)), ...others.map((row) => row.path)],
    isChanged: relinked > 0 || deleted > 0 || stored.some((row) => row.isNew),
  };
}

/**
 * Links the items of meetings written before cases existed (or by an older writer) to their
 * cases, one transaction per meeting, with the same rules and page changes as writeMeeting.
 * `npm run reparse -- --all` runs it for the meetings it does not parse again (imported ones).
 */
export async function relinkMeetingCases(prisma: PrismaClient, meetingIds: readonly number[]): Promise<void> {
  for (const meetingId of meetingIds) {
    await prisma.$transaction(async (tx) => {
      const meeting = await tx.meeting.findUnique({
        where: { id: meetingId },
        select: { committee: { select: { municipality: { select: { id: true, slug: true } } } }, items: { where: { caseId: { not: null } }, select: { caseId: true } } },
      });
      if (!meeting) return;
      const previous = [...new Set(meeting.items.flatMap((item) => (item.caseId === null ? [] : [item.caseId])))];
      const linked = await linkMeetingCases(tx, meeting.committee.municipality, meetingId, previous);
      if (linked.isChanged) for (const path of linked.paths) await recordPageChange(tx, path);
    });
  }
}
