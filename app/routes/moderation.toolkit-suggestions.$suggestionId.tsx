import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, StatusMessage, TextareaField } from "~/components/forms";
import { SuggestionFields } from "~/components/toolkit-suggestion-fields";
import { t } from "~/i18n";
import "~/i18n/toolkit-community";
import { requireUser, type CurrentUser } from "~/modules/auth/session.server";
import { ReviewReasonSchema, SuggestionSchema } from "~/modules/toolkit/suggestion-schemas";
import {
  approveSuggestion,
  canModerateToolkit,
  getSuggestionForReview,
  rejectSuggestion,
  updateSuggestion,
} from "~/modules/toolkit/suggestions.server";
import stylesUrl from "~/styles/toolkit-community.css";
import { badRequest, notFound, rejected, requireUuidParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import type { z } from "~/utils/zod";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta = ({ data }: MetaArgs<typeof loader>) =>
  pageMeta(
    data ? t("toolkitCommunity.moderation.reviewHeading", { title: data.suggestion.title }) : t("error.notFoundTitle"),
    t("toolkitCommunity.moderation.description"),
  );

const forbidden = () => new Response("Forbidden", { status: 403, statusText: "Forbidden" });

/** Moderators and admins; everyone else gets 403 before the id is even looked at. */
async function requireToolkitModerator(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!canModerateToolkit(user)) throw forbidden();
  return user;
}

const utc = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireToolkitModerator(request);
  const suggestion = await getSuggestionForReview(requireUuidParam(params.suggestionId));
  if (!suggestion) throw notFound();
  return {
    suggestion: {
      id: suggestion.id,
      title: suggestion.title,
      status: suggestion.status,
      slug: suggestion.slug,
      suggestedBy: suggestion.suggestedByName,
      suggestedAt: utc(suggestion.createdAt),
      reviewedBy: suggestion.reviewedByName,
      reviewedAt: suggestion.reviewedAt ? utc(suggestion.reviewedAt) : null,
      moderatorNote: suggestion.moderatorNote,
    },
    fields: {
      title: suggestion.title,
      publisher: suggestion.publisher,
      year: String(suggestion.year),
      sourceUrl: suggestion.sourceUrl,
      type: suggestion.type,
      topics: suggestion.topics,
      audiences: suggestion.audiences,
      regions: suggestion.regions,
      languages: suggestion.languages,
      licence: suggestion.licence,
      summary: suggestion.summary,
      howToUse: suggestion.howToUse,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireToolkitModerator(request);
  const suggestionId = requireUuidParam(params.suggestionId);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "edit") {
    const submission = parseWithZod(formData, { schema: SuggestionSchema });
    if (submission.status !== "success") return rejected({ intent, result: submission.reply(), status: null, error: null });
    const outcome = await updateSuggestion(user, suggestionId, submission.value);
    if (!outcome.ok && outcome.reason === "duplicate") {
      const result = submission.reply({ fieldErrors: { sourceUrl: [t("toolkitCommunity.errors.duplicateField")] } });
      return rejected({ intent, result, status: null, error: null }, 409);
    }
    if (!outcome.ok) throw outcome.reason === "forbidden" ? forbidden() : notFound();
    return { intent, result: submission.reply(), status: t("toolkitCommunity.moderation.saved"), error: null };
  }

  if (intent === "approve") {
    const outcome = await approveSuggestion(user, suggestionId);
    if (!outcome.ok && outcome.reason === "already-approved") {
      return rejected({ intent, result: null, status: null, error: t("toolkitCommunity.moderation.alreadyApproved") }, 409);
    }
    if (!outcome.ok) throw outcome.reason === "forbidden" ? forbidden() : notFound();
    return { intent, result: null, status: t("toolkitCommunity.moderation.approved"), error: null };
  }

  if (intent === "reject") {
    const submission = parseWithZod(formData, { schema: ReviewReasonSchema });
    if (submission.status !== "success") return rejected({ intent, result: submission.reply(), status: null, error: null });
    const outcome = await rejectSuggestion(user, suggestionId, submission.value.reason);
    if (!outcome.ok && outcome.reason === "already-rejected") {
      return rejected({ intent, result: null, status: null, error: t("toolkitCommunity.moderation.alreadyRejected") }, 409);
    }
    if (!outcome.ok) throw outcome.reason === "forbidden" ? forbidden() : notFound();
    const status = outcome.unpublished ? t("toolkitCommunity.moderation.unpublished") : t("toolkitCommunity.moderation.rejected");
    return { intent, result: submission.reply({ resetForm: true }), status, error: null };
  }

  throw badRequest("Unknown action.");
}

