/**
 * What every discussions command and query answers: a value, or a failure whose reason a page
 * turns into a message with `describeFailure`. Shared by server and pages (no server code here).
 */
import { t } from "~/i18n";
import "~/i18n/discussions";

export const FAILURE_REASONS = [
  "sign-in-required",
  "not-found",
  "forbidden",
  "unknown-place",
  "title-empty",
  "title-too-long",
  "body-empty",
  "body-too-long",
  "reason-required",
  "thread-locked",
  "thread-removed",
  "post-removed",
  "quoted-post-not-in-thread",
  "not-a-reply",
  "not-pending",
  "rate-limited",
  "duplicate",
  "already-reported",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export interface DiscussionFailure {
  ok: false;
  reason: FailureReason;
  /** With "rate-limited": when posting is possible again. */
  retryAfterSeconds?: number;
  /** With "duplicate": the post the first submission made, to send the person to it. */
  existing?: { threadId: number; postId: number };
}

export type DiscussionResult<T = undefined> = { ok: true; value: T } | DiscussionFailure;

export function ok<T>(value: T): { ok: true; value: T };
export function ok(): { ok: true; value: undefined };
export function ok<T>(value?: T) {
  return { ok: true as const, value };
}

export function fail(reason: FailureReason, extra: Omit<DiscussionFailure, "ok" | "reason"> = {}): DiscussionFailure {
  return { ok: false, reason, ...extra };
}

/** The message a person reads for a failure. */
export function describeFailure(failure: FailureReason | DiscussionFailure): string {
  const reason = typeof failure === "string" ? failure : failure.reason;
  const minutes =
    typeof failure === "string" ? 1 : Math.max(1, Math.ceil((failure.retryAfterSeconds ?? 60) / 60));
  switch (reason) {
    case "sign-in-required":
      return t("discussions.failure.signInRequired");
    case "not-found":
      return t("discussions.failure.notFound");
    case "forbidden":
      return t("discussions.failure.forbidden");
    case "unknown-place":
      return t("discussions.failure.unknownPlace");
    case "title-empty":
      return t("discussions.failure.titleEmpty");
    case "title-too-long":
      return t("discussions.failure.titleTooLong", { max: MAX_TITLE_LENGTH });
    case "body-empty":
      return t("discussions.failure.bodyEmpty");
    case "body-too-long":
      return t("discussions.failure.bodyTooLong", { max: MAX_BODY_LENGTH });
    case "reason-required":
      return t("discussions.failure.reasonRequired");
    case "thread-locked":
      return t("discussions.failure.threadLocked");
    case "thread-removed":
      return t("discussions.failure.threadRemoved");
    case "post-removed":
      return t("discussions.failure.postRemoved");
    case "quoted-post-not-in-thread":
      return t("discussions.failure.quotedPostNotInThread");
    case "not-a-reply":
      return t("discussions.failure.notAReply");
    case "not-pending":
      return t("discussions.failure.notPending");
    case "rate-limited":
      return t("discussions.failure.rateLimited", { count: minutes, limit: POSTS_PER_WINDOW, windowMinutes: POSTING_WINDOW_MINUTES });
    case "duplicate":
      return t("discussions.failure.duplicate");
    case "already-reported":
      return t("discussions.failure.alreadyReported");
  }
}

export const MAX_TITLE_LENGTH = 150;
/** About ten pages of text: room for a long answer, not for a dump. */
export const MAX_BODY_LENGTH = 20_000;
export const MAX_REASON_LENGTH = 500;
export const POSTS_PER_WINDOW = 20;
export const POSTING_WINDOW_MINUTES = 10;
