import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { notificationPreferences } from "../../db/schema";
import { createTestUser, extractToken, getMailsTo } from "../../tests/db-utils";
import { testSpaceNewsKind } from "../../tests/notification-test-kind";
import { runDueJobs, stopJobQueue } from "~/modules/jobs/queue.server";
import { notificationMailJob } from "~/modules/notifications/notification-mail.server";
import { notify } from "~/modules/notifications/notifications.server";
import { db } from "~/utils/db.server";
import { action, loader } from "./notifications.unsubscribe.$token";

afterAll(() => stopJobQueue());

const context = { clientAddress: "203.0.113.9", cspNonce: "", requestId: "t" };

async function mailedToken() {
  const person = await createTestUser({ roles: ["facilitator"] });
  await notify(db, { recipientIds: [person.id], kind: testSpaceNewsKind, data: { message: "News" }, link: "/" });
  await runDueJobs({ jobs: [notificationMailJob], includeDelayed: true });
  const [mail] = await getMailsTo(person.email);
  return { person, token: extractToken(mail?.text ?? "", "/notifications/unsubscribe/") };
}

function preferenceOf(userId: string) {
  return db
    .select({ delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, testSpaceNewsKind.key)));
}

describe("/notifications/unsubscribe/$token", () => {
  it("GET only shows what the button does; POST, without signing in, stops the mail once", async () => {
    const { person, token } = await mailedToken();
    const url = `http://localhost/notifications/unsubscribe/${token}`;
    // A mail scanner following the link changes nothing, however often.
    for (let visit = 0; visit < 2; visit += 1) {
      expect(await loader({ request: new Request(url), params: { token }, context })).toEqual({
        kindLabel: "News of the test space",
      });
    }
    expect(await preferenceOf(person.id)).toEqual([]);
    // The one-click POST a mail client sends (RFC 8058), with no cookie.
    const post = () =>
      action({
        request: new Request(url, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) }),
        params: { token },
        context,
      });
    expect(await post()).toEqual({ done: true, kindLabel: "News of the test space" });
    expect(await preferenceOf(person.id)).toEqual([{ delivery: "page" }]);
    expect(await post()).toEqual({ done: false, kindLabel: null });
    expect(await loader({ request: new Request(url), params: { token }, context })).toEqual({ kindLabel: null });
  });
});
