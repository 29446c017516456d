const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };

/**
 * Splits the search library's snippet (escaped text with <mark> around matched words) into
 * plain text runs, so the page renders it as React text and never as HTML.
 */
export function snippetParts(snippet: string): Array<{ text: string; isMatch: boolean }> {
  const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m) => ENTITIES[m] ?? m);
  return snippet
    .split(/(<mark>[^<]*<\/mark>)/)
    .filter((part) => part.length > 0)
    .map((part) =>
      part.startsWith("<mark>") ? { text: unescape(part.slice(6, -7)), isMatch: true } : { text: unescape(part), isMatch: false },
    );
}

/** A result's best passage with the matched words highlighted. */
export function Snippet({ snippet }: { snippet: string }) {
  return (
    <p className="text-sm text-ink">
      {snippetParts(snippet).map((part, i) =>
        part.isMatch ? (
          <mark key={i} className="bg-yellow-200 px-0.5 text-ink">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
