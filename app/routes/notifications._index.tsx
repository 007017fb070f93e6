import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { StatusMessage } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { t } from "~/i18n";
import "~/i18n/notifications";
import { requireUser } from "~/modules/auth/session.server";
import {
  listNotifications,
  markAllNotificationsRead,
  openNotification,
} from "~/modules/notifications/notifications.server";
import { NotificationActionSchema } from "~/modules/notifications/schemas";
import { badRequest } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("notifications.title"), t("notifications.description"));

const PAGE_SIZE = 20;

function pageFrom(url: URL): number {
  const page = Number(url.searchParams.get("page") ?? "1");
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageFrom(new URL(request.url));
  const { items, hasMore } = await listNotifications(user.id, { page, pageSize: PAGE_SIZE });
  return {
    page,
    hasMore,
    items: items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: NotificationActionSchema });
  if (submission.status !== "success") throw badRequest("Unknown action.");
  if (submission.value.intent === "open") {
    // The link was checked to be a path on this site when the notification was made.
    const link = await openNotification(user.id, submission.value.id);
    if (link) return redirect(link, 303);
    return { status: t("notifications.notFound") };
  }
  const marked = await markAllNotificationsRead(user.id);
  return {
    status: marked ? t("notifications.markedAllRead", { count: marked }) : t("notifications.nothingToMark"),
  };
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default function NotificationsPage() {
  const { items, page, hasMore } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const hasUnread = items.some((item) => !item.isRead);
  return (
    <div className="container prose">
      <h1>{t("notifications.heading")}</h1>
      <StatusMessage>{actionData?.status}</StatusMessage>
      <p>
        <Link to="/account/notifications">{t("notifications.preferencesLink")}</Link>
      </p>
      {hasUnread ? (
        <Form method="post">
          <button type="submit" name="intent" value="read-all" className="button--secondary">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p>{t("notifications.empty")}</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => (
            <li key={item.id} className={item.isRead ? "notification" : "notification notification--unread"}>
              <Form method="post">
                <input type="hidden" name="id" value={item.id} />
                <p>
                  {item.isRead ? null : <strong className="tag">{t("notifications.unread")}</strong>}
                  <button type="submit" name="intent" value="open" className="link-button">
                    {item.title}
                  </button>
                </p>
                {item.summary ? <p>{item.summary}</p> : null}
                {item.count > 1 ? <p>{t("notifications.more", { count: item.count - 1 })}</p> : null}
                <p>
                  <time dateTime={item.createdAt}>{dateFormat.format(new Date(item.createdAt))} UTC</time>
                </p>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} hasMore={hasMore} label={t("notifications.pagination")} />
    </div>
  );
}
