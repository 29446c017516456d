import { escapeHtml } from "@/lib/search/escape-html";

/** A paragraph of the HTML part: escaped text, or a link (both escaped). */
export type MailBlock = { text: string } | { link: string; label: string };

/** A Danish HTML mail around `bodyHtml` (already escaped); the one place mails get their frame. */
export function mailHtml(title: string, bodyHtml: string): string {
  return (
    `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a;max-width:40rem">${bodyHtml}</body></html>`
  );
}

/** Paragraphs as HTML: every text and URL escaped. */
export function blocksHtml(blocks: readonly MailBlock[]): string {
  return blocks.map((block) => ("link" in block ? `<p><a href="${escapeHtml(block.link)}">${escapeHtml(block.label)}</a></p>` : `<p>${escapeHtml(block.text)}</p>`)).join("");
}

/** Paragraphs as plain text: a link becomes its label and the URL on its own line. */
export function blocksText(blocks: readonly MailBlock[]): string {
  return blocks.map((block) => ("link" in block ? `${block.label}:\n${block.link}` : block.text)).join("\n\n") + "\n";
}
