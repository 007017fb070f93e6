import { and, eq } from "drizzle-orm";
import { userRoles } from "../../../db/schema";
import { createTestUser } from "../../../tests/db-utils";
import { describeNotificationKindContract } from "../../../tests/notification-kind-contract";
import { testSpaceNewsKind } from "../../../tests/notification-test-kind";
import { db } from "~/utils/db.server";

// The contract on the test-only kind, whose space's members the test chooses.
describeNotificationKindContract({
  kind: testSpaceNewsKind,
  data: { message: "Minutes of the last session are posted" },
  async withAccess() {
    const member = await createTestUser({ roles: ["facilitator"] });
    return {
      recipientId: member.id,
      recipientEmail: member.email,
      loseAccess: async () => {
        await db.delete(userRoles).where(and(eq(userRoles.userId, member.id), eq(userRoles.role, "facilitator")));
      },
    };
  },
  async withoutAccess() {
    const outsider = await createTestUser();
    return { recipientId: outsider.id, recipientEmail: outsider.email };
  },
});
