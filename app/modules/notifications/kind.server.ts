/**
 * How a part of the site defines a kind of notification (docs/decisions/013). Kinds live
 * beside the module whose events they tell of, and are listed in all-kinds.server.ts.
 */
import { remember } from "@epic-web/remember";
import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import { NOTIFICATION_DELIVERIES, type notifications, type NotificationDelivery } from "../../../db/schema";

export { NOTIFICATION_DELIVERIES, type NotificationDelivery };

/** The notification row's columns a kind's access rule may use. */
export interface NotificationColumns {
  recipientId: typeof notifications.recipientId;
  subjectId: typeof notifications.subjectId;
}

export interface NotificationText {
  /** One line: the page's item and the mail's subject when alone. */
  title: string;
  /** A further line or two, shown under the title. */
  summary?: string;
}

export interface NotificationKind<Data> {
  /** Stored in each row and each preference: lower-case words joined by hyphens, never renamed. */
  readonly key: string;
  /** Used when the person has chosen nothing for this kind. */
  readonly defaultDelivery: NotificationDelivery;
  readonly dataSchema: z.ZodType<Data>;
  /** The kind's name on the settings page and in mail ("Your toolkit suggestions are reviewed"). */
  label(): string;
  /** One sentence for the settings page. */
  description(): string;
  /** What the page and the mail say; `count` is how many events a grouped row stands for. */
  describe(data: Data, count: number): NotificationText;
  /**
   * A condition over the notification row (the `notifications` table, unaliased) that holds
   * while its recipient may still see its subject. Checked when the notification is made, shown,
   * counted and mailed, so nothing about a space reaches someone removed from it.
   */
  canStillSee(row: NotificationColumns): SQL;
}

// Any kind, whatever its data (each kind only ever describes its own rows, parsed by its schema).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNotificationKind = NotificationKind<any>;

const KIND_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Every kind defined in this process, by key: rows of any other kind are never shown. */
const definedKinds = remember("practica-notification-kinds", () => new Map<string, AnyNotificationKind>());

export function defineNotificationKind<Data>(kind: NotificationKind<Data>): NotificationKind<Data> {
  if (!KIND_KEY.test(kind.key)) {
    throw new Error(`Notification kind "${kind.key}" must be lower-case words joined by hyphens`);
  }
  if (!NOTIFICATION_DELIVERIES.includes(kind.defaultDelivery)) {
    throw new Error(`Notification kind "${kind.key}" has an unknown default delivery`);
  }
  definedKinds.set(kind.key, kind);
  return kind;
}

export function getNotificationKind(key: string): AnyNotificationKind | undefined {
  return definedKinds.get(key);
}

export function definedNotificationKinds(): AnyNotificationKind[] {
  return [...definedKinds.values()];
}

export function showsOnPage(delivery: NotificationDelivery): boolean {
  return delivery === "page" || delivery === "both";
}

export function sendsMail(delivery: NotificationDelivery): boolean {
  return delivery === "email" || delivery === "both";
}
