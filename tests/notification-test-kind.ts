/**
 * A kind of notification for tests only: news of a "space" whose members are the people
 * holding the facilitator role, so a test gives and takes membership by granting and revoking it.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { userRoles } from "../db/schema";
import { defineNotificationKind } from "~/modules/notifications/kind.server";

export const testSpaceNewsKind = defineNotificationKind({
  key: "test-space-news",
  defaultDelivery: "both",
  dataSchema: z.object({ message: z.string().min(1) }),
  label: () => "News of the test space",
  description: () => "Used by tests only.",
  describe: (data, count) => ({ title: count > 1 ? `${data.message} (${count})` : data.message }),
  canStillSee: (row) =>
    sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${row.recipientId} and ${userRoles.role} = 'facilitator')`,
});
