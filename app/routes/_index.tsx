import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/home";
import { getOptionalUser } from "~/modules/auth/session.server";
import { pageMeta } from "~/utils/meta";
import { useOptionalUser } from "~/root";
import { cacheForAnonymousVisitors } from "~/utils/page-cache";

export const headers = cacheForAnonymousVisitors;

export const meta = () => pageMeta(t("home.title"), t("site.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  return null;
}

const PARTS = [
  { to: "/courses", title: () => t("nav.courses"), text: () => t("home.coursesText") },
  { to: "/toolkit", title: () => t("nav.toolkit"), text: () => t("home.toolkitText") },
  { to: "/cohorts", title: () => t("nav.cohorts"), text: () => t("home.cohortsText") },
  { to: "/discussions", title: () => t("nav.discussions"), text: () => t("home.discussionsText") },
  { to: "/support", title: () => t("nav.support"), text: () => t("home.supportText") },
];

export default function HomePage() {
  const user = useOptionalUser();
  return (
    <div className="container">
      <section aria-labelledby="home-heading" className="prose">
        <h1 id="home-heading">{t("home.heading")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <p className="inline-list">
          {user ? null : (
            <Link to="/sign-up" className="button">
              {t("home.getStarted")}
            </Link>
          )}{" "}
          <Link to="/courses" className="button button--secondary">
            {t("home.browseCourses")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="for-whom">
        <h2 id="for-whom">{t("home.forWhom")}</h2>
        <ul className="cards">
          <li className="card">
            <h3>{t("home.officialsTitle")}</h3>
            <p>{t("home.officialsText")}</p>
          </li>
          <li className="card">
            <h3>{t("home.practitionersTitle")}</h3>
            <p>{t("home.practitionersText")}</p>
          </li>
          <li className="card">
            <h3>{t("home.facilitatorsTitle")}</h3>
            <p>{t("home.facilitatorsText")}</p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="parts">
        <h2 id="parts">{t("home.sectionsHeading")}</h2>
        <ul className="cards">
          {PARTS.map((part) => (
            <li key={part.to} className="card">
              <h3>
                <Link to={part.to}>{part.title()}</Link>
              </h3>
              <p>{part.text()}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="origin" className="prose">
        <h2 id="origin">{t("home.originHeading")}</h2>
        <p>{t("home.originText")}</p>
      </section>
    </div>
  );
}
