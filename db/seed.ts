import { eq, inArray } from "drizzle-orm";
import { hashPassword } from "../app/modules/auth/password.server";
import type { Database } from "./client";
import { migrateDatabase } from "./migrate";
import { seedDemoCohorts } from "./demo-cohorts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SUGGESTIONS } from "./demo-data";
import { seedDemoDiscussions, seedDiscussionCategories } from "./demo-discussions";
import { toolkitSuggestions, userRoles, users } from "./schema";
import { runAsScript } from "./script";

export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SUGGESTIONS } from "./demo-data";

/**
 * Creates what is missing and never restores what an admin changed: a demo account that
 * exists is left alone (a revoked role, a suspension, a new password or name stay), and its
 * roles are given once, with the account. Demo accounts are created only when asked (the
 * embedded database, or SEED_DEMO=1), never on a production PostgreSQL by default; who may
 * sign in with them is app/modules/auth/demo-accounts.server.ts's business.
 * Course and toolkit content lives in content/ and needs no seeding.
 */
export async function seedDatabase(db: Database, options: { demoAccounts: boolean }): Promise<void> {
  await seedDiscussionCategories(db);
  if (!options.demoAccounts) return;
  const existing = new Set(
    (
      await db
        .select({ email: users.email })
        .from(users)
        .where(
          inArray(
            users.email,
            DEMO_ACCOUNTS.map((account) => account.email),
          ),
        )
    ).map((row) => row.email),
  );
  const missing = DEMO_ACCOUNTS.filter((account) => !existing.has(account.email));
  if (missing.length > 0) {
    // One hash for every demo account: they share a published password, and each argon2 hash
    // costs about a tenth of a second of a fresh start.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const account of missing) {
      const { roles, ...profile } = account;
      await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(users)
          .values({
            id: crypto.randomUUID(),
            ...profile,
            passwordHash,
            emailVerifiedAt: new Date(),
          })
          .onConflictDoNothing()
          .returning({ id: users.id });
        // Another process created it a moment ago: its roles are that one's to give.
        if (!created) return;
        for (const role of roles) await tx.insert(userRoles).values({ userId: created.id, role });
      });
    }
  }
  const [learner] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, "learner@practica.test"));
  if (learner) {
    await db
      .insert(toolkitSuggestions)
      .values(DEMO_SUGGESTIONS.map((suggestion) => ({ ...suggestion, suggestedBy: learner.id })))
      .onConflictDoNothing();
  }
  await seedDemoCohorts(db);
  await seedDemoDiscussions(db, {
    admin: "admin@practica.test",
    facilitator: "facilitator@practica.test",
    expert: "expert@practica.test",
    moderator: "moderator@practica.test",
    learner: "learner@practica.test",
  });
}

runAsScript(import.meta.url, async (handle, env) => {
  const { shouldSeedDemoAccounts } = await import("../app/utils/env.server");
  await migrateDatabase(handle);
  await seedDatabase(handle.db, { demoAccounts: shouldSeedDemoAccounts(env) });
  console.log("Seed complete.");
});
