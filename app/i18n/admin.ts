/** Registers the admin area's strings (see index.ts): import from every file using them. */
import { adminStrings } from "./en-admin";
import { searchAnalyticsStrings } from "./en-search-analytics";
import { registerStrings } from "./index";

registerStrings({ ...adminStrings, searchAnalytics: searchAnalyticsStrings });
