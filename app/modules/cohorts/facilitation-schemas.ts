/** The facilitation space's forms: a cohort and a session, as facilitators fill them in. */
import { z } from "~/utils/zod";
import { t } from "~/i18n";
import "~/i18n/cohorts";
import { AUDIENCES } from "../content/vocabulary";
import { isLanguageCode, isTimeZone } from "../people/reference-data";

export const FACILITATION_LIMITS = {
  title: { min: 3, max: 200 },
  summary: { min: 20, max: 2000 },
  learningGoals: { max: 2000 },
  questions: { max: 10, each: 500 },
  capacity: { min: 1, max: 1000 },
  agenda: { max: 5000 },
  materials: { max: 5000 },
  link: { max: 2000 },
} as const;

const required = () => t("cohorts.facilitate.errors.required");

const text = (min: number, max: number) =>
  z
    .string({ error: required })
    .trim()
    .min(min, {
      error: () => (min <= 1 ? required() : t("cohorts.facilitate.errors.tooShort", { min })),
    })
    .max(max, { error: () => t("cohorts.errors.tooLong", { max }) });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: () => t("cohorts.errors.tooLong", { max }) })
    .optional()
    .transform((value) => value ?? "");

/** A date input (YYYY-MM-DD), read as the start of that day in UTC; empty means none. */
const optionalDate = z
  .string()
  .trim()
  .optional()
  .refine(
    (value) => !value || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))),
    {
      error: () => t("cohorts.facilitate.errors.date"),
    },
  )
  .transform((value) => (value ? new Date(`${value}T00:00:00Z`) : null));

const httpsLink = z
  .string()
  .trim()
  .max(FACILITATION_LIMITS.link.max, {
    error: () => t("cohorts.errors.tooLong", { max: FACILITATION_LIMITS.link.max }),
  })
  .optional()
  .transform((value) => value || null)
  .pipe(
    z.union([
      z.null(),
      z.url({ protocol: /^https$/, error: () => t("cohorts.facilitate.errors.httpsUrl") }),
    ]),
  );

export const CohortFormSchema = z
  .object({
    title: text(FACILITATION_LIMITS.title.min, FACILITATION_LIMITS.title.max),
    summary: text(FACILITATION_LIMITS.summary.min, FACILITATION_LIMITS.summary.max),
    audiences: z
      .array(z.enum(AUDIENCES, { error: () => t("cohorts.facilitate.errors.choice") }))
      .optional()
      .transform((values) => values ?? []),
    learningGoals: optionalText(FACILITATION_LIMITS.learningGoals.max),
    capacity: z.coerce
      .number({ error: () => t("cohorts.facilitate.errors.capacity") })
      .int({ error: () => t("cohorts.facilitate.errors.capacity") })
      .min(FACILITATION_LIMITS.capacity.min, {
        error: () => t("cohorts.facilitate.errors.capacity"),
      })
      .max(FACILITATION_LIMITS.capacity.max, {
        error: () => t("cohorts.facilitate.errors.capacity"),
      }),
    enrolmentMode: z.enum(["open", "application", "invitation"], {
      error: () => t("cohorts.facilitate.errors.choice"),
    }),
    /** One question per line. */
    applicationQuestions: optionalText(
      FACILITATION_LIMITS.questions.max * FACILITATION_LIMITS.questions.each,
    ).transform((value) =>
      value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
    enrolmentOpensAt: optionalDate,
    enrolmentClosesAt: optionalDate,
    status: z.enum(["draft", "open", "running", "finished"], {
      error: () => t("cohorts.facilitate.errors.choice"),
    }),
    language: z
      .string({ error: required })
      .refine(isLanguageCode, { error: () => t("cohorts.facilitate.errors.choice") }),
    timeZone: z
      .string({ error: required })
      .refine(isTimeZone, { error: () => t("cohorts.facilitate.errors.choice") }),
  })
  .superRefine((value, ctx) => {
    const problem = (field: string, text: string) =>
      ctx.addIssue({ code: "custom", path: [field], message: text });
    if (value.enrolmentMode === "application" && value.applicationQuestions.length === 0) {
      problem("applicationQuestions", t("cohorts.facilitate.errors.questions"));
    }
    if (value.applicationQuestions.length > FACILITATION_LIMITS.questions.max) {
      problem(
        "applicationQuestions",
        t("cohorts.facilitate.errors.tooManyQuestions", { max: FACILITATION_LIMITS.questions.max }),
      );
    }
    if (
      value.enrolmentOpensAt &&
      value.enrolmentClosesAt &&
      value.enrolmentClosesAt <= value.enrolmentOpensAt
    ) {
      problem("enrolmentClosesAt", t("cohorts.facilitate.errors.windowEndsBeforeStart"));
    }
  });

export type CohortForm = z.output<typeof CohortFormSchema>;

export const SessionFormSchema = z.object({
  title: text(FACILITATION_LIMITS.title.min, FACILITATION_LIMITS.title.max),
  agenda: optionalText(FACILITATION_LIMITS.agenda.max),
  startsAt: z.string({ error: required }).trim().min(1, { error: required }),
  endsAt: z.string({ error: required }).trim().min(1, { error: required }),
  timeZone: z
    .string({ error: required })
    .refine(isTimeZone, { error: () => t("cohorts.facilitate.errors.choice") }),
  meetingLink: httpsLink,
  materials: optionalText(FACILITATION_LIMITS.materials.max),
});

export type SessionForm = z.output<typeof SessionFormSchema>;

export const DecisionSchema = z.object({
  intent: z.literal("decide"),
  applicantId: z.string().min(1).max(100),
  decision: z.enum(["accept", "decline"]),
  message: optionalText(2000),
});
