import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { termAnchor } from "~/components/mdx-components";
import { t } from "~/i18n";
import "~/i18n/learning";
import { getOptionalUser } from "~/modules/auth/session.server";
import { getGlossary } from "~/modules/courses/courses.server";
import { pageMeta } from "~/utils/meta";
import { cacheForAnonymousVisitors } from "~/utils/page-cache";

export const headers = cacheForAnonymousVisitors;

export const meta = () => pageMeta(t("glossary.title"), t("glossary.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  const glossary = await getGlossary();
  return {
    terms: glossary.map((term) => ({
      term: term.term,
      definition: term.definition,
      anchor: termAnchor(term.term),
      href: `/courses/${term.courseSlug}/${term.lessonSlug}`,
      lessonTitle: term.lessonTitle,
    })),
  };
}

export default function GlossaryPage() {
  const { terms } = useLoaderData<typeof loader>();
  return (
    <div className="container prose">
      <h1>{t("glossary.heading")}</h1>
      <p>{t("glossary.intro")}</p>
      <dl className="glossary">
        {terms.map((term) => (
          <div key={term.anchor} id={term.anchor} className="glossary__entry">
            <dt>
              <dfn>{term.term}</dfn>
            </dt>
            <dd>
              <p>{term.definition}</p>
              <p className="card__meta">
                {t("glossary.introducedIn")} <Link to={term.href}>{term.lessonTitle}</Link>
              </p>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
