import { describe, expect, it } from "vitest";
import { municipalityFromHost } from "./municipality-from-host";
import { parseRetryAfter } from "./polite-fetch";

describe("municipalityFromHost", () => {
  it("reads the municipality from FirstAgenda host names, Danish letters spelt out", () => {
    expect(municipalityFromHost("https://dagsordener.vejen.dk")).toBe("Vejen Kommune");
    expect(municipalityFromHost("https://dagsordener-referater.koege.dk/")).toBe("Køge Kommune");
    expect(municipalityFromHost("https://dagsorden.aeroekommune.dk")).toBe("Ærø Kommune");
    expect(municipalityFromHost("https://dagsordener.kk.dk")).toBeNull();
    expect(municipalityFromHost("http://127.0.0.1:3260")).toBeNull();
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter("Wed, 02 Dec 2026 10:00:10 GMT", Date.parse("Wed, 02 Dec 2026 10:00:00 GMT"))).toBe(10_000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
