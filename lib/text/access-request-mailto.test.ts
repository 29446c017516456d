import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accessRequestMailto } from "./access-request-mailto";

const request = {
  email: "post@vejen.example",
  municipality: "Vejen Kommune",
  caseNumber: "24/3579",
  title: "Temadrøftelse - Bæredygtighed (ESG)",
  committee: "Udvalget for arbejdsmarked og integration",
  meetingDate: "2024-03-19",
  itemNumber: "1",
  itemUrl: "https://referater.example.dk/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-1",
};

describe("accessRequestMailto", () => {
  it("addresses the municipality with case number, title and meeting in subject and body", () => {
    const url = new URL(accessRequestMailto(request));
    expect(url.protocol).toBe("mailto:");
    expect(url.pathname).toBe("post@vejen.example");
    expect(url.searchParams.get("subject")).toBe("Anmodning om aktindsigt i sag 24/3579");
    const body = url.searchParams.get("body") ?? "";
    expect(body).toContain("offentlighedslovens § 7");
    expect(body).toContain("Sagsnummer: 24/3579");
    expect(body).toContain("Titel: Temadrøftelse - Bæredygtighed (ESG)");
    expect(body).toContain("Behandlet: Udvalget for arbejdsmarked og integration, møde tirsdag den 19. marts 2024, punkt 1");
    expect(body).toContain(request.itemUrl);
  });

  it("no title can add a recipient or a header", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (title, caseNumber) => {
        const url = new URL(accessRequestMailto({ ...request, title, caseNumber }));
        expect(url.pathname).toBe("post@vejen.example");
        expect([...url.searchParams.keys()]).toEqual(["subject", "body"]);
        expect(url.searchParams.get("body")).toContain(`Titel: ${title}`);
      }),
    );
  });
});
