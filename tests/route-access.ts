/**
 * Who may see what: the declared authorization table for every page of Practica.
 *
 * One row per path, naming the route module in app/routes that serves it, and what each
 * kind of visitor gets back when the redirect is not followed. tests/e2e/route-access.spec.ts
 * walks the table for an anonymous visitor, a learner (no role) and an admin, and fails when
 * a file in app/routes has no row, so a new route cannot ship without a decision here.
 *
 * Placeholders in braces are filled in at run time: `{learnerId}` is the demo learner's id,
 * `{codeId}` the id of a compiled course script linked from the course page below.
 */

export type Visitor = "anonymous" | "learner" | "admin";

export const VISITORS: readonly Visitor[] = ["anonymous", "learner", "admin"];

export interface Expectation {
  status: number;
  /** The Location header, for redirects. */
  location?: string;
}

export interface RouteAccessRow {
  /** The module in app/routes that serves (or, for a layout, guards) this path. */
  file: string;
  path: string;
  expect: Record<Visitor, Expectation>;
}

const ok: Expectation = { status: 200 };
const notFound: Expectation = { status: 404 };
const forbidden: Expectation = { status: 403 };
const home: Expectation = { status: 302, location: "/" };

/** Where an anonymous visitor is sent from a members-only page. */
function toSignIn(path: string): Expectation {
  return { status: 302, location: `/sign-in?${new URLSearchParams({ redirectTo: path })}` };
}

const everyone = (expectation: Expectation): Record<Visitor, Expectation> => ({
  anonymous: expectation,
  learner: expectation,
  admin: expectation,
});

const membersOnly = (path: string): Record<Visitor, Expectation> => ({
  anonymous: toSignIn(path),
  learner: ok,
  admin: ok,
});

const adminsOnly = (path: string, forAdmin: Expectation = ok): Record<Visitor, Expectation> => ({
  anonymous: toSignIn(path),
  learner: forbidden,
  admin: forAdmin,
});

const anonymousOnly: Record<Visitor, Expectation> = { anonymous: ok, learner: home, admin: home };

/** A demo cohort (db/demo-cohorts.ts). */
const DEMO_COHORT_SLUG = "drafting-a-data-sharing-agreement-together";

/** An id in the right shape that belongs to no one and nothing. */
export const UNKNOWN_USER_ID = "00000000-0000-4000-8000-000000000000";

/** A pending toolkit suggestion the demo seed adds (db/seed.ts, DEMO_SUGGESTIONS). */
export const DEMO_SUGGESTION_ID = "5b0c3f0e-6d1a-4c55-9a57-1d2f3e4a5b01";

export type Placeholders = Record<"learnerId" | "codeId", string>;

/** Puts run-time ids into a path or a Location (where a placeholder may be URL-encoded). */
export function resolvePlaceholders(text: string, values: Placeholders): string {
  let resolved = text;
  for (const [name, value] of Object.entries(values)) {
    resolved = resolved.replaceAll(`{${name}}`, value).replaceAll(`%7B${name}%7D`, value);
  }
  return resolved;
}

/** A course and lesson from content/courses, and the page whose script gives `{codeId}`. */
export const COURSE_PATH = "/courses/foundations-of-data-sharing";
export const LESSON_PATH = `${COURSE_PATH}/what-is-a-data-collaborative`;
export const TOOLKIT_ENTRY_PATH = "/toolkit/african-union-data-policy-framework";

