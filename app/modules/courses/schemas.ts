import { z } from "~/utils/zod";
import { LICENCE_IDS } from "../content/licences";
import { AUDIENCES, LEVELS, TOPICS } from "../content/vocabulary";

/**
 * YAML reads `2026-11-25` as a Date, and a cached compile stores it as an ISO string;
 * both become the plain date again.
 */
export const IsoDateSchema = z
  .union([z.string(), z.date()])
  .transform((value) =>
    value instanceof Date
      ? value.toISOString().slice(0, 10)
      : value.replace(/^(\d{4}-\d{2}-\d{2})T00:00:00(\.000)?Z$/, "$1"),
  )
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-25"));

export const SlugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens");

/** A known licence identifier (../content/licences.ts): SPDX where one exists, `proprietary` or `unknown`. */
export const LicenceSchema = z.enum(LICENCE_IDS, {
  error: "must be a known licence identifier such as CC-BY-4.0, OGL-UK-3.0, MIT, proprietary or unknown (content/README.md lists them)",
});

export const CourseFrontmatterSchema = z.strictObject({
  title: z.string().min(5).max(120),
  summary: z.string().min(20).max(400),
  audiences: z.array(z.enum(AUDIENCES)).min(1),
  level: z.enum(LEVELS),
  estimatedHours: z.number().positive().max(100),
  topics: z.array(z.enum(TOPICS)).min(1),
  outcomes: z.array(z.string().min(10)).min(2),
  prerequisites: z.array(z.string().min(3)),
  authors: z.array(z.string().min(2)).min(1),
  licence: LicenceSchema,
  lastReviewed: IsoDateSchema,
  language: z.string().regex(/^[a-z]{2}$/, "must be an ISO 639-1 code such as en"),
});
export type CourseFrontmatter = z.infer<typeof CourseFrontmatterSchema>;

export const KnowledgeCheckSchema = z
  .strictObject({
    id: SlugSchema,
    question: z.string().min(10),
    options: z
      .array(
        z.strictObject({
          text: z.string().min(1),
          correct: z.boolean(),
          feedback: z.string().min(5),
        }),
      )
      .min(2)
      .max(6),
  })
  .refine((check) => check.options.filter((option) => option.correct).length === 1, {
    message: "must have exactly one option with correct: true",
    path: ["options"],
  });
export type KnowledgeCheck = z.infer<typeof KnowledgeCheckSchema>;

export const LessonFrontmatterSchema = z.strictObject({
  title: z.string().min(3).max(120),
  summary: z.string().min(10).max(400),
  minutes: z.number().int().positive().max(240),
  order: z.number().int().nonnegative(),
  checks: z.array(KnowledgeCheckSchema).default([]),
});
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;
