import { getPrisma } from "@/lib/db/client";
import { isoDate, meetingPath } from "./paths";

/** One thing the parser or the ingest could not read cleanly; `line` in the source document when known. */
export interface DataQualityWarning {
  line: number | null;
  message: string;
  text: string;
}

/** A stored meeting whose document came with warnings. */
export interface MeetingWithWarnings {
  url: string;
  municipality: string;
  committee: string;
  date: string;
  startTime: string | null;
  /** The source file's name without its folders. */
  fileName: string;
  warnings: DataQualityWarning[];
}

function toWarnings(json: unknown): DataQualityWarning[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((entry: unknown) => {
    if (typeof entry !== "object" || entry === null) return [];
    const { line, message, text } = entry as Record<string, unknown>;
    if (typeof message !== "string") return [];
    return [{ line: typeof line === "number" ? line : null, message, text: typeof text === "string" ? text : "" }];
  });
}

/**
 * Meetings stored with warnings (Meeting.warnings), newest first, for the data-quality page:
 * documents shown on the portal that someone should look at, e.g. a meeting kept without a start
 * time or merged into a committee spelled differently.
 */
export async function listMeetingsWithWarnings(limit = 500): Promise<MeetingWithWarnings[]> {
  const meetings = await getPrisma().meeting.findMany({
    where: { NOT: { warnings: { equals: [] } } },
    orderBy: [{ date: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      urlKey: true,
      date: true,
      startTime: true,
      warnings: true,
      sourceDocument: { select: { fileName: true } },
      committee: { select: { name: true, slug: true, municipality: { select: { name: true, slug: true } } } },
    },
  });
  return meetings.map((m) => ({
    url: meetingPath(m.committee.municipality.slug, m.committee.slug, m.urlKey),
    municipality: m.committee.municipality.name,
    committee: m.committee.name,
    date: isoDate(m.date),
    startTime: m.startTime,
    fileName: m.sourceDocument.fileName.split(/[\\/]/).pop() ?? m.sourceDocument.fileName,
    warnings: toWarnings(m.warnings),
  }));
}
