/**
 * Groups smaller than this are never shown on their own in course analytics (merged into
 * "other"), so no one can be singled out.
 * Not in analytics.server.ts because the page itself prints it, in the browser too.
 */
export const MIN_GROUP_SIZE = 5;
