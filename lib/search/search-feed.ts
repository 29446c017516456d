import { Feed } from "feed";
import { formatDanishDate } from "@/lib/text/format-danish-date";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import { escapeHtml } from "./escape-html";
import type { SearchHit } from "./query";

/** Entries in one feed: the newest decisions matching the search. */
export const FEED_LIMIT = 50;

/**
 * An Atom feed of search hits, newest meeting first, for following a search in a feed reader.
 * Entry ids are the items' permalinks, so a reader shows each decision once. Titles and
 * summaries are Atom "html": every text from the documents is escaped, and the summary carries
 * the search snippet (already escaped, matches in `<mark>`).
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
      description: `<p>${escapeHtml(`${OUTCOME_LABELS[hit.outcome]} · møde ${formatDanishDate(hit.date)}`)}</p><p>${hit.snippet}</p>`,
      author: [{ name: hit.municipality }],
    });
  }
  return feed.atom1();
}
