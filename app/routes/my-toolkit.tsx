import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { StatusMessage } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/toolkit";
import "~/i18n/toolkit-community";
import { requireUser } from "~/modules/auth/session.server";
import { TOOLKIT_TYPES, type ToolkitType } from "~/modules/content/vocabulary";
import { listSavedEntries, unsaveEntry } from "~/modules/toolkit/community.server";
import stylesUrl from "~/styles/toolkit-community.css";
import { z } from "~/utils/zod";
import { badRequest } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta = () => pageMeta(t("toolkitCommunity.myToolkit.title"), t("toolkitCommunity.myToolkit.description"));

const isToolkitType = (value: string): value is ToolkitType => (TOOLKIT_TYPES as readonly string[]).includes(value);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const saved = await listSavedEntries(user.id);
  return {
    items: saved.map(({ slug, savedAt, entry }) => ({
      slug,
      savedOn: savedAt.toISOString().slice(0, 10),
      entry: entry && {
        title: entry.title,
        type: isToolkitType(entry.type) ? entry.type : null,
        publisher: entry.publisher,
        year: entry.year,
      },
    })),
  };
}

const UnsaveSchema = z.object({
  intent: z.literal("unsave"),
  slug: z.string().min(1).max(200),
  title: z.string().max(300).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = UnsaveSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw badRequest("Unknown action.");
  // Removing works for any slug the member saved, including entries that have left the toolkit.
  await unsaveEntry(user.id, parsed.data.slug);
  return { removedTitle: parsed.data.title ?? parsed.data.slug };
}

export default function MyToolkitPage() {
  const { items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container">
      <h1>{t("toolkitCommunity.myToolkit.heading")}</h1>
      <StatusMessage>
        {actionData ? t("toolkitCommunity.myToolkit.removed", { title: actionData.removedTitle }) : null}
      </StatusMessage>
      <p className="prose">{t("toolkitCommunity.myToolkit.lead")}</p>
      {items.length === 0 ? (
        <p>
          {t("toolkitCommunity.myToolkit.empty")} <Link to="/toolkit">{t("toolkitCommunity.myToolkit.browse")}</Link>
        </p>
      ) : (
        <div className="table-wrap">
          <table className="saved-table">
            <caption className="visually-hidden">{t("toolkitCommunity.myToolkit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("toolkitCommunity.myToolkit.entry")}</th>
                <th scope="col">{t("toolkitCommunity.myToolkit.type")}</th>
                <th scope="col">{t("toolkitCommunity.myToolkit.publisher")}</th>
                <th scope="col">{t("toolkitCommunity.myToolkit.year")}</th>
                <th scope="col">{t("toolkitCommunity.myToolkit.savedOn")}</th>
                <th scope="col">{t("toolkitCommunity.myToolkit.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const title = item.entry?.title ?? item.slug;
                return (
                  <tr key={item.slug}>
                    <th scope="row">
                      {item.entry ? <Link to={`/toolkit/${item.slug}`}>{title}</Link> : title}
                      {item.entry ? null : <span className="card__meta"> ({t("toolkitCommunity.myToolkit.gone")})</span>}
                    </th>
                    <td>{item.entry?.type ? t(`toolkit.typeOne.${item.entry.type}`) : ""}</td>
                    <td>{item.entry?.publisher ?? ""}</td>
                    <td>{item.entry?.year ?? ""}</td>
                    <td>{item.savedOn}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="unsave" />
                        <input type="hidden" name="slug" value={item.slug} />
                        <input type="hidden" name="title" value={title} />
                        <button type="submit" className="button--secondary button--small">
                          {t("toolkitCommunity.myToolkit.remove")}
                          <span className="visually-hidden"> {t("toolkitCommunity.myToolkit.removeNamed", { title })}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {t("toolkitCommunity.suggestPrompt")} <Link to="/toolkit/suggest">{t("toolkitCommunity.suggestLink")}</Link>
      </p>
    </div>
  );
}
