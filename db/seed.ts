import { eq, inArray } from "drizzle-orm";
import { hashPassword } from "../app/modules/auth/password.server";
import type { Database } from "./client";
import { migrateDatabase } from "./migrate";
import { toolkitSuggestions, userRoles, users } from "./schema";
import { runAsScript } from "./script";

export const DEMO_PASSWORD = "practica-demo";

type DemoRole = "facilitator" | "expert" | "moderator" | "admin";

interface DemoAccount {
  email: string;
  displayName: string;
  roles: DemoRole[];
  organisation: string;
  sector: string;
  country: string;
  organisationRole: string;
  languages: string[];
  timeZone: string;
  bio: string;
}

/** The demo accounts listed in the README; all share DEMO_PASSWORD. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "admin@practica.test",
    displayName: "Amara Okafor",
    roles: ["admin"],
    organisation: "Practica",
    sector: "civil-society",
    country: "NG",
    organisationRole: "programme",
    languages: ["en", "fr"],
    timeZone: "Africa/Lagos",
    bio: "Runs the Practica platform and its community of practice.",
  },
  {
    email: "facilitator@practica.test",
    displayName: "Lucía Fernández",
    roles: ["facilitator"],
    organisation: "Regional Data Learning Network",
    sector: "international-organisation",
    country: "CO",
    organisationRole: "facilitator",
    languages: ["es", "en"],
    timeZone: "America/Bogota",
    bio: "Facilitates virtual learning series for public officials working with private-sector data.",
  },
  {
    email: "expert@practica.test",
    displayName: "Dr. Rahul Mehta",
    roles: ["expert"],
    organisation: "Institute for Privacy Engineering",
    sector: "academia",
    country: "IN",
    organisationRole: "legal-governance",
    languages: ["en", "hi"],
    timeZone: "Asia/Kolkata",
    bio: "Advises governments on data sharing agreements, impact assessments and de-identification.",
  },
  {
    email: "moderator@practica.test",
    displayName: "Sofia Lindqvist",
    roles: ["moderator"],
    organisation: "Open Data Partnerships Forum",
    sector: "civil-society",
    country: "SE",
    organisationRole: "programme",
    languages: ["sv", "en"],
    timeZone: "Europe/Stockholm",
    bio: "Keeps discussions useful and welcoming.",
  },
  {
    email: "learner@practica.test",
    displayName: "Joseph Mwangi",
    roles: [],
    organisation: "Ministry of Health",
    sector: "government",
    country: "KE",
    organisationRole: "analyst",
    languages: ["en", "sw"],
    timeZone: "Africa/Nairobi",
    bio: "Analyst learning to use mobility and telecom data for public health planning.",
  },
];

/**
 * Two resources the demo learner suggested for the toolkit, so the moderators' queue at
 * /moderation/toolkit-suggestions has something to review. Fixed ids keep the seed idempotent
 * (tests/route-access.ts names the first); a moderator's decision on them is never undone.
 */
export const DEMO_SUGGESTIONS: Array<typeof toolkitSuggestions.$inferInsert> = [
  {
    id: "5b0c3f0e-6d1a-4c55-9a57-1d2f3e4a5b01",
    title: "OECD Recommendation on Health Data Governance",
    publisher: "OECD",
    year: 2016,
    sourceUrl: "https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0433",
    type: "framework",
    topics: ["health-data", "governance", "data-protection"],
    audiences: ["decision-makers", "legal-governance"],
    regions: ["global"],
    languages: ["en", "fr"],
    licence: "proprietary",
    summary:
      "A recommendation adopted by OECD governments on making personal health data available for public-interest uses while protecting privacy. Useful for officials drafting a national framework for health data sharing.",
    howToUse:
      "Read its twelve principles as a checklist for a health data sharing framework: public engagement, governance, consent, transparency, security and review.\n\nCompare your draft rules against each principle and note the gaps.",
  },
  {
    id: "5b0c3f0e-6d1a-4c55-9a57-1d2f3e4a5b02",
    title: "NHS England Secure Data Environment service",
    publisher: "NHS England",
    year: 2023,
    sourceUrl: "https://digital.nhs.uk/services/secure-data-environment-service",
    type: "tool",
    topics: ["secure-environments", "health-data"],
    audiences: ["analysts", "data-holders"],
    regions: ["europe"],
    languages: ["en"],
    licence: "proprietary",
    summary:
      "A national trusted research environment where approved researchers analyse health records without the data leaving the platform. An example of the secure environment model for sensitive data.",
    howToUse:
      "Look at how access is approved, what leaves the environment (only checked, aggregate outputs) and how the service is governed, when designing a secure environment of your own.",
  },
];

/**
 * Creates what is missing and never restores what an admin changed: a demo account that
 * exists is left alone (a revoked role, a suspension, a new password or name stay), and its
 * roles are given once, with the account. Demo accounts are created only when asked (the
 * embedded database, or SEED_DEMO=1), never on a production PostgreSQL by default; who may
 * sign in with them is app/modules/auth/demo-accounts.server.ts's business.
 * Course and toolkit content lives in content/ and needs no seeding.
 */
export async function seedDatabase(db: Database, options: { demoAccounts: boolean }): Promise<void> {
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
          .values({ id: crypto.randomUUID(), ...profile, passwordHash, emailVerifiedAt: new Date() })
          .onConflictDoNothing()
          .returning({ id: users.id });
        // Another process created it a moment ago: its roles are that one's to give.
        if (!created) return;
        for (const role of roles) await tx.insert(userRoles).values({ userId: created.id, role });
      });
    }
  }
  const [learner] = await db.select({ id: users.id }).from(users).where(eq(users.email, "learner@practica.test"));
  if (learner) {
    await db
      .insert(toolkitSuggestions)
      .values(DEMO_SUGGESTIONS.map((suggestion) => ({ ...suggestion, suggestedBy: learner.id })))
      .onConflictDoNothing();
  }
}

runAsScript(import.meta.url, async (handle, env) => {
  const { shouldSeedDemoAccounts } = await import("../app/utils/env.server");
  await migrateDatabase(handle);
  await seedDatabase(handle.db, { demoAccounts: shouldSeedDemoAccounts(env) });
  console.log("Seed complete.");
});
