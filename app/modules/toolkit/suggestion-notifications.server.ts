import { sql } from "drizzle-orm";
import { z } from "zod";
import { toolkitSuggestions } from "../../../db/schema";
import { t } from "~/i18n";
import "~/i18n/notifications";
import { defineNotificationKind } from "../notifications/kind.server";

/** Tells members what became of a resource they suggested for the toolkit. */
export const toolkitSuggestionReviewedKind = defineNotificationKind({
  key: "toolkit-suggestion-reviewed",
  defaultDelivery: "both",
  dataSchema: z.object({
    title: z.string().min(1).max(300),
    outcome: z.enum(["approved", "rejected", "unpublished"]),
    reason: z.string().max(2000).optional(),
  }),
  label: () => t("notifications.kinds.toolkitSuggestionReviewed.label"),
  description: () => t("notifications.kinds.toolkitSuggestionReviewed.description"),
  describe: (data) => ({
    title: t(`notifications.kinds.toolkitSuggestionReviewed.${data.outcome}`, { title: data.title }),
    ...(data.reason ? { summary: t("notifications.kinds.toolkitSuggestionReviewed.reason", { reason: data.reason }) } : {}),
  }),
  // Only the member who made the suggestion, and only while it exists.
  canStillSee: (row) =>
    sql`exists (select 1 from ${toolkitSuggestions} where ${toolkitSuggestions.id} = ${row.subjectId} and ${toolkitSuggestions.suggestedBy} = ${row.recipientId})`,
});
