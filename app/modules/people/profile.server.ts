import { asc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { users } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { getRoles } from "../auth/session.server";
import type { ProfileInput } from "./schemas";

const profileColumns = {
  id: users.id,
  displayName: users.displayName,
  organisation: users.organisation,
  sector: users.sector,
  country: users.country,
  organisationRole: users.organisationRole,
  languages: users.languages,
  timeZone: users.timeZone,
  bio: users.bio,
  createdAt: users.createdAt,
};

/** A member's public profile (for other members), or undefined; suspended people are hidden. */
export async function getProfile(userId: string) {
  const [profile] = await db
    .select(profileColumns)
    .from(users)
    .where(sql`${users.id} = ${userId} and ${users.suspendedAt} is null`);
  if (!profile) return undefined;
  return { ...profile, roles: await getRoles(userId) };
}

export async function updateProfile(userId: string, input: ProfileInput): Promise<void> {
  await db
    .update(users)
    .set({ ...input, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** Members, optionally filtered by name or organisation, for the people directory. */
export async function listMembers({ query, page, pageSize }: { query?: string; page: number; pageSize: number }) {
  const pattern = query ? `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      organisation: users.organisation,
      sector: users.sector,
      country: users.country,
    })
    .from(users)
    .where(
      pattern
        ? sql`${isNull(users.suspendedAt)} and ${or(ilike(users.displayName, pattern), ilike(users.organisation, pattern))}`
        : isNull(users.suspendedAt),
    )
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { members: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}
