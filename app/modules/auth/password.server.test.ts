import { describe, expect, it } from "vitest";
import { hashPassword, isCommonPassword, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("hashes with argon2id and verifies the same password", async () => {
    const hash = await hashPassword("a long and unusual passphrase");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain("passphrase");
    expect(await verifyPassword(hash, "a long and unusual passphrase")).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const hash = await hashPassword("a long and unusual passphrase");
    expect(await verifyPassword(hash, "a long and unusual passphrasE")).toBe(false);
  });

  it("salts: the same password hashes differently twice", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("answers false, not an error, for a malformed hash", async () => {
    expect(await verifyPassword("not-a-hash", "whatever")).toBe(false);
  });
});

describe("isCommonPassword", () => {
  it.each(["password123", "1234567890", "qwertyuiop", "Password123", "aaaaaaaaaaaa"])(
    "flags %s",
    (password) => {
      expect(isCommonPassword(password)).toBe(true);
    },
  );

  it("lets a long unusual passphrase through", () => {
    expect(isCommonPassword("lantern orbit marmalade civic")).toBe(false);
  });
});
