import type { LoaderFunctionArgs, MetaArgs } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { Link, useLoaderData } from "@remix-run/react";
import { audienceLabel, topicLabel } from "~/components/course-labels";
import { MdxContent } from "~/components/mdx-components";
import { loadMdxScript } from "~/components/mdx-runtime";
import { t } from "~/i18n";
import { getOptionalUser } from "~/modules/auth/session.server";
import { getLanguageName } from "~/modules/people/reference-data";
import {
  findRelatedEntries,
  getLessonsLinkingTo,
  getToolkitEntry,
  listToolkitEntries,
} from "~/modules/toolkit/toolkit.server";
import { notFound } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = ({ data }: MetaArgs<typeof loader>) =>
  data ? pageMeta(data.entry.title, data.entry.summary) : pageMeta(t("error.notFoundTitle"), t("error.notFound"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  const entry = await getToolkitEntry(params.entrySlug ?? "");
  if (!entry) throw notFound();
  const [lessons, related] = await Promise.all([
    getLessonsLinkingTo(entry.slug),
    listToolkitEntries().then((entries) => findRelatedEntries(entry, entries)),
  ]);
  return {
    entry: {
      slug: entry.slug,
      title: entry.title,
      summary: entry.summary,
      type: entry.type,
      publisher: entry.publisher,
      year: entry.year,
      licence: entry.licence,
      sourceUrl: entry.sourceUrl,
      topics: entry.topics,
      audiences: entry.audiences,
      regions: entry.regions,
      languages: entry.languages.map(getLanguageName),
      lastReviewed: entry.lastReviewed,
      codeId: entry.codeId,
    },
    lessons,
    related: related.map((candidate) => ({ slug: candidate.slug, title: candidate.title, type: candidate.type })),
  };
}

/** On client-side navigations, fetch the compiled body before rendering. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadMdxScript(data.entry.codeId);
  return data;
}

export default function ToolkitEntryPage() {
  const { entry, lessons, related } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <p className="breadcrumbs">
        <Link to="/toolkit">{t("toolkit.heading")}</Link> › {t(`toolkit.typeOne.${entry.type}`)}
      </p>
      <article aria-labelledby="entry-title" className="toolkit-entry">
        <h1 id="entry-title">{entry.title}</h1>
        <p className="lead prose">{entry.summary}</p>
        <p>
          <a href={entry.sourceUrl} rel="noopener noreferrer" className="button">
            {t("toolkit.openOriginal")}
          </a>{" "}
          <span className="card__meta">{t("toolkit.openOriginalHint")}</span>
        </p>
        <div className="toolkit-entry__layout">
          <div className="prose">
            <MdxContent codeId={entry.codeId} />
          </div>
          <aside aria-labelledby="details-heading" className="card">
            <h2 id="details-heading" className="h3">
              {t("toolkit.details")}
            </h2>
            <dl className="details">
              <dt>{t("toolkit.kind")}</dt>
              <dd>{t(`toolkit.typeOne.${entry.type}`)}</dd>
              <dt>{t("toolkit.publisher")}</dt>
              <dd>{entry.publisher}</dd>
              <dt>{t("toolkit.year")}</dt>
              <dd>{entry.year}</dd>
              <dt>{t("toolkit.licence")}</dt>
              <dd>{entry.licence === "proprietary" ? t("toolkit.proprietary") : entry.licence}</dd>
              <dt>{t("toolkit.topics")}</dt>
              <dd>{entry.topics.map(topicLabel).join(", ")}</dd>
              <dt>{t("toolkit.audiences")}</dt>
              <dd>{entry.audiences.map(audienceLabel).join(", ")}</dd>
              <dt>{t("toolkit.regions")}</dt>
              <dd>{entry.regions.map((region) => t(`toolkit.region.${region}`)).join(", ")}</dd>
              <dt>{t("toolkit.languages")}</dt>
              <dd>{entry.languages.join(", ")}</dd>
              <dt>{t("toolkit.lastReviewed")}</dt>
              <dd>{entry.lastReviewed}</dd>
            </dl>
          </aside>
        </div>
      </article>
      {lessons.length ? (
        <section aria-labelledby="used-in">
          <h2 id="used-in">{t("toolkit.usedIn")}</h2>
          <ul>
            {lessons.map((lesson) => (
              <li key={`${lesson.courseSlug}/${lesson.lessonSlug}`}>
                <Link to={`/courses/${lesson.courseSlug}/${lesson.lessonSlug}`}>{lesson.lessonTitle}</Link> ({lesson.courseTitle})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {related.length ? (
        <section aria-labelledby="related">
          <h2 id="related">{t("toolkit.related")}</h2>
          <ul>
            {related.map((candidate) => (
              <li key={candidate.slug}>
                <Link to={`/toolkit/${candidate.slug}`}>{candidate.title}</Link> · {t(`toolkit.typeOne.${candidate.type}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
