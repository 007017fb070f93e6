import { z } from "~/utils/zod";
import { t } from "~/i18n";
import "~/i18n/notifications";
import type { NotificationDelivery } from "../../../db/schema";

/** The choices for each kind, in the order the settings page shows them (db/schema's list). */
export const DELIVERY_CHOICES = ["both", "page", "email", "off"] as const satisfies readonly NotificationDelivery[];

/** The settings form: one choice per kind the page lists. */
export function NotificationPreferencesSchema(kinds: readonly string[]) {
  const delivery = z.enum(DELIVERY_CHOICES, { error: () => t("notifications.preferences.invalid") });
  return z.object(Object.fromEntries(kinds.map((kind) => [kind, delivery])) as Record<string, typeof delivery>);
}

/** The notifications page's forms. */
export const NotificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("read-all") }),
]);
