import { describe, expect, it } from "vitest";
import { SignInSchema, SignUpSchema } from "~/modules/auth/schemas";
import { toSameOriginPath } from "./redirect";

/** Values that have taken browsers off-site past "starts with one slash" checks. */
const OFF_SITE = [
  "//evil.example",
  "///evil.example",
  "////evil.example/x",
  "/\\evil.example",
  "\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "\t//evil.example",
  "/\t\\evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/./\\evil.example",
  "https://evil.example",
  "http://evil.example/",
  "HTTPS://evil.example",
  "http:evil.example",
  "http:/evil.example",
  "http:\\\\evil.example",
  "/\\/evil.example",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "java\tscript:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "blob:https://evil.example/x",
  "ftp://evil.example",
  "\u0000//evil.example",
  " //evil.example",
];

describe("toSameOriginPath", () => {
  it.each(OFF_SITE)("refuses %j", (value) => {
    expect(toSameOriginPath(value)).toBeUndefined();
  });

  it.each([
    ["/", "/"],
    ["/courses/privacy?tab=2#outcomes", "/courses/privacy?tab=2#outcomes"],
    ["/toolkit?q=data%20sharing", "/toolkit?q=data%20sharing"],
    // Percent-encoded characters stay encoded, so the browser never turns them into a host.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    // A relative scheme of the same kind is a path on this site, and only the path is kept.
    ["https:evil.example", "/evil.example"],
  ])("keeps %j as %j", (value, expected) => {
    expect(toSameOriginPath(value)).toBe(expected);
  });

  it("refuses what is not a string, empty or absurdly long", () => {
    expect(toSameOriginPath(undefined)).toBeUndefined();
    expect(toSameOriginPath(42)).toBeUndefined();
    expect(toSameOriginPath("")).toBeUndefined();
    expect(toSameOriginPath(`/${"a".repeat(3000)}`)).toBeUndefined();
  });

  it("every result, read as a Location header on the real site, stays on it", () => {
    for (const value of [...OFF_SITE, "/a", "/%09/x", "https:x", "/a/../b"]) {
      const path = toSameOriginPath(value);
      if (path === undefined) continue;
      expect(new URL(path, "https://practica.example").origin).toBe("https://practica.example");
    }
  });
});

describe("sign-in and sign-up drop off-site redirectTo values", () => {
  const signIn = { email: "a@practica.test", password: "whatever-it-is" };
  const signUp = { ...signIn, displayName: "A", password: "long-enough-password" };
  it.each(OFF_SITE)("%j", (redirectTo) => {
    const signInResult = SignInSchema.safeParse({ ...signIn, redirectTo });
    const signUpResult = SignUpSchema.safeParse({ ...signUp, redirectTo });
    expect(signInResult.success && signInResult.data.redirectTo).toBeUndefined();
    expect(signUpResult.success && signUpResult.data.redirectTo).toBeUndefined();
  });

  it("keeps a path on this site", () => {
    const result = SignInSchema.safeParse({ ...signIn, redirectTo: "/courses/privacy?tab=2" });
    expect(result.success && result.data.redirectTo).toBe("/courses/privacy?tab=2");
  });
});
