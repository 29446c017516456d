import { describe, expect, it } from "vitest";
import { clientIpOf } from "./client-ip";

describe("clientIpOf", () => {
  it("trusts X-Forwarded-For only from a proxy on this machine, and only its last entry", () => {
    expect(clientIpOf("203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
    expect(clientIpOf("127.0.0.1", "10.0.0.1, 198.51.100.1")).toBe("198.51.100.1");
    expect(clientIpOf("::ffff:127.0.0.1", "198.51.100.2")).toBe("198.51.100.2");
    expect(clientIpOf("::1", undefined)).toBe("::1");
    expect(clientIpOf(undefined, "198.51.100.1")).toBeNull();
  });
});
