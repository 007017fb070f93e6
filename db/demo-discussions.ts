/**
 * Discussion categories (every install) and demo threads (with the demo accounts), written by
 * the seed (db/seed.ts). Like the rest of the seed it creates what is missing and never
 * restores what someone changed: categories only into an empty table, and each demo thread
 * only when its opening post (found by its idempotency key) has never been written.
 */
import { eq, inArray } from "drizzle-orm";
import { renderMarkdown } from "../app/modules/discussions/markdown.server";
import type { Database } from "./client";
import {
  discussionCategories,
  discussionPosts,
  discussionReactions,
  discussionThreadSubscriptions,
  discussionThreads,
  searchQueue,
  users,
} from "./schema";

export const DISCUSSION_CATEGORIES = [
  {
    slug: "agreements-and-legal",
    name: "Agreements and legal",
    description: "Data sharing agreements, legal bases, contracts and the clauses that make them work.",
  },
  {
    slug: "privacy-and-de-identification",
    name: "Privacy and de-identification",
    description: "Aggregation, anonymisation, impact assessments and what still identifies people.",
  },
  {
    slug: "analysis-and-communication",
    name: "Analysis and communication",
    description: "Turning private-sector data into indicators, and telling decision-makers what they mean.",
  },
  {
    slug: "value-and-sustainability",
    name: "Value and sustainability",
    description: "Costs, incentives and how a pilot becomes a lasting partnership.",
  },
  {
    slug: "introductions",
    name: "Introductions",
    description: "Who you are, what you work on, and what you hope to learn here.",
  },
] as const;

type DemoAuthor = "admin" | "facilitator" | "expert" | "moderator" | "learner";

interface DemoThread {
  key: string;
  place: { kind: "category" | "lesson" | "toolkit-entry"; id: string };
  title: string;
  daysAgo: number;
  posts: { author: DemoAuthor; body: string; accepted?: boolean; reactions?: DemoAuthor[] }[];
}

