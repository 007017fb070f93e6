import { t, type TranslationKey } from "~/i18n";
import "~/i18n/admin";
import { listOutbox, outboxTextForAdmin, type OutboxStatus } from "./mail.server";

const STATUS_LABEL_KEYS: Record<OutboxStatus, TranslationKey> = {
  stored: "admin.mailStored",
  queued: "admin.mailQueued",
  sending: "admin.mailSending",
  retrying: "admin.mailRetrying",
  sent: "admin.mailSent",
  failed: "admin.mailFailed",
};

function formatWhen(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

/** The /admin/outbox page: each mail's state, attempts and last error, and its text without live links. */
export async function getOutboxPage({ page, pageSize }: { page: number; pageSize: number }) {
  const { mails, hasMore } = await listOutbox({ page, pageSize });
  const notices = {
    sent: t("admin.linkRemovedAfterDelivery"),
    failed: t("admin.linkRemovedAfterFailure"),
    pending: t("admin.linkHiddenUntilDelivery"),
  };
  return {
    page,
    hasMore,
    mails: mails.map((mail) => ({
      id: mail.id,
      recipient: mail.recipient,
      subject: mail.subject,
      text: outboxTextForAdmin(mail, notices),
      status: mail.status,
      statusLabel: t(STATUS_LABEL_KEYS[mail.status]),
      attempts: mail.attempts,
      lastError: mail.status === "sent" ? null : mail.error,
      when: formatWhen(mail.createdAt),
      sentAt: mail.sentAt ? formatWhen(mail.sentAt) : null,
    })),
  };
}
