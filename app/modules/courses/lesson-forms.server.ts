import { parseWithZod } from "@conform-to/zod/v4";
import { t } from "~/i18n";
import { z } from "~/utils/zod";
import { SlugSchema } from "./schemas";

/*
 * What lesson forms post. Only the action reads these (the forms are plain radios and a
 * textarea), so they live in a .server module and zod stays out of the lesson page's bundle.
 */

/** The answer to one knowledge check, posted by a form. */
export const CheckAnswerSchema = z.object({
  intent: z.literal("answer-check"),
  checkId: SlugSchema,
  option: z.coerce.number({ error: t("lesson.chooseAnswer") }).int().min(0).max(5),
});

export const ReflectionSchema = z.object({
  intent: z.literal("save-reflection"),
  reflectionId: SlugSchema,
  body: z.string().trim().max(10_000, { error: t("form.tooLong", { max: 10_000 }) }).default(""),
});

export function parseCheckAnswer(formData: FormData) {
  return parseWithZod(formData, { schema: CheckAnswerSchema });
}

export function parseReflection(formData: FormData) {
  return parseWithZod(formData, { schema: ReflectionSchema });
}
