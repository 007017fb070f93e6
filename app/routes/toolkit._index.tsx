import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { getOptionalUser } from "~/modules/auth/session.server";
import { TOOLKIT_TYPES } from "~/modules/content/vocabulary";
import { listToolkitEntries } from "~/modules/toolkit/toolkit.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("toolkit.title"), t("toolkit.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  const entries = await listToolkitEntries();
  return {
    count: entries.length,
    groups: TOOLKIT_TYPES.map((type) => ({
      type,
      entries: entries
        .filter((entry) => entry.type === type)
        .sort((a, b) => a.title.localeCompare(b.title, "en"))
        .map((entry) => ({ slug: entry.slug, title: entry.title, summary: entry.summary, publisher: entry.publisher, year: entry.year })),
    })).filter((group) => group.entries.length > 0),
  };
}

export default function ToolkitPage() {
  const { groups, count } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>{t("toolkit.heading")}</h1>
      <p className="lead prose">{t("toolkit.lead", { count })}</p>
      <p className="notice prose">{t("toolkit.searchComing")}</p>
      <nav aria-labelledby="types-heading">
        <h2 id="types-heading" className="h3">
          {t("toolkit.byType")}
        </h2>
        <ul className="inline-list">
          {groups.map((group) => (
            <li key={group.type}>
              <a href={`#type-${group.type}`}>
                {t(`toolkit.type.${group.type}`)} ({group.entries.length})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((group) => (
        <section key={group.type} aria-labelledby={`type-${group.type}`}>
          <h2 id={`type-${group.type}`}>{t(`toolkit.type.${group.type}`)}</h2>
          <ul className="cards">
            {group.entries.map((entry) => (
              <li key={entry.slug} className="card">
                <h3>
                  <Link to={`/toolkit/${entry.slug}`}>{entry.title}</Link>
                </h3>
                <p className="card__meta">{t("toolkit.entryMeta", { publisher: entry.publisher, year: entry.year })}</p>
                <p>{entry.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
