import { describe, expect, it } from "vitest";
import { DEFAULT_SEARCH_PARAMS, onlySearchParams, parseSearchParams } from "./search-params";

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe("parseSearchParams", () => {
  it("reads every parameter, repeated and comma-separated list values", () => {
    expect(parse("q=fleksjob&kommune=vejen&kommune=faxe&aar=2023,2024&udfald=approved&emne=15&afvigelse=ja&dissens=ja&felt=beslutning&sort=nyeste&side=2")).toEqual({
      ok: true,
      params: {
        q: "fleksjob",
        kommune: ["vejen", "faxe"],
        udvalg: [],
        aar: ["2023", "2024"],
        udfald: ["approved"],
        emne: ["15"],
        afvigelse: ["ja"],
        dissens: ["ja"],
        felt: "beslutning",
        sort: "nyeste",
        side: 2,
      },
    });
  });

  it("treats empty values as not given, as a GET form sends them", () => {
    expect(parse("q=&kommune=&udvalg=&aar=&udfald=&emne=&felt=&sort=&side=")).toEqual({ ok: true, params: DEFAULT_SEARCH_PARAMS });
  });

  it.each([
    ["foo=bar", "foo"],
    ["udfald=maybe", "udfald"],
    ["felt=body", "felt"],
    ["emne=99", "emne"],
    ["afvigelse=nej", "afvigelse"],
    ["dissens=1", "dissens"],
    ["aar=24", "aar"],
    ["kommune=Vejen Kommune", "kommune"],
    ["sort=oldest", "sort"],
    ["side=0", "side"],
    ["side=-1", "side"],
    ["side=1.5", "side"],
    ["side=abc", "side"],
    ["q=a&q=b", "q"],
    [`q=${"x".repeat(201)}`, "q"],
  ])("refuses %s", (query, param) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.param).toBe(param);
      expect(result.error.messageDa.length).toBeGreaterThan(0);
      expect(result.error.messageEn.length).toBeGreaterThan(0);
    }
  });

  it("accepts q of exactly 200 characters", () => {
    expect(parse(`q=${"x".repeat(200)}`).ok).toBe(true);
  });

  it("refuses municipality and committee values outside the known values when given", () => {
    const known = { kommune: new Set(["vejen"]), udvalg: new Set(["vejen/arbejdsmarkedsudvalget"]) };
    expect(parseSearchParams(new URLSearchParams("kommune=vejen&udvalg=vejen/arbejdsmarkedsudvalget"), known).ok).toBe(true);
    expect(parseSearchParams(new URLSearchParams("kommune=aarhus"), known).ok).toBe(false);
    expect(parseSearchParams(new URLSearchParams("udvalg=varde/arbejdsmarkedsudvalget"), known).ok).toBe(false);
  });

  it("takes a committee as <municipality>/<committee>, never the committee slug alone", () => {
    expect(parse("udvalg=vejen%2Fudvalget-for-arbejdsmarked-og-integration").ok).toBe(true);
    expect(parse("udvalg=udvalget-for-arbejdsmarked-og-integration").ok).toBe(false);
    expect(parse("udvalg=vejen/").ok).toBe(false);
  });

  // A link shared on Facebook or from a newsletter: "Ukendt parameter: fbclid" (issue 12).
  it.each(["fbclid=IwAR0abc", "utm_source=x&utm_medium=email&utm_campaign=y", "gclid=1", "mc_cid=1&mc_eid=2", "msclkid=1", "_ga=2.1.1", "UTM_Content=a&utm_content=b"])(
    "ignores the tracking parameters in %s",
    (tracking) => {
      expect(parse(`q=fleksjob&${tracking}`)).toEqual({ ok: true, params: { ...DEFAULT_SEARCH_PARAMS, q: "fleksjob" } });
    },
  );

  it("still refuses unknown parameters that only resemble tracking ones", () => {
    expect(parse("q=a&utmsource=x").ok).toBe(false);
    expect(parse("q=a&fbclid2=x").ok).toBe(false);
  });
});

describe("onlySearchParams", () => {
  it("keeps the search parameters, repeated ones included, and drops everything else", () => {
    const kept = onlySearchParams(new URLSearchParams("q=a&foo=1&kommune=vejen&kommune=faxe&fbclid=x&side=2&Q=b"));
    expect([...kept]).toEqual([
      ["q", "a"],
      ["kommune", "vejen"],
      ["kommune", "faxe"],
      ["side", "2"],
    ]);
    expect(parseSearchParams(kept).ok).toBe(true);
  });
});
