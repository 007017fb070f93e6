import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { t } from "~/i18n";
import "~/i18n/accounts";
import { requireUser } from "~/modules/auth/session.server";
import { listMembers } from "~/modules/people/profile.server";
import { sectorLabel } from "~/modules/people/labels";
import { getCountryName } from "~/modules/people/reference-data";
import { parsePage, parseQuery } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("profile.peopleTitle"), t("profile.peopleDescription"));

const PAGE_SIZE = 30;

/** Members see each other; anonymous visitors are sent to sign in. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  const query = parseQuery(url);
  const page = parsePage(url);
  const { members, hasMore } = await listMembers({ query, page, pageSize: PAGE_SIZE });
  return {
    query: query ?? "",
    page,
    hasMore,
    members: members.map((member) => ({
      ...member,
      sector: sectorLabel(member.sector),
      country: getCountryName(member.country) ?? null,
    })),
  };
}

export default function PeoplePage() {
  const { members, query, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>{t("profile.peopleHeading")}</h1>
      <Form method="get" role="search" className="stack">
        <div className="field">
          <label htmlFor="people-q">{t("profile.peopleSearch")}</label>
          <input id="people-q" type="search" name="q" defaultValue={query} maxLength={200} />
        </div>
        <div>
          <button type="submit">{t("profile.peopleSearchSubmit")}</button>
        </div>
      </Form>
      {members.length === 0 ? (
        <p>{t("profile.noPeople")}</p>
      ) : (
        <ul className="cards">
          {members.map((member) => (
            <li key={member.id} className="card">
              <h2 className="h3">
                <Link to={`/people/${member.id}`}>{member.displayName}</Link>
              </h2>
              <p>{[member.organisation, member.sector, member.country].filter(Boolean).join(" · ")}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} hasMore={hasMore} label={t("profile.peopleHeading")} />
    </div>
  );
}
