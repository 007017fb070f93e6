import { z } from "~/utils/zod";
import { t } from "~/i18n";
import { DisplayNameSchema } from "../auth/schemas";
import {
  ORGANISATION_ROLES,
  SECTORS,
  isCountryCode,
  isLanguageCode,
  canonicalTimeZone,
  isTimeZone,
} from "./reference-data";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: () => t("form.tooLong", { max }) })
    .optional()
    .transform((value) => value || null);

const optionalChoice = (isValid: (value: string) => boolean) =>
  z
    .string()
    .optional()
    .refine((value) => !value || isValid(value), { error: () => t("form.invalidChoice") })
    .transform((value) => value || null);

export const ProfileSchema = z.object({
  displayName: DisplayNameSchema,
  organisation: optionalText(200),
  sector: optionalChoice((value) => (SECTORS as readonly string[]).includes(value)),
  country: optionalChoice(isCountryCode),
  organisationRole: optionalChoice((value) =>
    (ORGANISATION_ROLES as readonly string[]).includes(value),
  ),
  languages: z
    .array(z.string())
    .max(20, { error: () => t("form.tooLong", { max: 20 }) })
    .optional()
    .default([])
    .refine((codes) => codes.every(isLanguageCode), { error: () => t("form.invalidChoice") }),
  // Stored in the runtime's canonical spelling ("africa/nairobi" becomes "Africa/Nairobi").
  timeZone: optionalChoice(isTimeZone).transform((zone) => (zone ? canonicalTimeZone(zone) : null)),
  bio: optionalText(1000),
});
export type ProfileInput = z.infer<typeof ProfileSchema>;
