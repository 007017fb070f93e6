import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";
import { describeMailLinkOrigin, getPublicOrigin } from "./http.server";

const requestTo = (url: string) => new Request(url);

describe("getPublicOrigin (links in mail)", () => {
  it("uses PUBLIC_URL whatever host the request names", () => {
    const env = parseEnv({ NODE_ENV: "production", PUBLIC_URL: "https://learn.example.org/" });
    expect(getPublicOrigin(requestTo("http://evil.example/forgot-password"), env)).toBe(
      "https://learn.example.org",
    );
  });

  it("in production without PUBLIC_URL, never uses a host that is not allowed", () => {
    const env = parseEnv({ NODE_ENV: "production", PORT: "3100" });
    expect(getPublicOrigin(requestTo("http://evil.example/forgot-password"), env)).toBe(
      "http://localhost:3100",
    );
    // Loopback is not enough in production: only PUBLIC_URL or ALLOWED_HOSTS name the site.
    expect(getPublicOrigin(requestTo("http://127.0.0.1:3100/forgot-password"), env)).toBe(
      "http://localhost:3100",
    );
  });

  it("in production, uses the request's own address only for a host in ALLOWED_HOSTS", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      ALLOWED_HOSTS: "learn.example.org,practica.example.net:8443",
    });
    expect(getPublicOrigin(requestTo("https://Learn.Example.org/forgot-password"), env)).toBe(
      "https://learn.example.org",
    );
    expect(getPublicOrigin(requestTo("https://practica.example.net:8443/x"), env)).toBe(
      "https://practica.example.net:8443",
    );
    expect(getPublicOrigin(requestTo("https://practica.example.net/x"), env)).toBe(
      "http://localhost:3000",
    );
    expect(getPublicOrigin(requestTo("https://learn.example.org.evil.example/x"), env)).toBe(
      "http://localhost:3000",
    );
  });

  it("in development and tests, uses loopback request addresses, and nothing else", () => {
    for (const NODE_ENV of ["development", "test"]) {
      const env = parseEnv({ NODE_ENV, PORT: "3100" });
      expect(getPublicOrigin(requestTo("http://localhost:5173/x"), env)).toBe("http://localhost:5173");
      expect(getPublicOrigin(requestTo("http://127.0.0.1:3100/x"), env)).toBe("http://127.0.0.1:3100");
      expect(getPublicOrigin(requestTo("http://[::1]:3100/x"), env)).toBe("http://[::1]:3100");
      expect(getPublicOrigin(requestTo("http://evil.example/x"), env)).toBe("http://localhost:3100");
      expect(getPublicOrigin(requestTo("http://127.0.0.1.evil.example/x"), env)).toBe(
        "http://localhost:3100",
      );
    }
  });
});

describe("describeMailLinkOrigin (start log)", () => {
  it("says what links use in production without PUBLIC_URL", () => {
    expect(describeMailLinkOrigin(parseEnv({ NODE_ENV: "production", PORT: "3100" }))).toContain(
      "http://localhost:3100",
    );
    expect(
      describeMailLinkOrigin(parseEnv({ NODE_ENV: "production", ALLOWED_HOSTS: "learn.example.org" })),
    ).toContain("learn.example.org");
  });

  it("says nothing when PUBLIC_URL is set, or outside production", () => {
    expect(
      describeMailLinkOrigin(parseEnv({ NODE_ENV: "production", PUBLIC_URL: "https://learn.example.org" })),
    ).toBeNull();
    expect(describeMailLinkOrigin(parseEnv({ NODE_ENV: "development" }))).toBeNull();
  });
});
