import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToSegments } from "./html-to-blocks";

const WORD_HTML = `
<meta charset="utf-8"><title>Dagsordenpunkt</title>
<h3><span style="font-weight:bold">Sagsfremstilling</span></h3>
<p class=MsoNormal><span>Kommunen har modtaget en ansøgning.</span><br><span>Anden linje.</span></p>
<p>&nbsp;</p><p><span>&nbsp;&nbsp;</span></p>
<ol start="3"><li>Tredje <b>punkt</b><ul><li>Under a</li><li>Under b</li></ul></li><li>Fjerde punkt</li></ol>
<table><tr><th>Konto</th><th>Beløb</th></tr><tr><td><p>Drift</p></td><td>1.000 kr.</td></tr><tr><td></td><td>&nbsp;</td></tr></table>
<meta name="x" content="midt i teksten">
<h3>Indstilling</h3>
<p>Direktionen indstiller, at udvalget godkender.</p>`;

describe("htmlToSegments", () => {
  it("splits Word HTML at headings into paragraphs, nested lists and tables, dropping empty paragraphs and meta tags", () => {
    const segments = htmlToSegments(WORD_HTML);
    expect(segments.map((segment) => segment.heading)).toEqual(["Sagsfremstilling", "Indstilling"]);
    expect(segments[0]?.blocks).toEqual([
      { type: "paragraph", text: "Kommunen har modtaget en ansøgning.\nAnden linje." },
      { type: "list", ordered: true, start: 3, items: ["Tredje punkt\n  - Under a\n  - Under b", "Fjerde punkt"] },
      { type: "table", rows: [["Konto", "Beløb"], ["Drift", "1.000 kr."]] },
    ]);
    expect(segments[1]?.blocks).toEqual([{ type: "paragraph", text: "Direktionen indstiller, at udvalget godkender." }]);
  });

  it("keeps headings wrapped in inline elements as headings", () => {
    const segments = htmlToSegments("<span><h3>Beslutning</h3><p>Godkendt.</p></span>");
    expect(segments).toEqual([{ heading: "Beslutning", blocks: [{ type: "paragraph", text: "Godkendt." }] }]);
  });

  it("lets no script, style, event handler or link target through", () => {
    const hostile =
      `<p onclick="steal()">Tekst <a href="javascript:alert(1)">klik</a> <a href="https://example.dk/x">kilde</a></p>` +
      `<script>alert("xss")</script><style>p{color:red}</style><img src=x onerror="alert(2)">` +
      `<ul><li><script>document.cookie</script>Punkt<iframe src="javascript:alert(3)">inde</iframe></li></ul>` +
      `<svg><script>alert(4)</script></svg><noscript>noscript-tekst</noscript>`;
    const text = JSON.stringify(htmlToSegments(hostile));
    expect(text).toContain("Tekst klik kilde");
    expect(text).toContain("Punkt");
    for (const bad of ["alert", "steal", "javascript", "cookie", "color:red", "onerror", "<", "noscript-tekst", "inde"]) expect(text).not.toContain(bad);
  });

  it("never lets a tag, script body or event handler from generated hostile markup into a block", () => {
    const payload = fc.constantFrom(
      `<script>SECRET()</script>`,
      `<style>SECRET{}</style>`,
      `<img src=x onerror=SECRET()>`,
      `<a href="javascript:SECRET()">`,
      `<svg onload=SECRET()>`,
      `<iframe srcdoc="SECRET">SECRET</iframe>`,
      `<meta http-equiv=refresh content="0;url=javascript:SECRET()">`,
      `<title>SECRET</title>`,
    );
    const wrapper = fc.constantFrom("p", "li", "td", "h3", "span", "div", "b");
    fc.assert(
      fc.property(fc.array(fc.tuple(wrapper, payload, fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 6 }), (parts) => {
        const html = `<ul><li>x</li></ul>` + parts.map(([tag, bad, text]) => `<${tag}>${text.replace(/[<>&]/g, "")}${bad}</${tag}>`).join("") + "<table><tr><td>y</td></tr></table>";
        const blocksText = JSON.stringify(htmlToSegments(html));
        expect(blocksText).not.toContain("SECRET");
        expect(blocksText).not.toMatch(/<\s*\w/);
      }),
      { numRuns: 300 },
    );
  });
});
