import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { t } from "~/i18n";
import "~/i18n/admin";
import "~/i18n/accounts";
import { findPeople } from "~/modules/admin/admin.server";
import { requireRole } from "~/modules/auth/session.server";
import { parsePage, parseQuery } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(`${t("admin.people")} · ${t("admin.title")}`, t("admin.description"));

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const query = parseQuery(url);
  const page = parsePage(url);
  const { people, hasMore } = await findPeople({ query, page, pageSize: PAGE_SIZE });
  return {
    query: query ?? "",
    page,
    hasMore,
    people: people.map((person) => ({
      id: person.id,
      displayName: person.displayName,
      email: person.email,
      roles: person.roles,
      isSuspended: person.suspendedAt !== null,
      joined: person.createdAt.toISOString().slice(0, 10),
    })),
  };
}

export default function AdminPeoplePage() {
  const { people, query, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("admin.people")}</h1>
      <Form method="get" role="search" className="stack">
        <div className="field">
          <label htmlFor="admin-people-q">{t("admin.peopleSearch")}</label>
          <input id="admin-people-q" type="search" name="q" defaultValue={query} maxLength={200} />
        </div>
        <div>
          <button type="submit">{t("admin.search")}</button>
        </div>
      </Form>
      {people.length === 0 ? (
        <p>{t("admin.noResults")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("admin.people")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.email")}</th>
                <th scope="col">{t("admin.roles")}</th>
                <th scope="col">{t("admin.status")}</th>
                <th scope="col">{t("admin.joined")}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td>
                    <Link to={`/admin/people/${person.id}`} aria-label={t("admin.manage", { name: person.displayName })}>
                      {person.displayName}
                    </Link>
                  </td>
                  <td>{person.email}</td>
                  <td>{[t("role.learner"), ...person.roles.map((role) => t(`role.${role}`))].join(", ")}</td>
                  <td>{person.isSuspended ? t("admin.suspended") : t("admin.active")}</td>
                  <td>{person.joined}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} hasMore={hasMore} label={t("admin.people")} />
    </>
  );
}
