import {
  cohortApplicationReceivedKind,
  cohortPlaceChangedKind,
  cohortSessionChangedKind,
  cohortSessionReminderKind,
} from "../cohorts/cohort-notifications.server";
import { toolkitSuggestionReviewedKind } from "../toolkit/suggestion-notifications.server";
import type { AnyNotificationKind } from "./kind.server";

/**
 * Every kind of notification the site sends, in the order the settings page lists them. A kind
 * defined elsewhere but missing here is never shown, counted or mailed in the running site, so
 * add each new kind (defineNotificationKind) to this list.
 */
export const ALL_NOTIFICATION_KINDS: readonly AnyNotificationKind[] = [
  cohortSessionReminderKind,
  cohortSessionChangedKind,
  cohortPlaceChangedKind,
  cohortApplicationReceivedKind,
  toolkitSuggestionReviewedKind,
];
