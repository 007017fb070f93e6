/**
 * Demo learning series, facilitated by the demo facilitator: one finished, modelled on the
 * four-part virtual series on public-private data sharing during COVID-19 that Practica grew
 * from; one running; one open for applications. Session dates are set relative to the day of
 * seeding, so a fresh demo always has sessions in the past and in the future.
 *
 * Created once, when missing (by slug); never restored after a facilitator changed them.
 */
import { eq, inArray } from "drizzle-orm";
import type { Database } from "./client";
import {
  cohortFacilitators,
  cohortMembers,
  cohortSessions,
  cohortTakeaways,
  cohorts,
  sessionAttendance,
  users,
} from "./schema";

const DAY = 24 * 60 * 60 * 1000;
const ZONE = "America/Bogota";

type DemoSession = {
  title: string;
  agenda: string;
  materials: string;
  dayOffset: number;
  preWork?: Array<{ kind: "lesson" | "toolkit-entry"; slug: string }>;
};

type DemoCohort = {
  slug: string;
  title: string;
  summary: string;
  audiences: string[];
  learningGoals: string;
  toolkitSlugs: string[];
  capacity: number;
  enrolmentMode: "open" | "application" | "invitation";
  applicationQuestions: string[];
  status: "open" | "running" | "finished";
  enrolmentClosesInDays: number | null;
  sessions: DemoSession[];
  /** Demo accounts enrolled, by email, and whether they attended past sessions. */
  enrolled: string[];
};

export const DEMO_COHORTS: DemoCohort[] = [
  {
    slug: "public-private-data-sharing-in-a-crisis",
    title: "Public-private data sharing in a crisis: a four-part learning series",
    summary:
      "Practitioners from government, companies, research and civil society compared live data partnerships set up during COVID-19: who needs what, how to show value, and what shared infrastructure should do.",
    audiences: ["decision-makers", "analysts", "data-holders"],
    learningGoals:
      "Name the needs of each person in a partnership; explain the value of a data partnership to a busy decision-maker; judge which shared infrastructure would help your own project.",
    toolkitSlugs: [],
    capacity: 32,
    enrolmentMode: "invitation",
    applicationQuestions: [],
    status: "finished",
    enrolmentClosesInDays: null,
    sessions: [
      {
        title: "The people behind the partnership",
        agenda:
          "Data users from managers to analysts: what each needs to succeed, and where guidance fails to reach them.",
        materials: "Notes from the session and the participants' map of roles.",
        dayOffset: -200,
      },
      {
        title: "Understanding and communicating value",
        agenda:
          "What problem does the data help solve, or which service does it help deliver? Making the case to decision-makers.",
        materials: "Worked examples of value statements.",
        dayOffset: -186,
      },
      {
        title: "Towards sustainable partnerships",
        agenda:
          "Aligning public and private incentives; data valuation and impact assessment as ways to build the case.",
        materials: "Reading list on data valuation.",
        dayOffset: -172,
      },
      {
        title: "Common infrastructure with the user in mind",
        agenda:
          "Frameworks, standards and platforms for data sharing at scale, and what they must do for government data users now.",
        materials: "Summary of recommendations.",
        dayOffset: -158,
      },
    ],
    enrolled: ["expert@practica.test", "learner@practica.test"],
  },
  {
    slug: "drafting-a-data-sharing-agreement-together",
    title: "Drafting a data sharing agreement, together",
    summary:
      "Bring an agreement you are negotiating with a data holder; over four sessions, peers and an expert help you work through purpose, access, safeguards and exit.",
    audiences: ["legal-governance", "analysts"],
    learningGoals: "Leave with a draft agreement for your own project, reviewed by peers.",
    toolkitSlugs: [],
    capacity: 20,
    enrolmentMode: "open",
    applicationQuestions: [],
    status: "running",
    enrolmentClosesInDays: 10,
    sessions: [
      {
        title: "Purpose and parties",
        agenda: "State the public purpose; who holds, who uses, who intermediates.",
        materials: "Clause checklist.",
        dayOffset: -14,
      },
      {
        title: "Access models and safeguards",
        agenda:
          "Aggregates, remote access or trusted environments; what de-identification each needs.",
        materials: "",
        dayOffset: 3,
      },
      {
        title: "Liability, audit and exit",
        agenda: "What happens when things go wrong, and when the partnership ends.",
        materials: "",
        dayOffset: 17,
      },
    ],
    enrolled: ["learner@practica.test"],
  },
  {
    slug: "mobility-data-for-city-decision-makers",
    title: "Mobility data for city decision-makers",
    summary:
      "For city officials who want to use aggregated mobility data from telecom operators or apps: what it can tell you, how to ask for it, and how to read it honestly.",
    audiences: ["decision-makers", "analysts"],
    learningGoals:
      "Frame a mobility question a data partner can answer; read an origin-destination matrix critically.",
    toolkitSlugs: [],
    capacity: 25,
    enrolmentMode: "application",
    applicationQuestions: [
      "Which decision would mobility data inform in your city?",
      "Which data holder could you work with?",
    ],
    status: "open",
    enrolmentClosesInDays: 30,
    sessions: [
      {
        title: "What mobility data can and cannot tell you",
        agenda: "Sources, biases and aggregation.",
        materials: "",
        dayOffset: 45,
      },
      {
        title: "Asking for data",
        agenda: "From question to request to agreement.",
        materials: "",
        dayOffset: 59,
      },
      {
        title: "Reading the results",
        agenda: "Uncertainty, representativeness and communicating findings.",
        materials: "",
        dayOffset: 73,
      },
    ],
    enrolled: [],
  },
];

