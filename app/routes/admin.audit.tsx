import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { t } from "~/i18n";
import "~/i18n/admin";
import { listAuditLog } from "~/modules/admin/admin.server";
import { requireRole } from "~/modules/auth/session.server";
import { parsePage } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(`${t("admin.auditLog")} · ${t("admin.title")}`, t("admin.description"));

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const page = parsePage(new URL(request.url));
  const { entries, hasMore } = await listAuditLog({ page, pageSize: PAGE_SIZE });
  return {
    page,
    hasMore,
    entries: entries.map((entry) => ({
      id: entry.id,
      action: entry.action,
      details: Object.entries(entry.details)
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join(", "),
      when: entry.createdAt.toISOString().replace("T", " ").slice(0, 16) + " UTC",
      actorName: entry.actorName,
      targetName: entry.targetName,
      targetUserId: entry.targetUserId,
    })),
  };
}

export default function AdminAuditPage() {
  const { entries, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("admin.auditLog")}</h1>
      {entries.length === 0 ? (
        <p>{t("admin.emptyAudit")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("admin.auditLog")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.when")}</th>
                <th scope="col">{t("admin.actor")}</th>
                <th scope="col">{t("admin.action")}</th>
                <th scope="col">{t("admin.target")}</th>
                <th scope="col">{t("admin.details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.when}</td>
                  <td>{entry.actorName ?? "—"}</td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.targetUserId && entry.targetName ? (
                      <Link to={`/admin/people/${entry.targetUserId}`}>{entry.targetName}</Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{entry.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} hasMore={hasMore} label={t("admin.auditLog")} />
    </>
  );
}
