import { sessionRemindersJob } from "../cohorts/session-reminders.server";
import { deliverMailJob } from "../mail/mail.server";
import { notificationMailJob } from "../notifications/notification-mail.server";
import { pruneNotificationsJob } from "../notifications/notifications.server";
import { pruneRateLimitsJob, pruneSearchLogJob } from "./maintenance-jobs.server";
import type { AnyJobDefinition } from "./queue.server";

/**
 * Every job the server's worker runs, recurring ones included. A job defined elsewhere but
 * missing here is enqueued and never run, so add each new job (defineJob or
 * defineRecurringJob) to this list.
 */
export const ALL_JOBS: readonly AnyJobDefinition[] = [
  deliverMailJob,
  pruneSearchLogJob,
  pruneRateLimitsJob,
  notificationMailJob,
  pruneNotificationsJob,
  sessionRemindersJob,
];