export const ROUTE_ACCESS: readonly RouteAccessRow[] = [
  // Public pages
  { file: "_index.tsx", path: "/", expect: everyone(ok) },
  { file: "courses._index.tsx", path: "/courses", expect: everyone(ok) },
  { file: "courses.$courseSlug._index.tsx", path: COURSE_PATH, expect: everyone(ok) },
  {
    file: "courses.$courseSlug._index.tsx",
    path: "/courses/no-such-course",
    expect: everyone(notFound),
  },
  { file: "courses.$courseSlug.$lessonSlug.tsx", path: LESSON_PATH, expect: everyone(ok) },
  {
    file: "courses.$courseSlug.$lessonSlug.tsx",
    path: `${COURSE_PATH}/no-such-lesson`,
    expect: everyone(notFound),
  },
  { file: "content-code.$codeId[.]js.ts", path: "/content-code/{codeId}.js", expect: everyone(ok) },
  {
    file: "content-code.$codeId[.]js.ts",
    path: "/content-code/0000000000.js",
    expect: everyone(notFound),
  },
  {
    file: "course-assets.$courseSlug.images.$fileName.ts",
    path: `/course-assets/foundations-of-data-sharing/images/collaborative-models.svg`,
    expect: everyone(ok),
  },
  {
    file: "course-assets.$courseSlug.images.$fileName.ts",
    path: `/course-assets/foundations-of-data-sharing/images/no-such-image.svg`,
    expect: everyone(notFound),
  },
  {
    file: "course-assets.$courseSlug.images.$fileName.ts",
    path: `/course-assets/foundations-of-data-sharing/images/..%2F01-what-is-a-data-collaborative.mdx`,
    expect: everyone(notFound),
  },
  { file: "glossary.tsx", path: "/glossary", expect: everyone(ok) },
  // Certificates are public so that anyone can verify one; an unknown id is simply not found.
  {
    file: "certificates.$certificateId.tsx",
    path: `/certificates/${UNKNOWN_USER_ID}`,
    expect: everyone(notFound),
  },
  {
    file: "certificates.$certificateId.tsx",
    path: "/certificates/not-a-uuid",
    expect: everyone(notFound),
  },
  { file: "toolkit._index.tsx", path: "/toolkit", expect: everyone(ok) },
  {
    file: "toolkit.$entrySlug.tsx",
    path: TOOLKIT_ENTRY_PATH,
    expect: everyone(ok),
  },
  { file: "toolkit.$entrySlug.tsx", path: "/toolkit/no-such-entry", expect: everyone(notFound) },
  { file: "search._index.tsx", path: "/search", expect: everyone(ok) },
  { file: "search._index.tsx", path: "/search?q=data+sharing", expect: everyone(ok) },
  // Opening a result: logged, then a 303 to the page the document id names; unknown ids are 404.
  {
    file: "search.go.ts",
    path: `/search/go?doc=toolkit:african-union-data-policy-framework&qid=1&pos=1`,
    expect: everyone({ status: 303, location: TOOLKIT_ENTRY_PATH }),
  },
  {
    file: "search.go.ts",
    path: "/search/go?doc=toolkit:no-such-entry",
    expect: everyone(notFound),
  },
  { file: "cohorts._index.tsx", path: "/cohorts", expect: everyone(ok) },
  {
    file: "cohorts._index.tsx",
    path: "/cohorts?status=finished&language=en",
    expect: everyone(ok),
  },
  // Cohort pages are public; their private parts are the module's to hide (cohorts tests).
  {
    file: "cohorts.$cohortSlug._index.tsx",
    path: `/cohorts/${DEMO_COHORT_SLUG}`,
    expect: everyone(ok),
  },
  {
    file: "cohorts.$cohortSlug._index.tsx",
    path: "/cohorts/no-such-cohort",
    expect: everyone(notFound),
  },
  {
    file: "cohorts.$cohortSlug.calendar[.]ics.ts",
    path: `/cohorts/${DEMO_COHORT_SLUG}/calendar.ics`,
    expect: everyone(ok),
  },
  {
    file: "cohorts.$cohortSlug.sessions.$sessionId.tsx",
    path: `/cohorts/${DEMO_COHORT_SLUG}/sessions/${UNKNOWN_USER_ID}`,
    expect: everyone(notFound),
  },
  {
    file: "cohorts.$cohortSlug.sessions.$sessionId.calendar[.]ics.ts",
    path: `/cohorts/${DEMO_COHORT_SLUG}/sessions/${UNKNOWN_USER_ID}/calendar.ics`,
    expect: everyone(notFound),
  },
  // A personal feed is read with its token alone; an unknown token is simply not found.
  {
    file: "calendar.$token.sessions[.]ics.ts",
    path: "/calendar/not-a-token/sessions.ics",
    expect: everyone(notFound),
  },
  { file: "discussions._index.tsx", path: "/discussions", expect: everyone(ok) },
  { file: "support._index.tsx", path: "/support", expect: everyone(ok) },
  { file: "healthz.ts", path: "/healthz", expect: everyone(ok) },

  // Signing in and out
  { file: "sign-in.tsx", path: "/sign-in", expect: anonymousOnly },
  { file: "sign-up.tsx", path: "/sign-up", expect: anonymousOnly },
  { file: "forgot-password.tsx", path: "/forgot-password", expect: everyone(ok) },
  // An unknown token shows the "link not valid" page, to anyone.
  {
    file: "reset-password.$token.tsx",
    path: "/reset-password/not-a-real-token",
    expect: everyone(ok),
  },
  { file: "verify-email.$token.tsx", path: "/verify-email/not-a-real-token", expect: everyone(ok) },
  // Signing out is a POST; a GET only sends the visitor home.
  { file: "sign-out.tsx", path: "/sign-out", expect: everyone(home) },

  // Members
  { file: "account._index.tsx", path: "/account", expect: membersOnly("/account") },
  {
    file: "account.profile.tsx",
    path: "/account/profile",
    expect: membersOnly("/account/profile"),
  },
  {
    file: "account.notifications.tsx",
    path: "/account/notifications",
    expect: membersOnly("/account/notifications"),
  },
  {
    file: "notifications._index.tsx",
    path: "/notifications",
    expect: membersOnly("/notifications"),
  },
  {
    file: "notifications._index.tsx",
    path: "/notifications?page=2",
    expect: membersOnly("/notifications?page=2"),
  },
  // An unsubscribe link needs no sign-in; an unknown token shows the "link not valid" page.
  {
    file: "notifications.unsubscribe.$token.tsx",
    path: "/notifications/unsubscribe/not-a-real-token",
    expect: everyone(ok),
  },
  { file: "people._index.tsx", path: "/people", expect: membersOnly("/people") },
  { file: "my-learning.tsx", path: "/my-learning", expect: membersOnly("/my-learning") },
  { file: "notebook.tsx", path: "/notebook", expect: membersOnly("/notebook") },
  { file: "my-toolkit.tsx", path: "/my-toolkit", expect: membersOnly("/my-toolkit") },
  { file: "my-cohorts.tsx", path: "/my-cohorts", expect: membersOnly("/my-cohorts") },
  // Facilitators and admins; a facilitator sees only the cohorts they run (cohorts tests).
  { file: "facilitate._index.tsx", path: "/facilitate", expect: adminsOnly("/facilitate") },
  {
    file: "facilitate.cohorts.new.tsx",
    path: "/facilitate/cohorts/new",
    expect: adminsOnly("/facilitate/cohorts/new"),
  },
  {
    file: "facilitate.cohorts.$cohortSlug.tsx",
    path: `/facilitate/cohorts/${DEMO_COHORT_SLUG}`,
    expect: adminsOnly(`/facilitate/cohorts/${DEMO_COHORT_SLUG}`),
  },
  {
    file: "facilitate.cohorts.$cohortSlug.tsx",
    path: "/facilitate/cohorts/no-such-cohort",
    expect: adminsOnly("/facilitate/cohorts/no-such-cohort", notFound),
  },
  {
    file: "facilitate.cohorts.$cohortSlug.roster[.]csv.ts",
    path: `/facilitate/cohorts/${DEMO_COHORT_SLUG}/roster.csv`,
    expect: adminsOnly(`/facilitate/cohorts/${DEMO_COHORT_SLUG}/roster.csv`),
  },
  {
    file: "toolkit.suggest.tsx",
    path: "/toolkit/suggest",
    expect: membersOnly("/toolkit/suggest"),
  },
  {
    file: "people.$userId.tsx",
    path: "/people/{learnerId}",
    expect: membersOnly("/people/{learnerId}"),
  },
  {
    file: "people.$userId.tsx",
    path: "/people/not-a-uuid",
    expect: { anonymous: toSignIn("/people/not-a-uuid"), learner: notFound, admin: notFound },
  },
  {
    file: "people.$userId.tsx",
    path: `/people/${UNKNOWN_USER_ID}`,
    expect: {
      anonymous: toSignIn(`/people/${UNKNOWN_USER_ID}`),
      learner: notFound,
      admin: notFound,
    },
  },

  // Administration
  {
    file: "admin._index.tsx",
    path: "/admin",
    expect: adminsOnly("/admin", { status: 302, location: "/admin/people" }),
  },
  { file: "admin.people._index.tsx", path: "/admin/people", expect: adminsOnly("/admin/people") },
  {
    file: "admin.people.$userId.tsx",
    path: "/admin/people/{learnerId}",
    expect: adminsOnly("/admin/people/{learnerId}"),
  },
  {
    file: "admin.people.$userId.tsx",
    path: "/admin/people/123",
    expect: adminsOnly("/admin/people/123", notFound),
  },
  { file: "admin.audit.tsx", path: "/admin/audit", expect: adminsOnly("/admin/audit") },
  { file: "admin.outbox.tsx", path: "/admin/outbox", expect: adminsOnly("/admin/outbox") },
  { file: "admin.courses.tsx", path: "/admin/courses", expect: adminsOnly("/admin/courses") },
  {
    file: "admin.courses[.]csv.ts",
    path: "/admin/courses.csv",
    expect: adminsOnly("/admin/courses.csv"),
  },
  { file: "admin.search.tsx", path: "/admin/search", expect: adminsOnly("/admin/search") },
  // Wrong parameters are a 400 with a message next to the field, never a 500.
  {
    file: "admin.search.tsx",
    path: "/admin/search?from=2025-02-30&audience=robots",
    expect: adminsOnly("/admin/search?from=2025-02-30&audience=robots", { status: 400 }),
  },
  {
    file: "admin.search[.]csv.ts",
    path: "/admin/search.csv",
    expect: adminsOnly("/admin/search.csv"),
  },
  {
    file: "admin.search[.]csv.ts",
    path: "/admin/search.csv?days=12",
    expect: adminsOnly("/admin/search.csv?days=12", { status: 400 }),
  },
  // The layout guards every admin path, including ones no child can answer.
  {
    file: "admin.tsx",
    path: `/admin/people/${UNKNOWN_USER_ID}`,
    expect: adminsOnly(`/admin/people/${UNKNOWN_USER_ID}`, notFound),
  },

  // Moderation of toolkit suggestions: moderators and admins (the table's admin stands for both).
  {
    file: "moderation.toolkit-suggestions._index.tsx",
    path: "/moderation/toolkit-suggestions",
    expect: adminsOnly("/moderation/toolkit-suggestions"),
  },
  {
    file: "moderation.toolkit-suggestions.$suggestionId.tsx",
    path: `/moderation/toolkit-suggestions/${DEMO_SUGGESTION_ID}`,
    expect: adminsOnly(`/moderation/toolkit-suggestions/${DEMO_SUGGESTION_ID}`),
  },
  {
    file: "moderation.toolkit-suggestions.$suggestionId.tsx",
    path: `/moderation/toolkit-suggestions/${UNKNOWN_USER_ID}`,
    expect: adminsOnly(`/moderation/toolkit-suggestions/${UNKNOWN_USER_ID}`, notFound),
  },
  {
    file: "moderation.toolkit-suggestions.$suggestionId.tsx",
    path: "/moderation/toolkit-suggestions/not-a-uuid",
    expect: adminsOnly("/moderation/toolkit-suggestions/not-a-uuid", notFound),
  },

  // Anything else
  { file: "$.tsx", path: "/no-such-page", expect: everyone(notFound) },
  { file: "$.tsx", path: "/admin/no-such-page", expect: everyone(notFound) },
];
