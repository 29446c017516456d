import { describe, expect, it } from "vitest";
import { snippetParts } from "./Snippet";

describe("snippetParts", () => {
  it("turns marks into matches and unescapes text without creating markup", () => {
    expect(snippetParts("a &lt;script&gt; <mark>fleksjob</mark> &amp; mere")).toEqual([
      { text: "a <script> ", isMatch: false },
      { text: "fleksjob", isMatch: true },
      { text: " & mere", isMatch: false },
    ]);
  });
});
