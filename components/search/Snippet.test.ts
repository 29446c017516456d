import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Snippet } from "./Snippet";

describe("Snippet", () => {
  it("renders matches in <mark> and every run as text, never as markup", () => {
    const html = renderToStaticMarkup(
      createElement(Snippet, {
        runs: [
          { text: 'a <script>alert("x")</script> & ', match: false },
          { text: "<b>fleksjob</b>", match: true },
          { text: " &amp; mere", match: false },
        ],
      }),
    );
    expect(html).toBe(
      '<p class="text-sm text-ink"><span>a &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; </span>' +
        '<mark class="bg-yellow-200 px-0.5 text-ink">&lt;b&gt;fleksjob&lt;/b&gt;</mark><span> &amp;amp; mere</span></p>',
    );
  });
});
