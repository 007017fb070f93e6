import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/notifications";
import { getOptionalUser } from "~/modules/auth/session.server";
import { findUnsubscribeLink, unsubscribeWithToken } from "~/modules/notifications/notification-mail.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("notifications.unsubscribe.title"), t("notifications.unsubscribe.description"));

/*
 * No sign-in: the token alone (one person, one kind, once) is the authority. The GET only
 * shows what the button will do, so a mail scanner following links changes nothing; the POST
 * (the button, or a mail client's one-click List-Unsubscribe-Post) does it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  const link = await findUnsubscribeLink(params.token ?? "");
  return { kindLabel: link?.kindLabel ?? null };
}

export async function action({ params }: ActionFunctionArgs) {
  const done = await unsubscribeWithToken(params.token ?? "");
  return { done: done !== null, kindLabel: done?.kindLabel ?? null };
}

export default function UnsubscribePage() {
  const { kindLabel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container prose">
      <h1>{t("notifications.unsubscribe.heading")}</h1>
      {actionData ? (
        <p role="status">
          {actionData.done && actionData.kindLabel
            ? t("notifications.unsubscribe.done", { kind: actionData.kindLabel })
            : t("notifications.unsubscribe.invalid")}
        </p>
      ) : kindLabel ? (
        <Form method="post" className="stack">
          <p>{t("notifications.unsubscribe.explain", { kind: kindLabel })}</p>
          <div>
            <button type="submit">{t("notifications.unsubscribe.submit")}</button>
          </div>
        </Form>
      ) : (
        <p role="status">{t("notifications.unsubscribe.invalid")}</p>
      )}
      <p>
        <Link to="/account/notifications">{t("notifications.unsubscribe.settingsLink")}</Link>
      </p>
    </div>
  );
}
