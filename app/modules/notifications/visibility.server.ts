import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { notifications } from "../../../db/schema";
import "./all-kinds.server";
import { definedNotificationKinds } from "./kind.server";

/**
 * True for a notification row its recipient may still see: its kind is defined here and the
 * kind's own rule holds now. Rows of a kind no longer defined are hidden, never shown raw.
 */
export function visibleNotificationSql(): SQL {
  const columns = { recipientId: notifications.recipientId, subjectId: notifications.subjectId };
  const rules = definedNotificationKinds().map((kind) =>
    and(eq(notifications.kind, kind.key), kind.canStillSee(columns)),
  );
  return rules.length ? (or(...rules) ?? sql`false`) : sql`false`;
}
