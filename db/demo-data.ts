/**
 * The demo data the seed writes (db/seed.ts): the accounts listed in the README, their shared
 * published password, and two toolkit suggestions. Apart from the seed so the app can ask
 * "is this the published password?" without loading the seed and the migrator.
 */
import type { toolkitSuggestions } from "./schema";

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
    title: "Recommendation of the Council on Health Data Governance",
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
    licence: "OGL-UK-3.0",
    summary:
      "A national trusted research environment where approved researchers analyse health records without the data leaving the platform. An example of the secure environment model for sensitive data.",
    howToUse:
      "Look at how access is approved, what leaves the environment (only checked, aggregate outputs) and how the service is governed, when designing a secure environment of your own.",
  },
];
