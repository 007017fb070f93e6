import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/admin";
import { requireRole } from "~/modules/auth/session.server";

/*
 * The admin layout. Its loader guards the layout itself; every child loader and action
 * checks the role again, because Remix runs child loaders in parallel with this one.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export default function AdminLayout() {
  return (
    <div className="container">
      <p className="lead">{t("admin.heading")}</p>
      <nav aria-label={t("admin.heading")} className="sub-nav">
        <ul>
          <li>
            <NavLink to="/admin/people">{t("admin.people")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/audit">{t("admin.auditLog")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/courses">{t("admin.courses")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/search">{t("searchAnalytics.nav")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/outbox">{t("admin.outbox")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
