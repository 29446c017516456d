import { describe, expect, it } from "vitest";
import nextConfig from "../../next.config";

describe("next.config.ts", () => {
  // `npm start` builds with `next build`; a type error must stop that build, not ship.
  it("lets next build fail on type errors", () => {
    expect(nextConfig.typescript?.ignoreBuildErrors ?? false).toBe(false);
  });
});
