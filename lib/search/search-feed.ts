import { Feed } from "feed";
import { formatDanishDate } from "@/lib/text/format-danish-date";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import { escapeHtml } from "./escape-html";
import type { SearchHit } from "./query";
import type { SnippetRun } from "./snippet";

/** Entries in one feed: the newest decisions matching the search. */
export const FEED_LIMIT = 50;

/**
 * An Atom feed of search hits, newest meeting first, for following a search in a feed reader.
 * Entry ids are the items' permalinks, so a reader shows each decision once. Titles and
 * summaries are Atom "html": every text from the documents is escaped, and the summary carries
 * the search snippet with its matches in `<mark>`. Characters XML 1.0 does not allow (control
 * characters from a query such as `?q=%01`, U+FFFE in a committee name) are dropped, so the
 * feed stays well-formed whatever the documents and the query hold.
 */
export function searchHitsToAtom(options: { hits: readonly SearchHit[]; siteUrl: string; pagePath: string; feedPath: string; title: string }): string {
  const { hits, siteUrl } = options;
  const newest = hits.reduce((latest, hit) => (hit.date > latest ? hit.date : latest), "");
  const feed = new Feed({
    title: options.title,
    id: `${siteUrl}${options.feedPath}`,
    link: `${siteUrl}${options.pagePath}`,
    language: "da",
    copyright: "Teksterne kommer fra kommunernes egne referater.",
    updated: newest ? new Date(`${newest}T00:00:00Z`) : new Date(),
    feedLinks: { atom: `${siteUrl}${options.feedPath}` },
  });
  for (const hit of hits) {
    feed.addItem({
      title: escapeHtml(`${hit.municipality}, ${hit.committee}: punkt ${hit.number}. ${hit.title}`),
      id: `${siteUrl}${hit.url}`,
      link: `${siteUrl}${hit.url}`,
      date: new Date(`${hit.date}T00:00:00Z`),
      description: `<p>${escapeHtml(`${OUTCOME_LABELS[hit.outcome]} · møde ${formatDanishDate(hit.date)}`)}</p><p>${snippetHtml(hit.snippet)}</p>`,
      author: [{ name: hit.municipality }],
    });
  }
  // Forbidden characters cannot be part of the markup, so dropping them from the whole
  // document reaches every text the feed library wrote, attributes included.
  return withoutXmlForbiddenCharacters(feed.atom1());
}

/** A snippet as HTML: escaped text, matched words in `<mark>`. */
function snippetHtml(runs: readonly SnippetRun[]): string {
  return runs.map((run) => (run.match ? `<mark>${escapeHtml(run.text)}</mark>` : escapeHtml(run.text))).join("");
}

// XML 1.0's Char production: tab, line feed, carriage return and U+0020–U+D7FF, U+E000–U+FFFD,
// U+10000–U+10FFFF. With the u flag a lone surrogate is one code point outside these ranges.
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` without the characters an XML 1.0 document may not contain. */
export function withoutXmlForbiddenCharacters(text: string): string {
  return text.replace(XML_FORBIDDEN, "");
}
