import { eq } from "drizzle-orm";
import { hashPassword } from "../app/modules/auth/password.server";
import type { Database } from "./client";
import { migrateDatabase } from "./migrate";
import { userRoles, users } from "./schema";
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
 * Idempotent: running it twice changes nothing. Demo accounts are created only when asked
 * (the embedded database, or SEED_DEMO=1), never on a production PostgreSQL by default.
 * Course and toolkit content lives in content/ and needs no seeding.
 */
export async function seedDatabase(db: Database, options: { demoAccounts: boolean }): Promise<void> {
  if (!options.demoAccounts) return;
  for (const account of DEMO_ACCOUNTS) {
    const { roles, ...profile } = account;
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    let userId = existing?.id;
    if (!userId) {
      userId = crypto.randomUUID();
      await db
        .insert(users)
        .values({
          id: userId,
          ...profile,
          passwordHash: await hashPassword(DEMO_PASSWORD),
          emailVerifiedAt: new Date(),
        })
        .onConflictDoNothing();
    }
    for (const role of roles) {
      await db.insert(userRoles).values({ userId, role }).onConflictDoNothing();
    }
  }
}

runAsScript(import.meta.url, async (handle, env) => {
  const { shouldSeedDemoAccounts } = await import("../app/utils/env.server");
  await migrateDatabase(handle);
  await seedDatabase(handle.db, { demoAccounts: shouldSeedDemoAccounts(env) });
  console.log("Seed complete.");
});
