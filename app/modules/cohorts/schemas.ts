/** The cohort pages' forms, validated by the same schemas in the action (and the browser, where used). */
import { z } from "~/utils/zod";
import { t } from "~/i18n";
import "~/i18n/cohorts";

export const COHORT_TEXT_LIMITS = {
  answer: 2000,
  takeaway: 5000,
  note: 500,
  comment: 2000,
} as const;

const requiredText = (
  max: number,
  requiredKey: "cohorts.page.answerRequired" | "cohorts.errors.empty",
) =>
  z
    .string({ error: () => t(requiredKey) })
    .trim()
    .min(1, { error: () => t(requiredKey) })
    .max(max, { error: () => t("cohorts.errors.tooLong", { max }) });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: () => t("cohorts.errors.tooLong", { max }) })
    .optional()
    .transform((value) => value ?? "");

/** One answer per question the facilitator set. */
export function applicationSchema(questionCount: number) {
  return z.object({
    intent: z.literal("apply"),
    answers: z
      .array(requiredText(COHORT_TEXT_LIMITS.answer, "cohorts.page.answerRequired"), {
        error: () => t("cohorts.errors.answers-missing"),
      })
      .length(questionCount, { error: () => t("cohorts.errors.answers-missing") }),
  });
}

export const TakeawaySchema = z.object({
  intent: z.literal("takeaway"),
  body: requiredText(COHORT_TEXT_LIMITS.takeaway, "cohorts.errors.empty"),
});

export const AbsenceSchema = z.object({
  intent: z.literal("absent"),
  note: optionalText(COHORT_TEXT_LIMITS.note),
});

export const FeedbackSchema = z.object({
  intent: z.literal("feedback"),
  rating: z.coerce
    .number({ error: () => t("cohorts.errors.invalid-rating") })
    .int({ error: () => t("cohorts.errors.invalid-rating") })
    .min(1, { error: () => t("cohorts.errors.invalid-rating") })
    .max(5, { error: () => t("cohorts.errors.invalid-rating") }),
  comment: optionalText(COHORT_TEXT_LIMITS.comment),
});
