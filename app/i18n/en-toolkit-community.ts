/** Strings of "was this useful", "my toolkit", member suggestions and the moderation queue. */
export const toolkitCommunityStrings = {
  useful: "Was this useful?",
} as const;
