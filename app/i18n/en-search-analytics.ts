/** Strings of the admin search analytics page (/admin/search). */
export const searchAnalyticsStrings = {
  title: "Search analytics",
} as const;
