import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/toolkit";
import "~/i18n/toolkit-community";
import { requireUser } from "~/modules/auth/session.server";
import { TOOLKIT_TYPES, type ToolkitType } from "~/modules/content/vocabulary";
import {
  canModerateToolkit,
  listPendingSuggestions,
  listPublishedSuggestions,
} from "~/modules/toolkit/suggestions.server";
import stylesUrl from "~/styles/toolkit-community.css";
import { pageMeta } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta = () => pageMeta(t("toolkitCommunity.moderation.title"), t("toolkitCommunity.moderation.description"));

const isToolkitType = (value: string): value is ToolkitType => (TOOLKIT_TYPES as readonly string[]).includes(value);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // requireRole(request, "moderator") would turn admins away; they moderate too.
  if (!canModerateToolkit(user)) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  const [pending, published] = await Promise.all([listPendingSuggestions(), listPublishedSuggestions()]);
  return {
    pending: pending.map((suggestion) => ({
      id: suggestion.id,
      title: suggestion.title,
      publisher: suggestion.publisher,
      type: isToolkitType(suggestion.type) ? suggestion.type : null,
      suggestedBy: suggestion.suggestedByName,
      suggestedOn: suggestion.createdAt.toISOString().replace("T", " ").slice(0, 16) + " UTC",
    })),
    published: published.map((suggestion) => ({
      id: suggestion.id,
      title: suggestion.title,
      slug: suggestion.slug,
      reviewedOn: suggestion.reviewedAt?.toISOString().slice(0, 10) ?? "",
    })),
  };
}

export default function ToolkitSuggestionQueuePage() {
  const { pending, published } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>{t("toolkitCommunity.moderation.heading")}</h1>
      <p className="lead prose">{t("toolkitCommunity.moderation.lead")}</p>

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t("toolkitCommunity.moderation.queueHeading")}</h2>
        {pending.length === 0 ? (
          <p>{t("toolkitCommunity.moderation.queueEmpty")}</p>
        ) : (
          <>
            <p className="card__meta">{t("toolkitCommunity.moderation.queueHint")}</p>
            <ol className="suggestion-list">
              {pending.map((suggestion) => (
                <li key={suggestion.id} className="card">
                  <h3 className="h3">
                    <Link to={`/moderation/toolkit-suggestions/${suggestion.id}`}>{suggestion.title}</Link>
                  </h3>
                  <p>
                    {suggestion.type ? `${t(`toolkit.typeOne.${suggestion.type}`)} · ` : null}
                    {suggestion.publisher}
                  </p>
                  <p className="card__meta">
                    {t("toolkitCommunity.moderation.suggestedBy", {
                      name: suggestion.suggestedBy ?? t("toolkitCommunity.moderation.formerMember"),
                      date: suggestion.suggestedOn,
                    })}
                  </p>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      <section aria-labelledby="published-heading">
        <h2 id="published-heading">{t("toolkitCommunity.moderation.publishedHeading")}</h2>
        {published.length === 0 ? (
          <p>{t("toolkitCommunity.moderation.publishedEmpty")}</p>
        ) : (
          <ul>
            {published.map((suggestion) => (
              <li key={suggestion.id}>
                <Link to={`/moderation/toolkit-suggestions/${suggestion.id}`}>{suggestion.title}</Link>{" "}
                <span className="card__meta">
                  ({suggestion.slug ? `/toolkit/${suggestion.slug}, ` : null}
                  {suggestion.reviewedOn})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
