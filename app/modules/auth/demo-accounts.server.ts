/**
 * The demo accounts (db/seed.ts) share a password published in the README. They are there for
 * someone trying Practica on their own computer, so an account signing in with that password is
 * accepted only from that computer, unless the operator said otherwise in so many words:
 *  - SEED_DEMO unset: demo accounts on the embedded database, signing in on this machine only;
 *  - SEED_DEMO=1: demo accounts signing in from anywhere (a shared demo, a test run);
 *  - SEED_DEMO=0: no demo accounts, and the published password opens nothing, anywhere.
 */
import { and, inArray, isNull } from "drizzle-orm";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../../db/demo-data";
import { users } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { getEnv, type Env } from "~/utils/env.server";

export type DemoSignIn = "anywhere" | "this-machine" | "nowhere";

export function demoSignInPolicy(env: Env = getEnv()): DemoSignIn {
  if (env.SEED_DEMO === "1") return "anywhere";
  if (env.SEED_DEMO === "0") return "nowhere";
  return "this-machine";
}

/**
 * Whether a sign-in with this (correct) password may go ahead: any password but the published
 * one may; the published one as the policy says.
 */
export function mayUsePassword(password: string, fromThisMachine: boolean, env: Env = getEnv()): boolean {
  if (password !== DEMO_PASSWORD) return true;
  const policy = demoSignInPolicy(env);
  return policy === "anywhere" || (policy === "this-machine" && fromThisMachine);
}

/** Demo accounts that exist and are not suspended (whatever their password now is). */
export async function countActiveDemoAccounts(): Promise<number> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(
          users.email,
          DEMO_ACCOUNTS.map((account) => account.email),
        ),
        isNull(users.suspendedAt),
      ),
    );
  return rows.length;
}

/** What the sign-in page tells visitors while demo accounts can sign in; null once they cannot. */
export async function getDemoAccountsNotice(env: Env = getEnv()): Promise<"this-machine" | "anywhere" | null> {
  const policy = demoSignInPolicy(env);
  if (policy === "nowhere") return null;
  return (await countActiveDemoAccounts()) > 0 ? policy : null;
}

/** The line the start log gives about demo accounts, or null when there are none to speak of. */
export async function describeDemoAccountsForLog(env: Env = getEnv()): Promise<string | null> {
  const count = await countActiveDemoAccounts();
  if (count === 0) return null;
  switch (demoSignInPolicy(env)) {
    case "anywhere":
      return `${count} demo account(s) with the published password can sign in from ANY address (SEED_DEMO=1); never use this on a site with real people`;
    case "this-machine":
      return `${count} demo account(s) with the published password exist; they sign in only from this machine (loopback). Before going online: npm run admin:create, then SEED_DEMO=0 and suspend them (README, "From demo to real")`;
    case "nowhere":
      return `${count} demo account(s) remain but cannot sign in with the published password (SEED_DEMO=0); suspend them at /admin/people`;
  }
}
