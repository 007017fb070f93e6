/** Roles beyond "learner" (which everyone is); shared by server and client code. */
export const ROLES = ["facilitator", "expert", "moderator", "admin"] as const;
export type Role = (typeof ROLES)[number];