export const DEMO_THREADS: DemoThread[] = [
  {
    key: "mobility-agreement",
    place: { kind: "category", id: "agreements-and-legal" },
    title: "Mobility data agreement with a telecom operator: which clauses did you insist on?",
    daysAgo: 12,
    posts: [
      {
        author: "learner",
        body: "Our transport ministry is negotiating access to aggregated mobility data from the largest mobile operator, to plan bus routes after the new ring road opens.\n\nThe operator's lawyers sent their standard template. It says nothing about **purpose limitation**, nothing about what happens to derived indicators when the agreement ends, and gives them the right to audit us but not the other way round.\n\nFor those who have signed one of these: which clauses did you insist on, and which did you give up?",
      },
      {
        author: "expert",
        body: "Three clauses I would not sign without:\n\n1. **Purpose**: a closed list of uses (route planning, not enforcement), with a written procedure to add one.\n2. **Minimum aggregation**: counts below a threshold (we used 15 devices per cell and hour) are suppressed *by the operator*, before anything leaves them.\n3. **End of agreement**: raw extracts deleted within 30 days, derived indicators may be kept and published.\n\nThe audit right should run both ways. Operators usually accept that once you offer a joint technical committee instead of on-site audits.",
        accepted: true,
        reactions: ["learner", "facilitator", "moderator"],
      },
      {
        author: "facilitator",
        body: "Add an **onward sharing** clause: can you pass indicators to the regional transport authority? We forgot, and it took four months to amend.\n\nThe lesson on the data sharing agreement has a checklist that follows the same order.",
        reactions: ["learner"],
      },
      {
        author: "learner",
        body: "Thank you both. The threshold suppressed at the source is exactly what our data protection officer asked for. I'll propose the joint committee.",
      },
    ],
  },
  {
    key: "legal-basis-public-task",
    place: { kind: "category", id: "agreements-and-legal" },
    title: "Public task or legitimate interest for the operator's side?",
    daysAgo: 5,
    posts: [
      {
        author: "facilitator",
        body: "We are clear that the ministry relies on *public task*. But what is the operator's legal basis for producing the aggregates in the first place? Their counsel says legitimate interest; our DPO is unsure a company can claim that for work done at our request.",
      },
      {
        author: "expert",
        body: "It varies by jurisdiction. Under the GDPR, aggregation that truly anonymises can be seen as compatible further processing, but the analysis itself is still processing of personal data. Ask them to document a legitimate interest assessment and share it with you.",
      },
    ],
  },
  {
    key: "k-anonymity-doubt",
    place: { kind: "category", id: "privacy-and-de-identification" },
    title: "Is k-anonymity of 10 enough for origin-destination matrices at night?",
    daysAgo: 9,
    posts: [
      {
        author: "learner",
        body: "Our origin-destination matrix has k ≥ 10 for every cell. But between 1 and 5 a.m. some flows come from a single industrial zone to a single village. Ten devices, one night shift: I feel we could recognise the people.\n\nIs k enough here, or are we missing something?",
      },
      {
        author: "expert",
        body: "You are right to doubt it. k-anonymity protects against *singling out*, not against **inference about a group**: if all ten are night workers at one plant, publishing the flow says something about all of them.\n\nCoarser time windows at night (a 4-hour bin) and merging small zones usually fix it. Document the choice in your DPIA.",
        accepted: true,
        reactions: ["learner", "moderator"],
      },
      {
        author: "moderator",
        body: "The ICO's anonymisation guidance has a good section on this \"motivated intruder\" test, in the toolkit.",
      },
    ],
  },
  {
    key: "differential-privacy-small-city",
    place: { kind: "category", id: "privacy-and-de-identification" },
    title: "Differential privacy in a city of 80,000: did the noise ruin the indicators?",
    daysAgo: 3,
    posts: [
      {
        author: "admin",
        body: "A partner offers to add differential privacy noise before sharing footfall counts. In a small city, are the numbers still usable for weekly trends? Experiences welcome.",
      },
    ],
  },
  {
    key: "communicating-uncertainty",
    place: { kind: "category", id: "analysis-and-communication" },
    title: "How do you show uncertainty to a minister who wants one number?",
    daysAgo: 7,
    posts: [
      {
        author: "facilitator",
        body: "Our mobility index says activity fell 18% after the flood, with a plausible range of 12–25%. The briefing note came back with the range crossed out.\n\nHow do you keep the uncertainty without losing the reader?",
      },
      {
        author: "expert",
        body: "Lead with the decision, not the number: *\"activity fell by between an eighth and a quarter; either way, the market needs the temporary bridge\"*. When the range does not change the decision, say so, and it survives the editing.",
        accepted: true,
        reactions: ["facilitator", "admin"],
      },
    ],
  },
  {
    key: "cost-of-a-partnership",
    place: { kind: "category", id: "value-and-sustainability" },
    title: "Who pays for the operator's analyst time after the pilot?",
    daysAgo: 10,
    posts: [
      {
        author: "admin",
        body: "Our pilot was free: the operator saw it as corporate social responsibility. Now the pilot is over and they quote a monthly fee for the same indicators. Has anyone set up a cost-recovery model that both sides found fair?",
      },
      {
        author: "facilitator",
        body: "We pay for the marginal cost (analyst days, infrastructure) and not for the data itself, written as such in the agreement. It kept the procurement rules simple and the operator could still call it a partnership.",
      },
    ],
  },
  {
    key: "intro-joseph",
    place: { kind: "category", id: "introductions" },
    title: "Hello from the Nairobi transport directorate",
    daysAgo: 14,
    posts: [
      {
        author: "learner",
        body: "Hello everyone, I'm Joseph. I work on transport planning in Nairobi and I am new to working with private-sector data. I'm here to learn how others negotiated their first agreement, and to avoid our first mistakes being big ones. 🙂",
      },
      {
        author: "moderator",
        body: "Welcome, Joseph! The *Foundations of data sharing* course is a good start, and the agreements category has a thread on mobility data you may like.",
        reactions: ["learner"],
      },
    ],
  },
  {
    key: "intro-lucia",
    place: { kind: "category", id: "introductions" },
    title: "Lucía, facilitating the spring cohort",
    daysAgo: 13,
    posts: [
      {
        author: "facilitator",
        body: "Hola a todos. I facilitate the spring cohort and worked for six years in a statistics office on data partnerships with banks. Ask me anything about card-spending data.",
      },
    ],
  },
  {
    key: "lesson-de-identification",
    place: { kind: "lesson", id: "data-sharing-agreements-and-governance/de-identification-and-its-limits" },
    title: "Does pseudonymised data still count as personal data for our agreement?",
    daysAgo: 6,
    posts: [
      {
        author: "learner",
        body: "The lesson says pseudonymised data is still personal data. Our partner replaces phone numbers with a hashed ID and says the data is anonymous. Who is right?",
      },
      {
        author: "expert",
        body: "The lesson is. A stable hashed ID lets anyone holding the hash function (or enough trips) link records back to a person, so it is pseudonymised, and the agreement must treat it as personal data.",
        accepted: true,
        reactions: ["learner"],
      },
    ],
  },
  {
    key: "lesson-mobility-indicators",
    place: { kind: "lesson", id: "interpreting-private-sector-data/indicators-from-mobility-data" },
    title: "Baselines for mobility indicators when the baseline week had a holiday",
    daysAgo: 4,
    posts: [
      {
        author: "facilitator",
        body: "Our baseline week contained a public holiday, so every later week looks like growth. Did others rebuild the baseline, or correct it day by day?",
      },
      {
        author: "expert",
        body: "Day-of-week baselines from a five-week window, dropping holidays, as the lesson suggests. Keep the old series for a while, labelled, so readers see why the numbers moved.",
      },
    ],
  },
  {
    key: "toolkit-five-safes",
    place: { kind: "toolkit-entry", id: "five-safes-framework" },
    title: "Using the Five Safes to structure a data access request",
    daysAgo: 8,
    posts: [
      {
        author: "moderator",
        body: "We now ask every team requesting access to answer the Five Safes as five short sections: safe projects, people, settings, data, outputs. It made our review meetings half as long. Anyone else doing this?",
      },
      {
        author: "learner",
        body: "Yes, and we added a sixth question: *what happens to the outputs after the project?* Reviewers kept asking it anyway.",
        reactions: ["moderator"],
      },
    ],
  },
  {
    key: "toolkit-sccs",
    place: { kind: "toolkit-entry", id: "eu-standard-contractual-clauses" },
    title: "Standard contractual clauses when the operator's analytics team is outside the EU",
    daysAgo: 2,
    posts: [
      {
        author: "admin",
        body: "The operator processes in the EU but its analytics team sits in another country. Do we need the standard contractual clauses if only aggregates leave the EU?",
      },
    ],
  },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Categories into an empty table: a category an admin renamed or removed stays as they left it. */
export async function seedDiscussionCategories(db: Database): Promise<void> {
  const [existing] = await db.select({ id: discussionCategories.id }).from(discussionCategories).limit(1);
  if (existing) return;
  await db
    .insert(discussionCategories)
    .values(DISCUSSION_CATEGORIES.map((category, index) => ({ ...category, position: index + 1 })))
    .onConflictDoNothing();
}

/** The demo threads whose opening post was never written, by the demo accounts. */
export async function seedDemoDiscussions(db: Database, accountEmails: Record<DemoAuthor, string>): Promise<void> {
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, Object.values(accountEmails)));
  const idByEmail = new Map(rows.map((row) => [row.email, row.id]));
  const authorId = (author: DemoAuthor) => idByEmail.get(accountEmails[author]);
  const now = Date.now();

  for (const demo of DEMO_THREADS) {
    const openingKey = `demo:${demo.key}`;
    const [done] = await db.select({ id: discussionPosts.id }).from(discussionPosts).where(eq(discussionPosts.idempotencyKey, openingKey));
    const opener = authorId(demo.posts[0]!.author);
    if (done || !opener) continue;
    if (demo.place.kind === "category") {
      const [category] = await db
        .select({ id: discussionCategories.id })
        .from(discussionCategories)
        .where(eq(discussionCategories.slug, demo.place.id));
      if (!category) continue;
    }
    await db.transaction(async (tx) => {
      const start = now - demo.daysAgo * DAY_MS;
      const posts = demo.posts.flatMap((post, index) => {
        const author = authorId(post.author);
        return author ? [{ ...post, authorId: author, seq: index + 1, createdAt: new Date(start + index * 3 * 60 * 60 * 1000) }] : [];
      });
      const last = posts[posts.length - 1]!;
      const [thread] = await tx
        .insert(discussionThreads)
        .values({
          placeKind: demo.place.kind,
          placeId: demo.place.id,
          title: demo.title,
          authorId: opener,
          createdAt: new Date(start),
          lastActivityAt: last.createdAt,
          replyCount: posts.length - 1,
          lastSeq: last.seq,
          lastPostSeq: last.seq,
        })
        .returning({ id: discussionThreads.id });
      let acceptedPostId: number | null = null;
      for (const post of posts) {
        const [written] = await tx
          .insert(discussionPosts)
          .values({
            threadId: thread!.id,
            seq: post.seq,
            authorId: post.authorId,
            body: post.body,
            bodyHtml: renderMarkdown(post.body),
            createdAt: post.createdAt,
            idempotencyKey: post.seq === 1 ? openingKey : `${openingKey}:${post.seq}`,
          })
          .returning({ id: discussionPosts.id });
        if (post.accepted) acceptedPostId = written!.id;
        for (const reactor of post.reactions ?? []) {
          const reactorId = authorId(reactor);
          if (reactorId) await tx.insert(discussionReactions).values({ postId: written!.id, userId: reactorId, kind: "helpful" }).onConflictDoNothing();
        }
        await tx.insert(discussionThreadSubscriptions).values({ userId: post.authorId, threadId: thread!.id }).onConflictDoNothing();
      }
      if (acceptedPostId !== null) await tx.update(discussionThreads).set({ acceptedPostId }).where(eq(discussionThreads.id, thread!.id));
      // The search worker indexes the thread (db/schema/search.ts).
      await tx
        .insert(searchQueue)
        .values({ documentId: `thread:${thread!.id}` })
        .onConflictDoNothing();
    });
  }
}
