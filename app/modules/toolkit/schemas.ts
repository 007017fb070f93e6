import { z } from "~/utils/zod";
import { IsoDateSchema, LicenceSchema } from "../courses/schemas";
import { AUDIENCES, REGIONS, TOOLKIT_TYPES, TOPICS } from "../content/vocabulary";

export { TOOLKIT_TYPES, type ToolkitType } from "../content/vocabulary";



export const ToolkitFrontmatterSchema = z.strictObject({
  title: z.string().min(3).max(200),
  summary: z.string().min(20).max(500),
  type: z.enum(TOOLKIT_TYPES),
  topics: z.array(z.enum(TOPICS)).min(1),
  audiences: z.array(z.enum(AUDIENCES)).min(1),
  regions: z.array(z.enum(REGIONS)).min(1),
  languages: z.array(z.string().regex(/^[a-z]{2}$/, "must be ISO 639-1 codes such as en")).min(1),
  licence: LicenceSchema,
  publisher: z.string().min(2),
  year: z.number().int().min(1950).max(2100),
  sourceUrl: z.url({ protocol: /^https$/, error: "must be an https:// address" }),
  lastReviewed: IsoDateSchema,
});
export type ToolkitFrontmatter = z.infer<typeof ToolkitFrontmatterSchema>;