export default function ReviewToolkitSuggestionPage() {
  const { suggestion, fields: defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [editForm, editFields] = useForm<z.input<typeof SuggestionSchema>>({
    id: `edit-suggestion-${suggestion.id}`,
    lastResult: actionData?.intent === "edit" ? actionData.result : undefined,
    defaultValue: defaults,
    constraint: getZodConstraint(SuggestionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SuggestionSchema }),
    // Not on blur: an error appearing mid-form moves the checkboxes under the pointer.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [reasonForm, reasonFields] = useForm({
    id: `reject-suggestion-${suggestion.id}`,
    lastResult: actionData?.intent === "reject" ? actionData.result : undefined,
    constraint: getZodConstraint(ReviewReasonSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewReasonSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const isApproved = suggestion.status === "approved";
  return (
    <div className="container prose">
      <p className="breadcrumbs">
        <Link to="/moderation/toolkit-suggestions">{t("toolkitCommunity.moderation.backToQueue")}</Link>
      </p>
      <h1>{t("toolkitCommunity.moderation.reviewHeading", { title: suggestion.title })}</h1>
      <StatusMessage>{actionData?.status}</StatusMessage>
      <FormErrors id="moderation-errors" errors={actionData?.error ? [actionData.error] : undefined} />
      <dl className="details">
        <dt>{t("toolkitCommunity.moderation.statusLabel")}</dt>
        <dd>
          <span className={`tag status-tag--${suggestion.status}`}>
            {t(`toolkitCommunity.suggest.status.${suggestion.status}`)}
          </span>
        </dd>
        <dt>{t("toolkitCommunity.moderation.suggestedByLabel")}</dt>
        <dd>
          {t("toolkitCommunity.moderation.suggestedBy", {
            name: suggestion.suggestedBy ?? t("toolkitCommunity.moderation.formerMember"),
            date: suggestion.suggestedAt,
          })}
        </dd>
        {suggestion.reviewedAt ? (
          <>
            <dt>{t("toolkitCommunity.reviewed")}</dt>
            <dd>
              {t("toolkitCommunity.moderation.reviewedBy", {
                name: suggestion.reviewedBy ?? t("toolkitCommunity.moderation.formerMember"),
                date: suggestion.reviewedAt,
              })}
            </dd>
          </>
        ) : null}
        {isApproved && suggestion.slug ? (
          <>
            <dt>{t("toolkitCommunity.moderation.publishedAt")}</dt>
            <dd>
              <Link to={`/toolkit/${suggestion.slug}`}>{`/toolkit/${suggestion.slug}`}</Link>
            </dd>
          </>
        ) : null}
        {suggestion.status === "rejected" && suggestion.moderatorNote ? (
          <>
            <dt>{t("toolkitCommunity.moderation.reason")}</dt>
            <dd className="moderation-note">{suggestion.moderatorNote}</dd>
          </>
        ) : null}
      </dl>

      <div className="moderation-actions">
        {isApproved ? null : (
          <section aria-labelledby="approve-heading">
            <h2 id="approve-heading">{t("toolkitCommunity.moderation.approveHeading")}</h2>
            <p>{t("toolkitCommunity.moderation.approveHint")}</p>
            <Form method="post">
              <button type="submit" name="intent" value="approve">
                {t("toolkitCommunity.moderation.approve")}
              </button>
            </Form>
          </section>
        )}

        {suggestion.status === "rejected" ? null : (
          <section aria-labelledby="reject-heading">
            <h2 id="reject-heading">
              {isApproved ? t("toolkitCommunity.moderation.unpublishHeading") : t("toolkitCommunity.moderation.rejectHeading")}
            </h2>
            <Form method="post" className="stack" {...getFormProps(reasonForm)}>
              <input type="hidden" name="intent" value="reject" />
              <TextareaField
                label={t("toolkitCommunity.moderation.reason")}
                hint={t("toolkitCommunity.moderation.reasonHint")}
                errors={reasonFields.reason.errors}
                textareaProps={{ ...getTextareaProps(reasonFields.reason), rows: 4 }}
              />
              <div>
                <button type="submit" className="button--danger">
                  {isApproved ? t("toolkitCommunity.moderation.unpublish") : t("toolkitCommunity.moderation.reject")}
                </button>
              </div>
            </Form>
          </section>
        )}

        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t("toolkitCommunity.moderation.editHeading")}</h2>
          <p>{t("toolkitCommunity.moderation.editHint")}</p>
          <Form method="post" className="stack" {...getFormProps(editForm)}>
            <FormErrors id={editForm.errorId} errors={editForm.errors} />
            <input type="hidden" name="intent" value="edit" />
            <SuggestionFields fields={editFields} />
            <div>
              <button type="submit" className="button--secondary">
                {t("toolkitCommunity.moderation.saveChanges")}
              </button>
            </div>
          </Form>
        </section>
      </div>
    </div>
  );
}
