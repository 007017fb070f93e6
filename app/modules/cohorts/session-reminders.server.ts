/**
 * Session reminders, a day and an hour before each session, to its enrolled members.
 *
 * A recurring job looks for reminders that are due from the sessions as they are now, so a
 * moved session is reminded at its new time and a cancelled one not at all. Each reminder is
 * claimed by inserting its row (session, lead, start time) in the same transaction as the
 * notifications: two app instances, or a retried job, cannot send one twice.
 */
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { cohortMembers, cohortSessions, cohorts, sessionReminders } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { defineRecurringJob } from "../jobs/queue.server";
import { notify, prepareNotifications } from "../notifications/notifications.server";
import { cohortSessionReminderKind } from "./cohort-notifications.server";
import { sessionHref } from "./paths";

const HOUR = 60 * 60 * 1000;

export const REMINDER_LEADS = [
  { lead: "day", beforeMs: 24 * HOUR },
  { lead: "hour", beforeMs: HOUR },
] as const;

/** Sends every reminder due at `now`; returns how many reminders (one per session and lead) went out. */
export async function sendDueSessionReminders(now = new Date()): Promise<number> {
  await prepareNotifications();
  let sent = 0;
  for (const [index, { lead, beforeMs }] of REMINDER_LEADS.entries()) {
    // Due from `beforeMs` ahead until the next, shorter lead takes over (or the start).
    const nextLeadMs = REMINDER_LEADS[index + 1]?.beforeMs ?? 0;
    const due = await db
      .select({
        id: cohortSessions.id,
        title: cohortSessions.title,
        startsAt: cohortSessions.startsAt,
        cohortId: cohorts.id,
        cohortSlug: cohorts.slug,
        cohortTitle: cohorts.title,
      })
      .from(cohortSessions)
      .innerJoin(cohorts, eq(cohorts.id, cohortSessions.cohortId))
      .where(
        and(
          isNull(cohortSessions.cancelledAt),
          lte(cohortSessions.startsAt, new Date(now.getTime() + beforeMs)),
          gt(cohortSessions.startsAt, new Date(now.getTime() + nextLeadMs)),
        ),
      );
    for (const session of due) {
      const claimed = await db.transaction(async (tx) => {
        const [claim] = await tx
          .insert(sessionReminders)
          .values({ sessionId: session.id, lead, startsAt: session.startsAt })
          .onConflictDoNothing()
          .returning({ sessionId: sessionReminders.sessionId });
        if (!claim) return false;
        const members = await tx
          .select({ userId: cohortMembers.userId })
          .from(cohortMembers)
          .where(
            and(eq(cohortMembers.cohortId, session.cohortId), eq(cohortMembers.status, "enrolled")),
          );
        await notify(tx, {
          recipientIds: members.map((member) => member.userId),
          kind: cohortSessionReminderKind,
          data: {
            cohort: session.cohortTitle,
            session: session.title,
            lead,
            startsAt: session.startsAt.toISOString(),
          },
          link: sessionHref(session.cohortSlug, session.id),
          subjectId: session.cohortId,
        });
        return true;
      });
      if (claimed) sent += 1;
    }
  }
  return sent;
}

export const sessionRemindersJob = defineRecurringJob({
  name: "cohort-sessions.remind",
  cron: "*/5 * * * *",
  handler: async () => {
    await sendDueSessionReminders();
  },
});
