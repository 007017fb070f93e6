import { Form, Link, NavLink } from "@remix-run/react";
import { t } from "~/i18n";
import type { Role } from "~/modules/auth/roles";
import { SiteSearchForm } from "./search/site-search-form";

interface LayoutUser {
  id: string;
  displayName: string;
  roles: Role[];
  /** Unread notifications; absent where the page does not know it. */
  unreadNotifications?: number;
}

const SECTIONS = [
  { to: "/courses", label: () => t("nav.courses") },
  { to: "/toolkit", label: () => t("nav.toolkit") },
  { to: "/cohorts", label: () => t("nav.cohorts") },
  { to: "/discussions", label: () => t("nav.discussions") },
  { to: "/support", label: () => t("nav.support") },
] as const;

export function SiteHeader({ user }: { user: LayoutUser | null }) {
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="brand" aria-label={t("nav.home")}>
            <span aria-hidden="true" className="brand__mark">
              ◆
            </span>{" "}
            {t("site.name")}
          </Link>
          <nav aria-label={t("nav.primary")} className="primary-nav">
            <ul>
              {SECTIONS.map((section) => (
                <li key={section.to}>
                  <NavLink to={section.to} prefetch="intent">
                    {section.label()}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <SiteSearchForm />
          <div className="account-nav">
            {user ? (
              <ul className="inline-list">
                <li>
                  <NotificationsLink unread={user.unreadNotifications ?? 0} />
                </li>
                <li>
                  <AccountMenu user={user} />
                </li>
              </ul>
            ) : (
              <AnonymousLinks />
            )}
          </div>
        </div>
      </header>
    </>
  );
}

function AnonymousLinks() {
  return (
    <ul className="inline-list">
      <li>
        <Link to="/sign-in">{t("nav.signIn")}</Link>
      </li>
      <li>
        <Link to="/sign-up" className="button button--small">
          {t("nav.signUp")}
        </Link>
      </li>
    </ul>
  );
}

/** A plain link, so the count shows without JavaScript; its name reads "Notifications, 3 unread". */
function NotificationsLink({ unread }: { unread: number }) {
  return (
    <Link
      to="/notifications"
      className="notifications-link"
      aria-label={unread > 0 ? t("nav.notificationsUnread", { count: unread }) : undefined}
    >
      {t("nav.notifications")}
      {unread > 0 ? (
        <span className="notifications-link__count">{unread > 99 ? "99+" : unread}</span>
      ) : null}
    </Link>
  );
}

/** A disclosure built on <details>, so the menu opens with or without JavaScript. */
function AccountMenu({ user }: { user: LayoutUser }) {
  return (
    <details className="account-menu">
      <summary aria-label={t("nav.accountMenu", { name: user.displayName })}>
        <span className="account-menu__name">{user.displayName}</span>
      </summary>
      <ul className="account-menu__list">
        <li>
          <Link to={`/people/${user.id}`}>{t("nav.profile")}</Link>
        </li>
        <li>
          <Link to="/my-learning">{t("nav.myLearning")}</Link>
        </li>
        <li>
          <Link to="/notebook">{t("nav.notebook")}</Link>
        </li>
        <li>
          <Link to="/my-toolkit">{t("nav.myToolkit")}</Link>
        </li>
        <li>
          <Link to="/my-cohorts">{t("nav.myCohorts")}</Link>
        </li>
        <li>
          <Link to="/account">{t("nav.settings")}</Link>
        </li>
        <li>
          <Link to="/people">{t("nav.people")}</Link>
        </li>
        {user.roles.includes("facilitator") || user.roles.includes("admin") ? (
          <li>
            <Link to="/facilitate">{t("nav.facilitation")}</Link>
          </li>
        ) : null}
        {user.roles.includes("admin") ? (
          <li>
            <Link to="/admin">{t("nav.admin")}</Link>
          </li>
        ) : null}
        {/* The same rule as canModerateToolkit (suggestions.server.ts), without its server imports. */}
        {user.roles.includes("moderator") || user.roles.includes("admin") ? (
          <li>
            <Link to="/moderation/toolkit-suggestions">{t("nav.moderation")}</Link>
          </li>
        ) : null}
        <li>
          <Form method="post" action="/sign-out">
            <button type="submit" className="link-button">
              {t("nav.signOut")}
            </button>
          </Form>
        </li>
      </ul>
    </details>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("nav.footerText")}</p>
        <nav aria-label={t("nav.footer")}>
          <ul className="inline-list">
            <li>
              <Link to="/glossary">{t("nav.glossary")}</Link>
            </li>
            <li>
              <Link to="/courses">{t("nav.courses")}</Link>
            </li>
            <li>
              <Link to="/toolkit">{t("nav.toolkit")}</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
