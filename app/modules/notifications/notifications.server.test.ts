import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import {
  notificationMailSchedule,
  notificationUnsubscribeTokens,
  notifications,
  userRoles,
} from "../../../db/schema";
import { createTestUser, extractToken, getMailsTo } from "../../../tests/db-utils";
import { useFakeSmtpAsMailServer } from "../../../tests/fake-smtp-server";
import { testSpaceNewsKind } from "../../../tests/notification-test-kind";
import { db } from "~/utils/db.server";
import { runDueJobs, stopJobQueue } from "../jobs/queue.server";
import { deliverMailJob } from "../mail/mail.server";
import { notificationMailJob } from "./notification-mail.server";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  notify,
  openNotification,
  pruneNotifications,
  pruneNotificationsJob,
} from "./notifications.server";
import { ALL_JOBS } from "../jobs/all-jobs.server";
import { findUnsubscribeLink, unsubscribeWithToken } from "./notification-mail.server";
import { getNotificationPreferences, setNotificationPreferences } from "./preferences.server";

const useSmtp = useFakeSmtpAsMailServer();
afterAll(() => stopJobQueue());

async function member(options: { delivery?: "page" | "email" | "both" | "off" } = {}) {
  const person = await createTestUser({ roles: ["facilitator"] });
  if (options.delivery) await setNotificationPreferences(person.id, { [testSpaceNewsKind.key]: options.delivery });
  return person;
}

function tell(recipientIds: string[], message = "A new post in the space", groupKey?: string) {
  return notify(db, {
    recipientIds,
    kind: testSpaceNewsKind,
    data: { message },
    link: "/discussions",
    ...(groupKey ? { groupKey } : {}),
  });
}

/** Runs the grouped-mail jobs now, without waiting for the window. */
function sendDueMail() {
  return runDueJobs({ jobs: [notificationMailJob], includeDelayed: true });
}

