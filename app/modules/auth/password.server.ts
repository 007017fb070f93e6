import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// Algorithm 2 is argon2id in @node-rs/argon2; the parameters are OWASP's minimum recommendation
// (19 MiB, 2 iterations), which keeps sign-in fast enough for a workshop signing in at once.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function getDummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("practica-timing-equaliser");
  return dummyHash;
}

const commonPasswords = new Set(dictionary["passwords-common"] as string[]);

/** True for passwords found in breach-derived lists of the most common passwords. */
export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase();
  return commonPasswords.has(lowered) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890)+$/.test(password);
}
