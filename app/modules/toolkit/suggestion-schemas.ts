/*
 * The member suggestion form and the moderators' forms, validated by the same schemas in the
 * browser (conform) and on the server. Kept apart from schemas.ts, which validates content
 * files and reports to authors rather than to people filling in a form.
 */
import { z } from "~/utils/zod";
import { t } from "~/i18n";
import "~/i18n/toolkit-community";
import { canonicalLicence } from "../content/licences";
import { AUDIENCES, REGIONS, TOOLKIT_TYPES, TOPICS } from "../content/vocabulary";
import { isLanguageCode } from "../people/reference-data";

export const SUGGESTION_STATUSES = ["pending", "approved", "rejected"] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const SUGGESTION_LIMITS = {
  title: { min: 3, max: 200 },
  publisher: { min: 2, max: 200 },
  sourceUrl: { max: 2000 },
  licence: { max: 100 },
  summary: { min: 20, max: 2000 },
  howToUse: { min: 20, max: 5000 },
  reason: { min: 5, max: 1000 },
  // The same range as the frontmatter of file entries (schemas.ts).
  year: { min: 1950, max: 2100 },
} as const;

const text = ({ min, max }: { min: number; max: number }) =>
  z
    .string({ error: () => t("toolkitCommunity.errors.required") })
    .trim()
    .min(min, { error: () => t("toolkitCommunity.errors.tooShort", { min }) })
    .max(max, { error: () => t("toolkitCommunity.errors.tooLong", { max }) });

/** A checkbox group: conform hands over a string for one box and an array for several. */
const choices = <const Values extends readonly [string, ...string[]]>(values: Values) =>
  z
    .array(z.enum(values, { error: () => t("toolkitCommunity.errors.invalidChoice") }), {
      error: () => t("toolkitCommunity.errors.chooseAtLeastOne"),
    })
    .min(1, { error: () => t("toolkitCommunity.errors.chooseAtLeastOne") })
    .max(values.length)
    .transform((chosen) => [...new Set(chosen)]);

const { year } = SUGGESTION_LIMITS;

export const SuggestionSchema = z.object({
  title: text(SUGGESTION_LIMITS.title),
  publisher: text(SUGGESTION_LIMITS.publisher),
  year: z
    .number({ error: () => t("toolkitCommunity.errors.year", { min: year.min, max: year.max }) })
    .int({ error: () => t("toolkitCommunity.errors.year", { min: year.min, max: year.max }) })
    .min(year.min, { error: () => t("toolkitCommunity.errors.year", { min: year.min, max: year.max }) })
    .max(year.max, { error: () => t("toolkitCommunity.errors.year", { min: year.min, max: year.max }) }),
  sourceUrl: z
    .string({ error: () => t("toolkitCommunity.errors.required") })
    .trim()
    .max(SUGGESTION_LIMITS.sourceUrl.max, {
      error: () => t("toolkitCommunity.errors.tooLong", { max: SUGGESTION_LIMITS.sourceUrl.max }),
    })
    .pipe(z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: () => t("toolkitCommunity.errors.httpsUrl") })),
  type: z.enum(TOOLKIT_TYPES, { error: () => t("toolkitCommunity.errors.invalidChoice") }),
  topics: choices(TOPICS),
  audiences: choices(AUDIENCES),
  regions: choices(REGIONS),
  languages: z
    .array(z.string(), { error: () => t("toolkitCommunity.errors.chooseAtLeastOne") })
    .min(1, { error: () => t("toolkitCommunity.errors.chooseAtLeastOne") })
    .max(20, { error: () => t("toolkitCommunity.errors.tooLong", { max: 20 }) })
    .refine((codes) => codes.every(isLanguageCode), { error: () => t("toolkitCommunity.errors.invalidChoice") })
    .transform((codes) => [...new Set(codes.map((code) => code.toLowerCase()))]),
  licence: z
    .string({ error: () => t("toolkitCommunity.errors.required") })
    .trim()
    .max(SUGGESTION_LIMITS.licence.max, {
      error: () => t("toolkitCommunity.errors.tooLong", { max: SUGGESTION_LIMITS.licence.max }),
    })
    // The content files' licences (LicenceSchema), typed in any case and stored in the list's spelling.
    .refine((licence) => canonicalLicence(licence) !== undefined, { error: () => t("toolkitCommunity.errors.licence") })
    .transform((licence) => canonicalLicence(licence) ?? licence),
  summary: text(SUGGESTION_LIMITS.summary),
  howToUse: text(SUGGESTION_LIMITS.howToUse),
});
export type SuggestionInput = z.infer<typeof SuggestionSchema>;

/** Rejecting a suggestion, or unpublishing an approved one, needs a reason the member reads. */
export const ReviewReasonSchema = z.object({
  reason: z
    .string({ error: () => t("toolkitCommunity.errors.reasonRequired") })
    .trim()
    .min(SUGGESTION_LIMITS.reason.min, { error: () => t("toolkitCommunity.errors.reasonRequired") })
    .max(SUGGESTION_LIMITS.reason.max, {
      error: () => t("toolkitCommunity.errors.tooLong", { max: SUGGESTION_LIMITS.reason.max }),
    }),
});
