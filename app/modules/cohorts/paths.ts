/** Where cohort pages live; the one place routes, mail and calendars build these paths. */
export const cohortHref = (cohortSlug: string) => `/cohorts/${encodeURIComponent(cohortSlug)}`;
export const sessionHref = (cohortSlug: string, sessionId: string) =>
  `${cohortHref(cohortSlug)}/sessions/${encodeURIComponent(sessionId)}`;
export const cohortCalendarHref = (cohortSlug: string) => `${cohortHref(cohortSlug)}/calendar.ics`;
export const personalCalendarHref = (token: string) =>
  `/calendar/${encodeURIComponent(token)}/sessions.ics`;
