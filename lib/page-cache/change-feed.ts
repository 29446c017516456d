import type { PrismaClient } from "@/lib/db/client";

/** Rows read per poll; a larger backlog (a big ingest) is treated as "everything changed". */
const BATCH = 5000;

/**
 * Follows the PageChange rows that ingest, reparse and committee renames write in their
 * transactions, starting after the newest row at the time of the call, and reports the
 * changed paths ("/" when too many changed at once to list). Polls every `intervalMs`.
 */
export async function watchPageChanges(
  prisma: PrismaClient,
  onChange: (paths: string[]) => void,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): Promise<{ stop: () => void }> {
  const intervalMs = options.intervalMs ?? 1000;
  const newest = await prisma.pageChange.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  let lastId = newest?.id ?? 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const poll = async () => {
    try {
      const rows = await prisma.pageChange.findMany({ where: { id: { gt: lastId } }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, path: true } });
      const last = rows.at(-1);
      if (last) {
        lastId = last.id;
        onChange(rows.length === BATCH ? ["/"] : [...new Set(rows.map((row) => row.path))]);
      }
    } catch (error) {
      options.onError?.(error);
    }
    if (!stopped) timer = setTimeout(poll, intervalMs).unref();
  };
  timer = setTimeout(poll, intervalMs).unref();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
