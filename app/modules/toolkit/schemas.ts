import { z } from "~/utils/zod";
import { licenceYearProblem } from "../content/licences";
import { IsoDateSchema, LicenceSchema } from "../courses/schemas";
import { AUDIENCES, REGIONS, TOOLKIT_TYPES, TOPICS } from "../content/vocabulary";

export { TOOLKIT_TYPES, type ToolkitType } from "../content/vocabulary";

/**
 * A toolkit entry's frontmatter (content/README.md says what each field means for each kind
 * of resource). Beyond each field's shape: the year is not in the future, and not older than
 * the licence the entry names.
 */
export const ToolkitFrontmatterSchema = z
  .strictObject({
    /** The exact published title, unless `publishedTitle` is given; then a shorter display title. */
    title: z.string().min(3).max(200),
    publishedTitle: z.string().min(3).max(400).optional(),
    summary: z.string().min(20).max(500),
    type: z.enum(TOOLKIT_TYPES),
    topics: z.array(z.enum(TOPICS)).min(1),
    audiences: z.array(z.enum(AUDIENCES)).min(1),
    regions: z.array(z.enum(REGIONS)).min(1),
    languages: z.array(z.string().regex(/^[a-z]{2}$/, "must be ISO 639-1 codes such as en")).min(1),
    licence: LicenceSchema,
    publisher: z.string().min(2),
    year: z.number().int().min(1950),
    sourceUrl: z.url({ protocol: /^https$/, error: "must be an https:// address" }),
    lastReviewed: IsoDateSchema,
  })
  .superRefine((entry, context) => {
    const thisYear = new Date().getUTCFullYear();
    if (entry.year > thisYear)
      context.addIssue({ code: "custom", path: ["year"], message: `must not be after this year (${thisYear})` });
    const problem = licenceYearProblem(entry.licence, entry.year);
    if (problem) context.addIssue({ code: "custom", path: ["licence"], message: problem });
    if (entry.publishedTitle !== undefined && entry.publishedTitle === entry.title)
      context.addIssue({
        code: "custom",
        path: ["publishedTitle"],
        message: "is the same as title: leave it out when the title is already the published one",
      });
  });
export type ToolkitFrontmatter = z.infer<typeof ToolkitFrontmatterSchema>;
