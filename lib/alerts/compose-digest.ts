import type { SearchHit } from "@/lib/search/query";
import { escapeHtml } from "@/lib/search/escape-html";
import { formatDanishDate } from "@/lib/text/format-danish-date";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import { MAX_ITEMS_PER_DIGEST } from "./alert-limits";
import { describeAlertQuery } from "./alert-query";
import { mailHtml } from "./mail-layout";
import type { AlertMail } from "./mailer";

/** Everything a digest shows besides its hits. */
export interface DigestContext {
  to: string;
  query: string;
  siteUrl: string;
  /** Page with the unsubscribe button. */
  unsubscribePageUrl: string;
  /** RFC 8058 one-click POST endpoint. */
  oneClickUrl: string;
}

interface Group {
  municipality: string;
  committees: Map<string, SearchHit[]>;
}

/**
 * The digest mail of new hits: grouped by municipality and committee, each item with its title,
 * outcome, meeting date, snippet and permalink; a plain-text and an HTML part in Danish. Every
 * text from the documents is escaped in the HTML, the snippet's plain-text runs included.
 * Carries RFC 8058 one-click unsubscribe headers. At most {@link MAX_ITEMS_PER_DIGEST} items are
 * listed; the rest are counted, with a link to the search.
 */
export function composeDigest(context: DigestContext, hits: readonly SearchHit[]): AlertMail {
  if (hits.length === 0) throw new Error("composeDigest: a digest needs at least one hit");
  const shown = hits.slice(0, MAX_ITEMS_PER_DIGEST);
  const rest = hits.length - shown.length;
  const search = describeAlertQuery(context.query);
  const searchUrl = `${context.siteUrl}/soeg?${context.query}`;
  const subject = `${hits.length === 1 ? "1 nyt punkt" : `${hits.length} nye punkter`} for din søgning ${search}`;
  const groups = groupHits(shown);

  const text: string[] = [`Nye punkter i kommunernes referater, der matcher din søgning ${search}:`, ""];
  const html: string[] = [`<p>Nye punkter i kommunernes referater, der matcher din søgning ${escapeHtml(search)}:</p>`];
  for (const group of groups) {
    text.push(group.municipality, "=".repeat(group.municipality.length), "");
    html.push(`<h2 style="font-size:1.2em">${escapeHtml(group.municipality)}</h2>`);
    for (const [committee, committeeHits] of group.committees) {
      text.push(committee, "-".repeat(committee.length), "");
      html.push(`<h3 style="font-size:1em">${escapeHtml(committee)}</h3><ul>`);
      for (const hit of committeeHits) {
        const permalink = `${context.siteUrl}${hit.url}`;
        const meta = `${OUTCOME_LABELS[hit.outcome]} · møde ${formatDanishDate(hit.date)}`;
        const runs = hit.snippet;
        text.push(`Punkt ${hit.number}. ${hit.title}`, meta, runs.map((run) => run.text).join(""), permalink, "");
        const snippetHtml = runs.map((run) => (run.match ? `<mark>${escapeHtml(run.text)}</mark>` : escapeHtml(run.text))).join("");
        html.push(
          `<li style="margin-bottom:1em"><a href="${escapeHtml(permalink)}">Punkt ${escapeHtml(hit.number)}. ${escapeHtml(hit.title)}</a>` +
            `<br><small>${escapeHtml(meta)}</small><br>${snippetHtml}</li>`,
        );
      }
      html.push("</ul>");
    }
  }
  if (rest > 0) {
    text.push(`… og ${rest} punkter mere. Se dem alle i søgningen:`, searchUrl, "");
    html.push(`<p>… og ${rest} punkter mere. <a href="${escapeHtml(searchUrl)}">Se dem alle i søgningen</a>.</p>`);
  } else {
    text.push("Se søgningen på Referatportalen:", searchUrl, "");
    html.push(`<p><a href="${escapeHtml(searchUrl)}">Se søgningen på Referatportalen</a></p>`);
  }
  const footer = "Du får denne mail, fordi du har abonneret på søgningen og bekræftet det.";
  text.push("--", footer, "Afmeld med ét klik:", context.unsubscribePageUrl);
  html.push(`<hr><p><small>${escapeHtml(footer)} <a href="${escapeHtml(context.unsubscribePageUrl)}">Afmeld med ét klik</a>.</small></p>`);

  return {
    to: context.to,
    subject,
    text: `${text.join("\n")}\n`,
    html: mailHtml(subject, html.join("")),
    headers: { "List-Unsubscribe": `<${context.oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

function groupHits(hits: readonly SearchHit[]): Group[] {
  const groups = new Map<string, Group>();
  for (const hit of hits) {
    let group = groups.get(hit.municipalitySlug);
    if (!group) groups.set(hit.municipalitySlug, (group = { municipality: hit.municipality, committees: new Map() }));
    const list = group.committees.get(hit.committee) ?? [];
    list.push(hit);
    group.committees.set(hit.committee, list);
  }
  return [...groups.values()];
}
