import { expect, it } from "vitest";

// Run only by lib/db/test-runner-exit-code.test.ts, through exit-code.vitest.config.ts.
it("passes", () => {
  expect(1).toBe(1);
});

it("fails on purpose", () => {
  expect(1).toBe(2);
});
