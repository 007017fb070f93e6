/**
 * The string areas loaded on demand (see index.ts): each is registered by importing
 * ~/i18n/<module> from every file that uses its keys. Types only: importing this file
 * loads no strings.
 */
import type { accountsStrings } from "./en-accounts";
import type { cohortsStrings } from "./en-cohorts";
import type { adminStrings } from "./en-admin";
import type { coursesStrings } from "./en-courses";
import type { discussionsStrings } from "./en-discussions";
import type { homeStrings } from "./en-home";
import type { learningStrings } from "./en-learning";
import type { notificationsStrings } from "./en-notifications";
import type { searchStrings } from "./en-search";
import type { sectionsStrings } from "./en-sections";
import type { searchAnalyticsStrings } from "./en-search-analytics";
import type { toolkitStrings } from "./en-toolkit";
import type { toolkitCommunityStrings } from "./en-toolkit-community";
import type { vocabularyStrings } from "./en-vocabulary";

export type AreaStrings = typeof accountsStrings &
  typeof cohortsStrings &
  typeof adminStrings &
  typeof coursesStrings &
  typeof homeStrings &
  typeof sectionsStrings &
  typeof vocabularyStrings &
  typeof learningStrings &
  typeof notificationsStrings &
  typeof toolkitStrings & { search: typeof searchStrings } & { searchAnalytics: typeof searchAnalyticsStrings } & {
    toolkitCommunity: typeof toolkitCommunityStrings;
  } & { discussions: typeof discussionsStrings };

/** Which module registers which top-level keys; the i18n test checks every use against it. */
export const AREA_MODULES = {
  accounts: ["auth", "account", "profile", "sector", "organisationRole", "role"],
  admin: ["admin", "courseAnalytics", "searchAnalytics"],
  cohorts: ["cohorts"],
  courses: ["courses"],
  home: ["home"],
  sections: ["section"],
  vocabulary: ["vocabulary"],
  learning: ["certificate", "myLearning", "notebook", "glossary"],
  search: ["search"],
  toolkit: ["toolkit"],
  "toolkit-community": ["toolkitCommunity"],
  notifications: ["notifications"],
  discussions: ["discussions"],
} as const;
