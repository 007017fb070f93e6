/**
 * The contract every kind of notification passes (docs/decisions/013), as search engines pass
 * search/conformance: a kind's own test file calls describeNotificationKindContract with a way
 * to make a recipient who may see a subject, to take that access away, and an outsider.
 */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { notifications } from "../db/schema";
import { getMailsTo } from "./db-utils";
import { runDueJobs, stopJobQueue } from "~/modules/jobs/queue.server";
import type { NotificationKind } from "~/modules/notifications/kind.server";
import { notificationMailJob } from "~/modules/notifications/notification-mail.server";
import {
  countUnreadNotifications,
  listNotifications,
  notify,
  openNotification,
} from "~/modules/notifications/notifications.server";
import { setNotificationPreferences } from "~/modules/notifications/preferences.server";
import { db } from "~/utils/db.server";

export interface ContractRecipient {
  recipientId: string;
  recipientEmail: string;
  subjectId?: string;
}

export interface NotificationKindContract<Data> {
  kind: NotificationKind<Data>;
  data: Data;
  /** A person who may see a subject of this kind, and the subject. */
  withAccess(): Promise<ContractRecipient & { loseAccess(): Promise<void> }>;
  /** A person who may not see the subject named. */
  withoutAccess(): Promise<ContractRecipient>;
}

export function describeNotificationKindContract<Data>(contract: NotificationKindContract<Data>): void {
  const { kind, data } = contract;
  afterAll(() => stopJobQueue());

  async function tell(recipient: ContractRecipient) {
    await setNotificationPreferences(recipient.recipientId, { [kind.key]: "both" });
    return notify(db, {
      recipientIds: [recipient.recipientId],
      kind,
      data,
      link: "/",
      ...(recipient.subjectId ? { subjectId: recipient.subjectId } : {}),
    });
  }
  const sendDueMail = () => runDueJobs({ jobs: [notificationMailJob], includeDelayed: true });

  describe(`notification kind ${kind.key}: the contract`, () => {
    it("describes its data in words, for the page and the mail", () => {
      const text = kind.describe(kind.dataSchema.parse(data), 1);
      expect(text.title.trim().length).toBeGreaterThan(0);
      expect(kind.label().trim().length).toBeGreaterThan(0);
    });

    it("reaches someone who may see the subject: page, count and mail", async () => {
      const recipient = await contract.withAccess();
      expect(await tell(recipient)).toEqual([recipient.recipientId]);
      expect(await countUnreadNotifications(recipient.recipientId)).toBe(1);
      expect((await listNotifications(recipient.recipientId, { page: 1 })).items).toHaveLength(1);
      await sendDueMail();
      expect(await getMailsTo(recipient.recipientEmail)).toHaveLength(1);
    });

    it("once access is lost, shows, counts, opens and mails nothing", async () => {
      const recipient = await contract.withAccess();
      await tell(recipient);
      await recipient.loseAccess();
      expect(await countUnreadNotifications(recipient.recipientId)).toBe(0);
      expect((await listNotifications(recipient.recipientId, { page: 1 })).items).toEqual([]);
      const rows = await db
        .select({ id: notifications.id })
        .from(notifications)
        .where(eq(notifications.recipientId, recipient.recipientId));
      for (const row of rows) expect(await openNotification(recipient.recipientId, row.id)).toBeNull();
      await sendDueMail();
      expect(await getMailsTo(recipient.recipientEmail)).toHaveLength(0);
    });

    it("never reaches someone who may not see the subject", async () => {
      const outsider = await contract.withoutAccess();
      expect(await tell(outsider)).toEqual([]);
      expect(await countUnreadNotifications(outsider.recipientId)).toBe(0);
      await sendDueMail();
      expect(await getMailsTo(outsider.recipientEmail)).toHaveLength(0);
    });
  });
}
