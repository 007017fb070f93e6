/**
 * What cohorts tell people, through the site's one notifications module. Each kind's subject is
 * the cohort: a person stops seeing these once they are no longer in it (or no longer facilitate
 * it), on the page, in counts and in mail.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { cohortFacilitators, cohortMembers } from "../../../db/schema";
import { t } from "~/i18n";
import "~/i18n/cohorts";
import { defineNotificationKind } from "../notifications/kind.server";

const cohortTitle = z.string().min(1).max(300);

export const cohortApplicationReceivedKind = defineNotificationKind({
  key: "cohort-application-received",
  defaultDelivery: "both",
  dataSchema: z.object({ cohort: cohortTitle }),
  label: () => t("cohorts.notify.applicationReceived.label"),
  description: () => t("cohorts.notify.applicationReceived.description"),
  describe: (data) => ({
    title: t("cohorts.notify.applicationReceived.title", { cohort: data.cohort }),
  }),
  canStillSee: (row) =>
    sql`exists (select 1 from ${cohortFacilitators} where ${cohortFacilitators.cohortId} = ${row.subjectId} and ${cohortFacilitators.userId} = ${row.recipientId})`,
});

export const cohortPlaceChangedKind = defineNotificationKind({
  key: "cohort-place-changed",
  defaultDelivery: "both",
  dataSchema: z.object({
    cohort: cohortTitle,
    outcome: z.enum(["accepted", "waitlisted", "declined", "promoted"]),
    message: z.string().max(2000).optional(),
  }),
  label: () => t("cohorts.notify.place.label"),
  description: () => t("cohorts.notify.place.description"),
  describe: (data) => ({
    title: t(`cohorts.notify.place.${data.outcome}`, { cohort: data.cohort }),
    ...(data.message
      ? { summary: t("cohorts.notify.place.message", { message: data.message }) }
      : {}),
  }),
  canStillSee: (row) =>
    sql`exists (select 1 from ${cohortMembers} where ${cohortMembers.cohortId} = ${row.subjectId} and ${cohortMembers.userId} = ${row.recipientId} and ${cohortMembers.status} <> 'withdrawn')`,
});

/** Enrolled members, and facilitators, still see what concerns a cohort's sessions. */
const isEnrolledOrFacilitating = (row: { subjectId: unknown; recipientId: unknown }) =>
  sql`(exists (select 1 from ${cohortMembers} where ${cohortMembers.cohortId} = ${row.subjectId} and ${cohortMembers.userId} = ${row.recipientId} and ${cohortMembers.status} = 'enrolled')
    or exists (select 1 from ${cohortFacilitators} where ${cohortFacilitators.cohortId} = ${row.subjectId} and ${cohortFacilitators.userId} = ${row.recipientId}))`;

export const cohortSessionReminderKind = defineNotificationKind({
  key: "cohort-session-reminder",
  defaultDelivery: "both",
  dataSchema: z.object({
    cohort: cohortTitle,
    session: z.string().min(1).max(300),
    lead: z.enum(["day", "hour"]),
    startsAt: z.string(),
  }),
  label: () => t("cohorts.notify.reminder.label"),
  description: () => t("cohorts.notify.reminder.description"),
  describe: (data) => ({
    title: t(`cohorts.notify.reminder.${data.lead}`, {
      session: data.session,
      cohort: data.cohort,
    }),
    summary: t("cohorts.notify.reminder.when", { when: new Date(data.startsAt).toUTCString() }),
  }),
  canStillSee: isEnrolledOrFacilitating,
});

export const cohortSessionChangedKind = defineNotificationKind({
  key: "cohort-session-changed",
  defaultDelivery: "both",
  dataSchema: z.object({
    cohort: cohortTitle,
    session: z.string().min(1).max(300),
    change: z.enum(["moved", "cancelled"]),
    startsAt: z.string(),
  }),
  label: () => t("cohorts.notify.sessionChanged.label"),
  description: () => t("cohorts.notify.sessionChanged.description"),
  describe: (data) => ({
    title: t(`cohorts.notify.sessionChanged.${data.change}`, {
      session: data.session,
      cohort: data.cohort,
    }),
    ...(data.change === "moved"
      ? {
          summary: t("cohorts.notify.sessionChanged.when", {
            when: new Date(data.startsAt).toUTCString(),
          }),
        }
      : {}),
  }),
  canStillSee: isEnrolledOrFacilitating,
});