describe("notify", () => {
  it("respects each person's choice: page, email, both, off", async () => {
    const [page, email, both, off] = await Promise.all([
      member({ delivery: "page" }),
      member({ delivery: "email" }),
      member({ delivery: "both" }),
      member({ delivery: "off" }),
    ]);
    const notified = await tell([page.id, email.id, both.id, off.id]);
    expect(new Set(notified)).toEqual(new Set([page.id, email.id, both.id]));
    expect(await countUnreadNotifications(page.id)).toBe(1);
    expect(await countUnreadNotifications(email.id)).toBe(0);
    expect(await countUnreadNotifications(both.id)).toBe(1);
    expect(await countUnreadNotifications(off.id)).toBe(0);
    await sendDueMail();
    expect(await getMailsTo(page.email)).toHaveLength(0);
    expect(await getMailsTo(email.email)).toHaveLength(1);
    expect(await getMailsTo(both.email)).toHaveLength(1);
    expect(await getMailsTo(off.email)).toHaveLength(0);
  });

  it("uses the kind's default when the person chose nothing", async () => {
    const person = await member();
    await tell([person.id]);
    expect(await countUnreadNotifications(person.id)).toBe(1);
    await sendDueMail();
    expect(await getMailsTo(person.email)).toHaveLength(1);
  });

  it("skips ids that belong to nobody, without failing the caller", async () => {
    const person = await member({ delivery: "page" });
    expect(await tell([person.id, crypto.randomUUID()])).toEqual([person.id]);
  });

  it("inside the caller's transaction, leaves nothing if it rolls back", async () => {
    const person = await member();
    await db
      .transaction(async (tx) => {
        await notify(tx, { recipientIds: [person.id], kind: testSpaceNewsKind, data: { message: "x" }, link: "/" });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await countUnreadNotifications(person.id)).toBe(0);
    await sendDueMail();
    expect(await getMailsTo(person.email)).toHaveLength(0);
  });

  it("refuses a link to another site and data its kind does not accept", async () => {
    const person = await member();
    await expect(
      notify(db, { recipientIds: [person.id], kind: testSpaceNewsKind, data: { message: "x" }, link: "//evil.example/" }),
    ).rejects.toThrow();
    await expect(
      notify(db, { recipientIds: [person.id], kind: testSpaceNewsKind, data: { message: "" }, link: "/" }),
    ).rejects.toThrow();
  });

  it("groups twenty events within the window into one mail", async () => {
    const person = await member({ delivery: "both" });
    for (let reply = 1; reply <= 20; reply += 1) await tell([person.id], `Reply ${reply}`);
    expect(await countUnreadNotifications(person.id)).toBe(20);
    expect(await sendDueMail()).toEqual({ completed: 1, failed: 0 });
    const mails = await getMailsTo(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain("20 new notifications");
    expect(mails[0]?.text).toContain("Reply 1\n");
    expect(await db.select().from(notificationMailSchedule).where(eq(notificationMailSchedule.userId, person.id))).toEqual([]);
    // The next event opens a new window and a new mail.
    await tell([person.id], "Reply 21");
    await sendDueMail();
    expect(await getMailsTo(person.email)).toHaveLength(2);
  });

  it("folds unread events with the same group key into one row that counts them", async () => {
    const person = await member({ delivery: "page" });
    for (let reply = 1; reply <= 3; reply += 1) await tell([person.id], `Reply ${reply}`, "thread:1");
    expect(await countUnreadNotifications(person.id)).toBe(1);
    const { items } = await listNotifications(person.id, { page: 1 });
    expect(items).toMatchObject([{ title: "Reply 3 (3)", count: 3, isRead: false }]);
    await markAllNotificationsRead(person.id);
    await tell([person.id], "Reply 4", "thread:1");
    expect((await listNotifications(person.id, { page: 1 })).items).toHaveLength(2);
  });
});

describe("access lost after the event", () => {
  it("hides the notification from the page, the count and the mail", async () => {
    const person = await member({ delivery: "both" });
    await tell([person.id], "Private minutes are posted");
    expect(await countUnreadNotifications(person.id)).toBe(1);
    await db.delete(userRoles).where(eq(userRoles.userId, person.id));
    expect(await countUnreadNotifications(person.id)).toBe(0);
    expect((await listNotifications(person.id, { page: 1 })).items).toEqual([]);
    const [row] = await db.select().from(notifications).where(eq(notifications.recipientId, person.id));
    expect(await openNotification(person.id, row!.id)).toBeNull();
    await sendDueMail();
    expect(await getMailsTo(person.email)).toHaveLength(0);
  });

  it("never notifies someone who cannot see the subject", async () => {
    const outsider = await createTestUser();
    expect(await tell([outsider.id])).toEqual([]);
    expect(await db.select().from(notifications).where(eq(notifications.recipientId, outsider.id))).toEqual([]);
    await sendDueMail();
    expect(await getMailsTo(outsider.email)).toHaveLength(0);
  });
});

describe("reading", () => {
  it("opening marks one read and returns its link, for its owner only", async () => {
    const [owner, other] = await Promise.all([member({ delivery: "page" }), member({ delivery: "page" })]);
    await tell([owner.id], "First");
    await tell([owner.id], "Second");
    const [row] = await db.select().from(notifications).where(eq(notifications.recipientId, owner.id));
    expect(await openNotification(other.id, row!.id)).toBeNull();
    expect(await countUnreadNotifications(owner.id)).toBe(2);
    expect(await openNotification(owner.id, row!.id)).toBe("/discussions");
    expect(await countUnreadNotifications(owner.id)).toBe(1);
  });

  it("mark all read touches only the owner's notifications", async () => {
    const [owner, other] = await Promise.all([member({ delivery: "page" }), member({ delivery: "page" })]);
    await tell([owner.id, other.id], "For both");
    expect(await markAllNotificationsRead(owner.id)).toBe(1);
    expect(await countUnreadNotifications(owner.id)).toBe(0);
    expect(await countUnreadNotifications(other.id)).toBe(1);
  });

  it("pages the list, newest first", async () => {
    const person = await member({ delivery: "page" });
    for (let n = 1; n <= 5; n += 1) await tell([person.id], `Event ${n}`);
    const first = await listNotifications(person.id, { page: 1, pageSize: 3 });
    expect(first.items.map((item) => item.title)).toEqual(["Event 5", "Event 4", "Event 3"]);
    expect(first.hasMore).toBe(true);
    const second = await listNotifications(person.id, { page: 2, pageSize: 3 });
    expect(second.items.map((item) => item.title)).toEqual(["Event 2", "Event 1"]);
    expect(second.hasMore).toBe(false);
  });
});

describe("unsubscribe links", () => {
  it("turn off mail of one kind for one person, once, without signing in", async () => {
    const person = await member({ delivery: "both" });
    await tell([person.id]);
    await sendDueMail();
    const [mail] = await getMailsTo(person.email);
    expect(mail?.actionLinkUnsubscribes).toBe(true);
    const token = extractToken(mail!.text, "/notifications/unsubscribe/");
    // From the configured public address (here the default), never from a request.
    expect(mail!.text).toMatch(/http:\/\/localhost:\d+\/notifications\/unsubscribe\//);
    expect(await findUnsubscribeLink(token)).toEqual({ kindLabel: "News of the test space" });
    expect(await unsubscribeWithToken(token)).toEqual({ kindLabel: "News of the test space" });
    // Spent: a second use does nothing.
    expect(await findUnsubscribeLink(token)).toBeNull();
    expect(await unsubscribeWithToken(token)).toBeNull();
    // Mail stops; the page keeps showing this kind.
    const preferences = await getNotificationPreferences(person.id);
    expect(preferences.find((p) => p.kind === testSpaceNewsKind.key)).toBeUndefined(); // test kinds are not on the settings page
    await tell([person.id], "After unsubscribing");
    await sendDueMail();
    expect(await getMailsTo(person.email)).toHaveLength(1);
    expect(await countUnreadNotifications(person.id)).toBe(2);
  });

  it("belong to their person: another member's preferences do not change", async () => {
    const [person, other] = await Promise.all([member({ delivery: "email" }), member({ delivery: "email" })]);
    await tell([person.id, other.id]);
    await sendDueMail();
    const token = extractToken((await getMailsTo(person.email))[0]!.text, "/notifications/unsubscribe/");
    await unsubscribeWithToken(token);
    await tell([person.id, other.id], "Again");
    await sendDueMail();
    expect(await getMailsTo(person.email)).toHaveLength(1);
    expect(await getMailsTo(other.email)).toHaveLength(2);
  });

  it("refuse unknown and expired tokens", async () => {
    expect(await findUnsubscribeLink("not-a-token")).toBeNull();
    expect(await unsubscribeWithToken("not-a-token")).toBeNull();
    const person = await member({ delivery: "email" });
    await tell([person.id]);
    await sendDueMail();
    const token = extractToken((await getMailsTo(person.email))[0]!.text, "/notifications/unsubscribe/");
    await db
      .update(notificationUnsubscribeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(notificationUnsubscribeTokens.userId, person.id));
    expect(await unsubscribeWithToken(token)).toBeNull();
  });
});

describe("delivered notification mail", () => {
  it("carries List-Unsubscribe headers, and the outbox drops the link once sent", async () => {
    const smtp = await useSmtp("accept");
    const person = await member({ delivery: "email" });
    await tell([person.id]);
    await sendDueMail();
    await runDueJobs({ jobs: [deliverMailJob] });
    expect(smtp.messages).toHaveLength(1);
    const message = smtp.messages[0]!;
    expect(message).toMatch(/List-Unsubscribe:\s+<http:\/\/localhost:\d+\/notifications\/unsubscribe\/[A-Za-z0-9_-]+>/);
    expect(message).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const [stored] = await getMailsTo(person.email);
    expect(stored).toMatchObject({ status: "sent", actionLink: null });
    expect(stored!.text).not.toContain("/notifications/unsubscribe/");
  });
});

describe("pruneNotifications", () => {
  it("runs nightly, and grouped mail is sent, by the server's worker (both are in ALL_JOBS)", () => {
    expect(ALL_JOBS).toEqual(expect.arrayContaining([pruneNotificationsJob, notificationMailJob]));
    expect(pruneNotificationsJob.cron).toMatch(/^\d+ \d+ \* \* \*$/);
  });


  it("deletes read notifications past retention and keeps unread and recent ones", async () => {
    const person = await member({ delivery: "page" });
    await tell([person.id], "Old and read");
    await tell([person.id], "Old and unread");
    await tell([person.id], "Recent and read");
    const old = new Date(Date.now() - 200 * 24 * 60 * 60 * 1000);
    const rows = await db.select().from(notifications).where(eq(notifications.recipientId, person.id));
    const byTitle = (title: string) => rows.find((row) => (row.data as { message: string }).message === title)!.id;
    await db.update(notifications).set({ readAt: old, createdAt: old }).where(eq(notifications.id, byTitle("Old and read")));
    await db.update(notifications).set({ createdAt: old }).where(eq(notifications.id, byTitle("Old and unread")));
    await db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, byTitle("Recent and read")));
    expect(await pruneNotifications()).toBe(1);
    const left = await db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.recipientId, person.id)));
    expect(left.map((row) => (row.data as { message: string }).message).sort()).toEqual([
      "Old and unread",
      "Recent and read",
    ]);
  });
});
