import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, StatusMessage } from "~/components/forms";
import { SuggestionFields } from "~/components/toolkit-suggestion-fields";
import { t } from "~/i18n";
import "~/i18n/toolkit";
import "~/i18n/toolkit-community";
import { requireUser } from "~/modules/auth/session.server";
import { SuggestionSchema } from "~/modules/toolkit/suggestion-schemas";
import { createSuggestion, listMySuggestions, type DuplicateSource } from "~/modules/toolkit/suggestions.server";
import stylesUrl from "~/styles/toolkit-community.css";
import { rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta = () => pageMeta(t("toolkitCommunity.suggest.title"), t("toolkitCommunity.suggest.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const suggestions = await listMySuggestions(user.id);
  return {
    // The id of the suggestion just sent, so the form starts empty again for the next one.
    sentId: sentSuggestionId(new URL(request.url)),
    suggestions: suggestions.map((suggestion) => ({
      id: suggestion.id,
      title: suggestion.title,
      status: suggestion.status,
      // Only a published suggestion has a page to link to.
      slug: suggestion.status === "approved" ? suggestion.slug : null,
      moderatorNote: suggestion.status === "rejected" ? suggestion.moderatorNote : null,
      suggestedOn: suggestion.createdAt.toISOString().slice(0, 10),
    })),
  };
}

function sentSuggestionId(url: URL): string | null {
  const sent = url.searchParams.get("sent");
  return sent && /^[0-9a-f-]{36}$/i.test(sent) ? sent : null;
}

/** Where a refused duplicate can be seen: a page in the toolkit, when it has one. */
function duplicateLink(duplicate: DuplicateSource): { title: string; href: string | null } {
  if (duplicate.kind === "entry") return { title: duplicate.title, href: `/toolkit/${duplicate.slug}` };
  return { title: duplicate.title, href: duplicate.status === "approved" && duplicate.slug ? `/toolkit/${duplicate.slug}` : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: SuggestionSchema });
  if (submission.status !== "success") return rejected({ result: submission.reply(), duplicate: null });
  const result = await createSuggestion(user.id, submission.value);
  if (result.ok) return redirect(`/toolkit/suggest?${new URLSearchParams({ sent: result.id })}`);
  if (result.reason === "duplicate") {
    return rejected(
      {
        result: submission.reply({ fieldErrors: { sourceUrl: [t("toolkitCommunity.errors.duplicateField")] } }),
        duplicate: duplicateLink(result.duplicate),
      },
      409,
    );
  }
  const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
  return rejected(
    { result: submission.reply({ formErrors: [t("toolkitCommunity.errors.rateLimited", { minutes })] }), duplicate: null },
    429,
  );
}

export default function SuggestResourcePage() {
  const { sentId, suggestions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `toolkit-suggestion-${sentId ?? "new"}`,
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: { languages: ["en"] },
    constraint: getZodConstraint(SuggestionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SuggestionSchema }),
    // Not on blur: an error appearing mid-form moves the checkboxes under the pointer.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const duplicate = actionData?.duplicate;
  return (
    <div className="container prose">
      <p className="breadcrumbs">
        <Link to="/toolkit">{t("toolkit.heading")}</Link>
      </p>
      <h1>{t("toolkitCommunity.suggest.heading")}</h1>
      <StatusMessage>{sentId && !actionData ? t("toolkitCommunity.suggest.sent") : null}</StatusMessage>
      <p>{t("toolkitCommunity.suggest.intro")}</p>
      <Form key={form.id} method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {duplicate ? (
          <p className="form-errors">
            {duplicate.href ? (
              <>
                {t("toolkitCommunity.errors.duplicateEntry")} <Link to={duplicate.href}>{duplicate.title}</Link>
              </>
            ) : (
              t("toolkitCommunity.errors.duplicateSuggestion")
            )}
          </p>
        ) : null}
        <SuggestionFields fields={fields} />
        <div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("toolkitCommunity.suggest.submit")}
          </button>
        </div>
      </Form>

      <section aria-labelledby="your-suggestions">
        <h2 id="your-suggestions">{t("toolkitCommunity.suggest.mineHeading")}</h2>
        {suggestions.length === 0 ? (
          <p>{t("toolkitCommunity.suggest.mineEmpty")}</p>
        ) : (
          <ul className="suggestion-list">
            {suggestions.map((suggestion) => (
              <li key={suggestion.id} className="card">
                <h3 className="h3">{suggestion.title}</h3>
                <p>
                  <span className={`tag status-tag--${suggestion.status}`}>
                    {t(`toolkitCommunity.suggest.status.${suggestion.status}`)}
                  </span>{" "}
                  <span className="card__meta">
                    {t("toolkitCommunity.suggest.suggestedOn", { date: suggestion.suggestedOn })}
                  </span>
                </p>
                {suggestion.slug ? (
                  <p>
                    <Link to={`/toolkit/${suggestion.slug}`}>{t("toolkitCommunity.suggest.viewPublished")}</Link>
                  </p>
                ) : null}
                {suggestion.moderatorNote ? (
                  <p className="moderation-note">
                    <strong>{t("toolkitCommunity.suggest.reason")}</strong> {suggestion.moderatorNote}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
