import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { t } from "~/i18n";
import "~/i18n/admin";
import { requireRole } from "~/modules/auth/session.server";
import { getOutboxPage } from "~/modules/mail/outbox-page.server";
import { parsePage } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () =>
  pageMeta(`${t("admin.outbox")} · ${t("admin.title")}`, t("admin.outboxIntro"));

const PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return getOutboxPage({ page: parsePage(new URL(request.url)), pageSize: PAGE_SIZE });
}

export default function AdminOutboxPage() {
  const { mails, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("admin.outbox")}</h1>
      <p>{t("admin.outboxIntro")}</p>
      <p>{t("admin.outboxLinks")}</p>
      {mails.length === 0 ? <p>{t("admin.emptyOutbox")}</p> : null}
      <ol className="stack outbox-list">
        {mails.map((mail) => (
          <li key={mail.id}>
            <article aria-labelledby={`mail-${mail.id}`} className="card">
              <h2 id={`mail-${mail.id}`} className="h3">
                {mail.subject}
              </h2>
              <p>
                {t("admin.recipient")}: {mail.recipient} · {mail.when} ·{" "}
                <strong data-status={mail.status}>{mail.statusLabel}</strong>
                {mail.sentAt ? <> ({t("admin.mailSentAt", { when: mail.sentAt })})</> : null}
              </p>
              {mail.attempts > 0 || mail.lastError ? (
                <p>
                  {t("admin.mailAttempts", { count: mail.attempts })}
                  {mail.lastError ? (
                    <> · {t("admin.mailLastError", { error: mail.lastError })}</>
                  ) : null}
                </p>
              ) : null}
              <pre className="mail">{mail.text}</pre>
            </article>
          </li>
        ))}
      </ol>
      <Pagination page={page} hasMore={hasMore} label={t("admin.outbox")} />
    </>
  );
}
