/*
 * The discussion forms, validated by the same schemas in the browser (conform) and on the
 * server. The server functions check the same limits again, so a route may also pass raw text.
 */
import { z } from "~/utils/zod";
import { t } from "~/i18n";
import "~/i18n/discussions";
import { MAX_BODY_LENGTH, MAX_REASON_LENGTH, MAX_TITLE_LENGTH } from "./results";

/** The same list as db/schema/discussions.ts (a test keeps them equal); pages must not load the schema. */
export const REACTION_KINDS = ["thanks", "helpful", "agree", "insightful"] as const;

const body = z
  .string({ error: () => t("discussions.failure.bodyEmpty") })
  .trim()
  .min(1, { error: () => t("discussions.failure.bodyEmpty") })
  .max(MAX_BODY_LENGTH, { error: () => t("discussions.failure.bodyTooLong", { max: MAX_BODY_LENGTH }) });

const title = z
  .string({ error: () => t("discussions.failure.titleEmpty") })
  .trim()
  .min(1, { error: () => t("discussions.failure.titleEmpty") })
  .max(MAX_TITLE_LENGTH, { error: () => t("discussions.failure.titleTooLong", { max: MAX_TITLE_LENGTH }) });

const reason = z
  .string({ error: () => t("discussions.failure.reasonRequired") })
  .trim()
  .min(1, { error: () => t("discussions.failure.reasonRequired") })
  .max(MAX_REASON_LENGTH);

/** A hidden field the form sends once per page load, so a double submit makes one post. */
const idempotencyKey = z.string().max(100).optional();

/** "Preview" and "Post" are two buttons of the same form, told apart by `intent`. */
const intent = z.enum(["preview", "post"]).default("post");

export const NewThreadSchema = z.object({ intent, title, body, idempotencyKey });
export const ReplySchema = z.object({ intent, body, quotedPostId: z.coerce.number().int().positive().optional(), idempotencyKey });
export const EditPostSchema = z.object({ intent, body });
export const EditTitleSchema = z.object({ title });
export const ReportSchema = z.object({ reason });
export const HidePostSchema = z.object({ reason });
export const ReactionSchema = z.object({ kind: z.enum(REACTION_KINDS) });