/** 15:00 in Bogotá (UTC-5, no daylight saving) on the day `dayOffset` days from `now`. */
function sessionStart(now: Date, dayOffset: number): Date {
  const day = new Date(now.getTime() + dayOffset * DAY);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 20, 0));
}

export async function seedDemoCohorts(db: Database, now = new Date()): Promise<void> {
  const existing = new Set(
    (
      await db
        .select({ slug: cohorts.slug })
        .from(cohorts)
        .where(
          inArray(
            cohorts.slug,
            DEMO_COHORTS.map((cohort) => cohort.slug),
          ),
        )
    ).map((row) => row.slug),
  );
  const [facilitator] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, "facilitator@practica.test"));
  if (!facilitator) return;
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        DEMO_COHORTS.flatMap((cohort) => cohort.enrolled),
      ),
    );
  const idOf = new Map(people.map((row) => [row.email, row.id]));

  for (const demo of DEMO_COHORTS) {
    if (existing.has(demo.slug)) continue;
    await db.transaction(async (tx) => {
      const id = crypto.randomUUID();
      const { sessions, enrolled, enrolmentClosesInDays, ...fields } = demo;
      await tx.insert(cohorts).values({
        id,
        ...fields,
        courseSlugs: [],
        enrolmentOpensAt: null,
        enrolmentClosesAt:
          enrolmentClosesInDays === null
            ? null
            : new Date(now.getTime() + enrolmentClosesInDays * DAY),
        language: "en",
        timeZone: ZONE,
        createdBy: facilitator.id,
      });
      await tx.insert(cohortFacilitators).values({ cohortId: id, userId: facilitator.id });
      const sessionIds: string[] = [];
      for (const session of sessions) {
        const startsAt = sessionStart(now, session.dayOffset);
        const sessionId = crypto.randomUUID();
        sessionIds.push(sessionId);
        await tx.insert(cohortSessions).values({
          id: sessionId,
          cohortId: id,
          title: session.title,
          agenda: session.agenda,
          materials: session.materials,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000),
          timeZone: ZONE,
          meetingLink: "https://meet.example.org/practica-demo",
          preWork: session.preWork ?? [],
        });
        if (startsAt < now) {
          for (const email of enrolled) {
            const userId = idOf.get(email);
            if (userId)
              await tx
                .insert(sessionAttendance)
                .values({ sessionId, userId, present: true, recordedBy: facilitator.id });
          }
        }
      }
      for (const email of enrolled) {
        const userId = idOf.get(email);
        if (!userId) continue;
        await tx
          .insert(cohortMembers)
          .values({ cohortId: id, userId, status: "enrolled", enrolledAt: now });
      }
      const firstEnrolled = idOf.get(enrolled[0] ?? "");
      if (demo.status === "finished" && firstEnrolled) {
        await tx.insert(cohortTakeaways).values({
          cohortId: id,
          sessionId: sessionIds[1] ?? null,
          authorId: firstEnrolled,
          body: "Start from the decision the data will inform, in the decision-maker's words; the value case follows from it.",
        });
      }
    });
  }
}
