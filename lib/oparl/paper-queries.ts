import { Prisma } from "@/lib/db/generated/client";
import { getPrisma } from "@/lib/db/client";
import type { ListParams } from "./list-params";
import { pageOf, tombstoneFilter, type Slice } from "./oparl-queries";
import type { TombstoneRow } from "./oparl-objects";
import type { PaperRow } from "./paper-objects";

/**
 * The database reads behind the Paper objects (cases, sager). A case's `modified` is the later
 * of its creation and its items' meetings' last change: an item added, corrected or removed
 * rewrites its meeting. Closed items never belong to a case (lib/cases), and the Paper reads
 * only number, title and links of its items anyway.
 */

const PAPER_SELECT = {
  id: true,
  number: true,
  slug: true,
  kle: true,
  createdAt: true,
  municipality: { select: { slug: true } },
  items: {
    select: {
      number: true,
      position: true,
      title: true,
      closed: true,
      meeting: { select: { id: true, urlKey: true, date: true, createdAt: true, updatedAt: true, committee: { select: { id: true, slug: true } } } },
    },
  },
} as const;

/** The case's rows with its items in date and agenda order, and its `modified`. */
function toPaperRow(found: Prisma.CaseGetPayload<{ select: typeof PAPER_SELECT }>): PaperRow {
  const items = [...found.items].sort((a, b) => a.meeting.date.getTime() - b.meeting.date.getTime() || a.meeting.id - b.meeting.id || a.position - b.position);
  const modified = items.reduce((latest, item) => (item.meeting.updatedAt > latest ? item.meeting.updatedAt : latest), found.createdAt);
  return { ...found, items, modified };
}

/** SQL conditions on a case `c` and its items' latest meeting change `x.updated` (UTC wall clock). */
function paperConditions(municipalityId: number, params: ListParams): Prisma.Sql {
  const modified = Prisma.sql`GREATEST(c."createdAt", x."updated" AT TIME ZONE 'UTC')`;
  // A case left without items (its meeting deleted outright) is no case page, and no Paper.
  const conditions = [Prisma.sql`c."municipalityId" = ${municipalityId}`, Prisma.sql`x."updated" IS NOT NULL`];
  if (params.createdSince) conditions.push(Prisma.sql`c."createdAt" >= ${params.createdSince}::timestamptz`);
  if (params.createdUntil) conditions.push(Prisma.sql`c."createdAt" < ${new Date(params.createdUntil.getTime() + 1000)}::timestamptz`);
  if (params.modifiedSince) conditions.push(Prisma.sql`${modified} >= ${params.modifiedSince}::timestamptz`);
  if (params.modifiedUntil) conditions.push(Prisma.sql`${modified} < ${new Date(params.modifiedUntil.getTime() + 1000)}::timestamptz`);
  return Prisma.join(conditions, " AND ");
}

const LATEST_CHANGE = Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT max(m."updatedAt") AS "updated" FROM "AgendaItem" i JOIN "Meeting" m ON m."id" = i."meetingId" WHERE i."caseId" = c."id"
  ) x ON true`;

/** One page of a municipality's cases in id order, then (with modified_since) deleted ones. */
export async function listPaperRows(municipalityId: number, params: ListParams): Promise<Slice<PaperRow | TombstoneRow>> {
  const prisma = getPrisma();
  const where = paperConditions(municipalityId, params);
  return pageOf(
    params,
    {
      count: async () => {
        const [row] = await prisma.$queryRaw<Array<{ count: number }>>`SELECT count(*)::int AS "count" FROM "Case" c ${LATEST_CHANGE} WHERE ${where}`;
        return row?.count ?? 0;
      },
      page: async (after, skip, take) => {
        const seek = after ? Prisma.sql`AND c."id" > ${after[0] ?? 0}` : Prisma.empty;
        const ids = await prisma.$queryRaw<Array<{ id: number }>>`
          SELECT c."id" FROM "Case" c ${LATEST_CHANGE} WHERE ${where} ${seek} ORDER BY c."id" LIMIT ${take} OFFSET ${skip}`;
        const cases = await prisma.case.findMany({ where: { id: { in: ids.map((row) => row.id) } }, orderBy: { id: "asc" }, select: PAPER_SELECT });
        return cases.map(toPaperRow);
      },
      key: (row) => [row.id],
    },
    { kind: "Paper", municipalityId, ...tombstoneFilter(params) },
  );
}

/** A case by id with its items, or null (unknown, or left without items). */
export async function findPaperRow(id: number): Promise<PaperRow | null> {
  const found = await getPrisma().case.findUnique({ where: { id }, select: PAPER_SELECT });
  return found && found.items.length > 0 ? toPaperRow(found) : null;
}
