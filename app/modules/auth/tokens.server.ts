import { createHash, randomBytes } from "node:crypto";

/** A URL-safe random token with 256 bits of entropy, for links sent by mail. */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are stored only as this hash, so the database never holds a usable link. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
