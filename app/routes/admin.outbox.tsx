import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { t } from "~/i18n";
import "~/i18n/admin";
import { requireRole } from "~/modules/auth/session.server";
import { listOutbox } from "~/modules/mail/mail.server";
import { parsePage } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(`${t("admin.outbox")} · ${t("admin.title")}`, t("admin.outboxIntro"));

const PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const page = parsePage(new URL(request.url));
  const { mails, hasMore } = await listOutbox({ page, pageSize: PAGE_SIZE });
  return {
    page,
    hasMore,
    mails: mails.map((mail) => ({
      id: mail.id,
      recipient: mail.recipient,
      subject: mail.subject,
      textBody: mail.textBody,
      status: mail.status,
      when: mail.createdAt.toISOString().replace("T", " ").slice(0, 16) + " UTC",
    })),
  };
}

export default function AdminOutboxPage() {
  const { mails, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("admin.outbox")}</h1>
      <p>{t("admin.outboxIntro")}</p>
      {mails.length === 0 ? <p>{t("admin.emptyOutbox")}</p> : null}
      <ol className="stack outbox-list">
        {mails.map((mail) => (
          <li key={mail.id}>
            <article aria-labelledby={`mail-${mail.id}`} className="card">
              <h2 id={`mail-${mail.id}`} className="h3">
                {mail.subject}
              </h2>
              <p>
                {t("admin.recipient")}: {mail.recipient} · {mail.when} · {mail.status}
              </p>
              <pre className="mail">{mail.textBody}</pre>
            </article>
          </li>
        ))}
      </ol>
      <Pagination page={page} hasMore={hasMore} label={t("admin.outbox")} />
    </>
  );
}
