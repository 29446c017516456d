import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/db/client";
import type { IngestSummary } from "@/lib/ingest/ingest-files";
import { meetingPath } from "@/lib/data/paths";
import { recordPageChange } from "@/lib/ingest/page-changes";
import { createIdCache, meetingLockKey, withIngestLock, writeMeeting, type IdCache, type Tx } from "@/lib/ingest/write-meeting";
import { hasMarkerWord } from "@/lib/minutes/closed-markers";
import type { SiteFetcher } from "../polite-fetch";
import { addAttachmentTexts, DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from "./attachment-text";
import { fetchAgenda, listMeetings, meetingPageUrl, type MeetingListing } from "./client";
import { listingDate, mapMeeting, type MappedMeeting } from "./map-meeting";
import { groupSupplementaryAgendas, mergeSupplementaryItems, releasedKey, supplementsToMerge } from "./supplementary-agendas";
import { findPrivacyViolations } from "@/lib/privacy/check-parsed-meeting";

/** Stored as SourceDocument.parserVersion of imported meetings; bump when the mapping's output changes. */
export const FIRSTAGENDA_IMPORTER_VERSION = "firstagenda-1";

/** What happened to one listed meeting. */
export type MeetingStatus = "ok" | "updated" | "unchanged" | "failed" | "skipped";

/** One listed meeting's outcome, for progress output. Never carries a closed item's text. */
export interface MeetingReport {
  /** "Økonomiudvalget 2026-03-16 (Referat)". */
  label: string;
  status: MeetingStatus;
  url?: string;
  items?: number;
  error?: string;
  reason?: string;
  cprRedactions: number;
}

/** What to import from one site. */
export interface ImportSiteOptions {
  /** Base URL, normalised (see normalizeSiteUrl). */
  site: string;
  /** Official municipality name, e.g. "Vejen Kommune". */
  municipality: string;
  /** Only meetings on or after this date (YYYY-MM-DD). */
  since?: string;
  /** Only these committees (compared case-insensitively). */
  committees?: readonly string[];
  fetcher: SiteFetcher;
  /** Download open items' attachment PDFs and index their text (see attachment-text.ts). */
  withAttachments?: boolean;
  attachmentLimits?: AttachmentLimits;
  /** Aborting stops the run after the meeting in progress; what was committed stays. */
  signal?: AbortSignal;
  onStart?: (total: number) => void;
  onMeeting?: (report: MeetingReport) => void;
  ids?: IdCache;
}

interface StoredRemote {
  status: string;
  releasedDate: string | null;
  documentName: string | null;
  contentHash: string | null;
  meetingId: number | null;
  withAttachments: boolean;
}

const fold = (text: string) => text.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

function labelOf(listing: MeetingListing): string {
  return `${listing.committee} ${listingDate(listing) ?? listing.date ?? "?"} (${listing.documentName ?? "ukendt dokument"})`;
}

const isClosedDocument = (listing: MeetingListing) => listing.documentName !== null && hasMarkerWord(listing.documentName);

/** The supplementary agendas listed for each meeting, and those that belong to none. */
type Supplements = ReturnType<typeof groupSupplementaryAgendas>;

/**
 * Why a listed meeting is not imported on its own, or null. A supplementary agenda shares its
 * meeting's date and time: its items are merged into that meeting (see supplementary-agendas.ts).
 */
function skipReason(listing: MeetingListing, supplements: Supplements): string | null {
  if (isClosedDocument(listing)) return "lukket dokument: offentliggøres ikke";
  if (listing.isSupplementary) {
    return supplements.orphans.has(listing.id) ? "tillægsdagsorden uden en dagsorden at høre til: indlæses ikke" : "tillægsdagsorden: punkterne indgår i mødet";
  }
  return null;
}

/** True when the listing (and its supplements, see releasedKey) says nothing changed since the last successful import. */
function isUnchangedListing(listing: MeetingListing, released: string | null, stored: StoredRemote | undefined, withAttachments: boolean): boolean {
  return (
    stored !== undefined &&
    // A meeting imported without its attachments' text is fetched again when they are asked for.
    (stored.withAttachments || !withAttachments) &&
    stored.status === "ok" &&
    stored.meetingId !== null &&
    released !== null &&
    stored.releasedDate === released &&
    stored.documentName === listing.documentName
  );
}

/** sha256 of what would be written: a re-fetch giving the same hash writes nothing. */
function contentHash(site: string, listing: MeetingListing, mapped: MappedMeeting): string {
  return createHash("sha256")
    .update(JSON.stringify({ version: FIRSTAGENDA_IMPORTER_VERSION, site, id: listing.id, documentName: listing.documentName, meeting: mapped.meeting, items: mapped.items }))
    .digest("hex");
}

function errorMessage(error: unknown): string {
  // Prisma's messages end with the reason on their last line; the lines above quote the query.
  return error instanceof Error ? (error.message.split("\n").filter((line) => line.trim() !== "").slice(-1)[0] ?? error.name) : String(error);
}

/** An empty summary in the ingest's shape, so its table prints the same way. */
function emptySummary(): IngestSummary {
  return { discovered: 0, ok: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0, cprRedactions: 0, items: 0, failures: [], warnings: [], skippedFiles: [], durationMs: 0 };
}

async function recordFailure(prisma: PrismaClient, site: string, municipality: string, listing: MeetingListing, error: string): Promise<void> {
  const data = { status: "failed" as const, error, attemptedAt: new Date(), municipality };
  await prisma.remoteMeeting.upsert({
    where: { site_remoteId: { site, remoteId: listing.id } },
    create: { site, remoteId: listing.id, documentName: listing.documentName, ...data },
    update: data,
    select: { id: true },
  });
}

/**
 * Replaces the copy of a meeting the site has since moved to another date or time by the one
 * just written (`toId`): the old copy is deleted, so the meeting does not show twice, and its URL
 * key, and every older one, becomes an alias of the new copy, so old links redirect (308) there.
 * Its page changes, so that is recorded.
 */
async function moveMeeting(tx: Tx, fromId: number, toId: number): Promise<void> {
  const moved = await tx.meeting.findUnique({
    where: { id: fromId },
    select: { urlKey: true, committeeId: true, committee: { select: { slug: true, municipality: { select: { slug: true } } } } },
  });
  if (!moved) return;
  await tx.meetingUrlAlias.updateMany({ where: { meetingId: fromId }, data: { meetingId: toId } });
  await tx.meeting.delete({ where: { id: fromId }, select: { id: true } });
  await tx.meetingUrlAlias.upsert({
    where: { committeeId_urlKey: { committeeId: moved.committeeId, urlKey: moved.urlKey } },
    create: { committeeId: moved.committeeId, urlKey: moved.urlKey, meetingId: toId },
    update: { meetingId: toId },
    select: { id: true },
  });
  await recordPageChange(tx, meetingPath(moved.committee.municipality.slug, moved.committee.slug, moved.urlKey));
}

/**
 * Writes one mapped meeting in one transaction: its SourceDocument (the mapped JSON, closed
 * items as number and title only), the meeting through the ingest's own writer, the items' and
 * attachments' provenance, and the RemoteMeeting row. Nothing of it survives a failure.
 */
async function writeImported(
  prisma: PrismaClient,
  site: string,
  listing: MeetingListing,
  released: string | null,
  mapped: MappedMeeting,
  hash: string,
  ids: IdCache,
  withAttachments: boolean,
): Promise<{ url: string; isUpdate: boolean }> {
  const fetchedAt = new Date();
  let remember = () => {};
  const result = await withIngestLock(prisma, hash, meetingLockKey(mapped.meeting), async (tx) => {
    const text = JSON.stringify(mapped.meeting);
    const data = {
      fileName: meetingPageUrl(site, listing.id),
      size: Buffer.byteLength(text),
      encoding: "utf-8",
      text,
      parserVersion: FIRSTAGENDA_IMPORTER_VERSION,
      status: "ok" as const,
      error: null,
      errorLine: null,
      cprRedactions: mapped.cprRedactions,
      ingestedAt: fetchedAt,
    };
    const document = await tx.sourceDocument.upsert({ where: { sha256: hash }, create: { ...data, sha256: hash }, update: data, select: { id: true } });
    const previous = await tx.remoteMeeting.findUnique({ where: { site_remoteId: { site, remoteId: listing.id } }, select: { meetingId: true } });
    const written = await writeMeeting(tx, mapped.meeting, document.id, ids);
    remember = written.remember;
    if (previous?.meetingId != null && previous.meetingId !== written.meetingId) await moveMeeting(tx, previous.meetingId, written.meetingId);
    const itemSources = mapped.items.map((item) => ({ position: item.position, remoteId: item.remoteId, remoteMeetingId: item.remoteMeetingId }));
    const attachmentUrls = mapped.items.flatMap((item) =>
      item.attachmentUrls.map((url, index) => ({ itemPosition: item.position, position: index + 1, url })).filter((row) => row.url !== null),
    );
    await tx.$executeRaw`
      UPDATE "AgendaItem" AS a SET "sourceItemId" = x."remoteId", "sourceMeetingId" = x."remoteMeetingId"
      FROM jsonb_to_recordset(${JSON.stringify(itemSources)}::jsonb) AS x("position" int, "remoteId" text, "remoteMeetingId" text)
      WHERE a."meetingId" = ${written.meetingId} AND a."position" = x."position"`;
    await tx.$executeRaw`
      UPDATE "Attachment" AS t SET "url" = x."url"
      FROM "AgendaItem" AS a, jsonb_to_recordset(${JSON.stringify(attachmentUrls)}::jsonb) AS x("itemPosition" int, "position" int, "url" text)
      WHERE t."itemId" = a."id" AND a."meetingId" = ${written.meetingId} AND a."position" = x."itemPosition" AND t."position" = x."position"`;
    const remote = {
      documentName: listing.documentName,
      releasedDate: released,
      withAttachments,
      municipality: mapped.meeting.municipality,
      contentHash: hash,
      status: "ok" as const,
      error: null,
      fetchedAt,
      attemptedAt: fetchedAt,
      meetingId: written.meetingId,
      sourceDocumentId: document.id,
    };
    await tx.remoteMeeting.upsert({
      where: { site_remoteId: { site, remoteId: listing.id } },
      create: { site, remoteId: listing.id, ...remote },
      update: remote,
      select: { id: true },
    });
    return { url: written.url, isUpdate: written.isUpdate };
  });
  remember();
  return result;
}

/**
 * Imports one FirstAgenda Publication site: lists every meeting, then fetches, maps and writes
 * each one that changed, oldest first, one transaction per meeting. A meeting whose ReleasedDate
 * and document are as last imported is not fetched; one whose content hash is unchanged is not
 * written. A failing meeting is recorded (RemoteMeeting.status failed) and retried next run; the
 * run goes on. Rejects only when `signal` aborts; committed meetings stay, so a re-run resumes.
 */
export async function importFirstAgendaSite(prisma: PrismaClient, options: ImportSiteOptions): Promise<IngestSummary> {
  const started = Date.now();
  const summary = emptySummary();
  const { site } = options;
  let listings: MeetingListing[];
  try {
    listings = await listMeetings(options.fetcher, site);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    summary.failed += 1;
    summary.failures.push({ file: site, error: `${site}: mødelisten kunne ikke hentes: ${errorMessage(error)}` });
    summary.durationMs = Date.now() - started;
    return summary;
  }
  const committees = new Set((options.committees ?? []).map(fold));
  const selected = listings
    .filter((listing) => committees.size === 0 || committees.has(fold(listing.committee)))
    .filter((listing) => options.since === undefined || (listingDate(listing) ?? "") >= options.since)
    .sort((a, b) => (listingDate(a) ?? "").localeCompare(listingDate(b) ?? "") || a.id.localeCompare(b.id));
  summary.discovered = selected.length;
  options.onStart?.(selected.length);

  const storedRows = await prisma.remoteMeeting.findMany({
    where: { site },
    select: { remoteId: true, status: true, releasedDate: true, documentName: true, contentHash: true, meetingId: true, withAttachments: true },
  });
  const stored = new Map<string, StoredRemote>(storedRows.map((row) => [row.remoteId, row]));
  const ids = options.ids ?? createIdCache();
  const supplements = groupSupplementaryAgendas(listings);

  for (const listing of selected) {
    if (options.signal?.aborted) throw options.signal.reason;
    const report = await importOne(prisma, site, listing, stored.get(listing.id), supplements, options, ids);
    summary[report.status] += 1;
    summary.cprRedactions += report.cprRedactions;
    if (report.status === "ok" || report.status === "updated") summary.items += report.items ?? 0;
    if (report.status === "failed") summary.failures.push({ file: report.label, error: `${report.label}: ${report.error ?? "ukendt fejl"}` });
    if (report.status === "skipped") summary.skippedFiles.push({ file: report.label, reason: report.reason ?? "" });
    options.onMeeting?.(report);
  }
  summary.durationMs = Date.now() - started;
  return summary;
}

async function importOne(
  prisma: PrismaClient,
  site: string,
  listing: MeetingListing,
  stored: StoredRemote | undefined,
  supplements: Supplements,
  options: ImportSiteOptions,
  ids: IdCache,
): Promise<MeetingReport> {
  const label = labelOf(listing);
  const reason = skipReason(listing, supplements);
  if (reason !== null) return { label, status: "skipped", reason, cprRedactions: 0 };
  const merged = supplementsToMerge(listing, (supplements.byMeeting.get(listing.id) ?? []).filter((supplement) => !isClosedDocument(supplement)));
  const released = releasedKey(listing, merged);
  const withAttachments = options.withAttachments === true;
  if (isUnchangedListing(listing, released, stored, withAttachments)) return { label, status: "unchanged", cprRedactions: 0 };
  try {
    const context = { site, municipality: options.municipality };
    const own = mapMeeting(listing, await fetchAgenda(options.fetcher, site, listing.id), context);
    const additions: MappedMeeting[] = [];
    for (const supplement of merged) additions.push(mapMeeting(supplement, await fetchAgenda(options.fetcher, site, supplement.id), context));
    const withSupplements = mergeSupplementaryItems(own, additions);
    const mapped = withAttachments ? await addAttachmentTexts(withSupplements, options.fetcher, options.attachmentLimits ?? DEFAULT_ATTACHMENT_LIMITS, options.signal) : withSupplements;
    // The same check the ingest runs on a parsed document: an open item that still carries a
    // closed marker or a CPR number is withheld (recorded as failed, retried next run), never written.
    const violations = findPrivacyViolations(mapped.meeting, "", meetingPageUrl(site, listing.id));
    if (violations.length > 0) throw new Error(violations.map((violation) => violation.reason).join("; "));
    const hash = contentHash(site, listing, mapped);
    if (stored?.status === "ok" && stored.meetingId !== null && stored.contentHash === hash) {
      // Same content under a new ReleasedDate: remember the date so the next run need not fetch.
      await prisma.remoteMeeting.update({ where: { site_remoteId: { site, remoteId: listing.id } }, data: { releasedDate: released, withAttachments }, select: { id: true } });
      return { label, status: "unchanged", cprRedactions: 0 };
    }
    const written = await writeImported(prisma, site, listing, released, mapped, hash, ids, withAttachments);
    return { label, status: written.isUpdate ? "updated" : "ok", url: written.url, items: mapped.meeting.items.length, cprRedactions: mapped.cprRedactions };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const message = errorMessage(error);
    await recordFailure(prisma, site, options.municipality, listing, message);
    return { label, status: "failed", error: message, cprRedactions: 0 };
  }
}
