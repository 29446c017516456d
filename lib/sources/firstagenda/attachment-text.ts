import type { Element } from "domhandler";
import { findOne } from "domutils";
import { parseDocument } from "htmlparser2";
import type { Block, ParsedSection } from "@/lib/minutes";
import { renderBlocks } from "@/lib/minutes/blocks";
import { hasMarkerWord } from "@/lib/minutes/closed-markers";
import { extractPdfText } from "@/lib/ingest/extract-pdf-text";
import { findClosedMarkers } from "@/lib/privacy/closed-markers";
import { redactCpr } from "@/lib/privacy/redact-cpr";
import type { SiteFetcher } from "../polite-fetch";
import type { MappedMeeting } from "./map-meeting";

/** How much of an attachment is read. */
export interface AttachmentLimits {
  /** Largest PDF downloaded, in bytes. */
  maxPdfBytes: number;
  /** Longest text kept of one attachment, in characters; the rest is cut. */
  maxTextChars: number;
  /** Most attachments read per meeting; the rest keep their name and link only. */
  maxPerMeeting: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxPdfBytes: 20 * 1024 * 1024, maxTextChars: 100_000, maxPerMeeting: 100 };

/** An attachment that could not be read; the message names the attachment and why, never its content. */
export class AttachmentError extends Error {
  override name = "AttachmentError";
}

const isLocalHost = (host: string) => host === "localhost" || /^[\d.]+$/.test(host) || host.startsWith("[");

/**
 * The signed PDF URL in an attachment's viewer page (`/Vis/Pdf/bilag/<id>`): the `src` of its
 * first `<iframe>`, resolved against the page. Only http(s) is accepted, and a host given as an
 * IP address or "localhost" only when it is the site's own (no fetching of internal addresses).
 */
export function pdfUrlFromViewer(html: string, viewerUrl: string): string {
  const iframe = findOne((node: Element) => node.name === "iframe" && typeof node.attribs.src === "string" && node.attribs.src.trim() !== "", parseDocument(html).children, true);
  if (!iframe) throw new AttachmentError("visningssiden har ingen <iframe> med PDF'en (ændret format?)");
  let url: URL;
  try {
    url = new URL(iframe.attribs.src?.trim() ?? "", viewerUrl);
  } catch {
    throw new AttachmentError("visningssidens <iframe> har en ugyldig adresse");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AttachmentError("visningssidens <iframe> peger ikke på en http(s)-adresse");
  if (isLocalHost(url.hostname) && url.host !== new URL(viewerUrl).host) throw new AttachmentError(`visningssidens <iframe> peger på en intern adresse (${url.host})`);
  return url.toString();
}

/** Paragraph blocks of a PDF's text, one per printed line: a PDF marks no paragraphs. */
function pdfBlocks(text: string): Block[] {
  return text
    .split(/[\n\f]/)
    .map((line) => line.replace(/[\s\u00a0]+/g, " ").trim())
    .filter((line) => line !== "")
    .map((line) => ({ type: "paragraph" as const, text: line }));
}

/** Downloads one attachment: viewer page → signed URL → PDF → its text. */
async function readAttachment(fetcher: SiteFetcher, viewerUrl: string, limits: AttachmentLimits): Promise<string> {
  const viewer = await fetcher.getText(viewerUrl);
  const pdf = await fetcher.getBytes(pdfUrlFromViewer(viewer.text, viewerUrl), limits.maxPdfBytes);
  return extractPdfText(pdf.bytes);
}

// A fetch error starts with the URL, and the signed PDF URL's query is its short-lived signature: not for a public page.
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/(https?:\/\/[^\s?]+)\?\S*?(:?)(?=\s|$)/g, "$1$2");

/**
 * The meeting with the text of its open items' attachment PDFs added, one section ("Bilag:
 * <name>", kind "bilag") per attachment after the item's own sections, so it is shown under the
 * item and searched with it. A closed item's attachments are never fetched (a closed item has no
 * attachment links, and `closed` is checked again), nor is one whose name carries a closed
 * marker. CPR numbers are redacted; a text with a closed marker is left out. What cannot be read
 * (too large, a scan without text, a broken viewer page, HTTP errors) becomes a warning of the
 * meeting; the import goes on. Rejects only when `signal` aborts.
 */
export async function addAttachmentTexts(
  mapped: MappedMeeting,
  fetcher: SiteFetcher,
  limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
  signal?: AbortSignal,
): Promise<MappedMeeting> {
  const warnings = [...mapped.meeting.warnings];
  let cprRedactions = mapped.cprRedactions;
  let read = 0;
  const items = [];
  for (const [index, item] of mapped.meeting.items.entries()) {
    const urls = mapped.items[index]?.attachmentUrls ?? [];
    if (item.closed || urls.length === 0) {
      items.push(item);
      continue;
    }
    const sections: ParsedSection[] = [...item.sections];
    for (const [position, url] of urls.entries()) {
      const title = item.attachments[position] ?? "Bilag";
      if (url === null || hasMarkerWord(title)) continue;
      const warn = (reason: string) => warnings.push({ line: item.line, message: `Bilag "${title}" til punkt ${item.number} er ikke læst: ${reason}`, text: "" });
      if (read >= limits.maxPerMeeting) {
        warn(`mødet har over ${limits.maxPerMeeting} bilag`);
        continue;
      }
      read += 1;
      let text: string;
      try {
        text = await readAttachment(fetcher, url, limits);
      } catch (error) {
        if (signal?.aborted) throw error;
        warn(reasonOf(error));
        continue;
      }
      const redacted = redactCpr(text.length > limits.maxTextChars ? `${text.slice(0, limits.maxTextChars)} … (afkortet)` : text);
      const blocks = pdfBlocks(redacted.text);
      // The same rule as for an item's own text: a closed marker in an open item's attachment withholds it.
      if (blocks.some((block) => block.type === "paragraph" && findClosedMarkers(block.text).length > 0) || findClosedMarkers(redacted.text).length > 0) {
        warn("teksten har en lukket-markering og vises ikke");
        continue;
      }
      if (blocks.length === 0) continue;
      cprRedactions += redacted.count;
      sections.push({ heading: `Bilag: ${title}`, kind: "bilag", text: renderBlocks(blocks), blocks, line: sections.length + 1 });
    }
    items.push({ ...item, sections });
  }
  return { ...mapped, meeting: { ...mapped.meeting, items, warnings }, cprRedactions };
}
