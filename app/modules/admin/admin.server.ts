import "~/i18n/accounts";
import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/client";
import { auditLog, userRoles, users } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { lucia } from "../auth/lucia.server";
import { getRoles, type Role } from "../auth/session.server";

function likePattern(query: string) {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function findPeople({ query, page, pageSize }: { query?: string; page: number; pageSize: number }) {
  const where = query
    ? or(ilike(users.displayName, likePattern(query)), ilike(users.email, likePattern(query)))
    : undefined;
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      suspendedAt: users.suspendedAt,
      createdAt: users.createdAt,
      roles: sql<Role[]>`coalesce((select array_agg(${userRoles.role}::text order by ${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { people: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

export async function getPersonForAdmin(userId: string) {
  const [person] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      suspendedAt: users.suspendedAt,
      createdAt: users.createdAt,
      organisation: users.organisation,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!person) return undefined;
  return { ...person, roles: await getRoles(userId) };
}

type AdminActionResult = { ok: true } | { ok: false; reason: "not-found" | "self" };

type Executor = Pick<Database, "insert">;

/** The audit action of a role given, by an admin or by `npm run admin:create`. */
export const GRANT_ROLE_ACTION = "role.grant";

/**
 * Writes the audit row with `executor`: the transaction of the change it records. A null actor
 * is a command line (`npm run admin:create`).
 */
export async function recordAudit(
  executor: Executor,
  actorId: string | null,
  action: string,
  targetUserId: string,
  details: Record<string, unknown> = {},
) {
  await executor.insert(auditLog).values({ actorId, action, targetUserId, details });
}

async function personExists(userId: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  return Boolean(row);
}

export async function grantRole(actorId: string, userId: string, role: Role): Promise<AdminActionResult> {
  if (!(await personExists(userId))) return { ok: false, reason: "not-found" };
  // The change and its audit row commit together, or neither does.
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(userRoles)
      .values({ userId, role, grantedBy: actorId })
      .onConflictDoNothing()
      .returning({ role: userRoles.role });
    if (inserted.length > 0) await recordAudit(tx, actorId, GRANT_ROLE_ACTION, userId, { role });
  });
  return { ok: true };
}

export async function revokeRole(actorId: string, userId: string, role: Role): Promise<AdminActionResult> {
  if (!(await personExists(userId))) return { ok: false, reason: "not-found" };
  // An admin removing their own admin role could leave the site with no admin at all.
  if (actorId === userId && role === "admin") return { ok: false, reason: "self" };
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(userRoles)
      .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)))
      .returning({ role: userRoles.role });
    if (deleted.length > 0) await recordAudit(tx, actorId, "role.revoke", userId, { role });
  });
  return { ok: true };
}

export async function setSuspended(
  actorId: string,
  userId: string,
  suspended: boolean,
): Promise<AdminActionResult> {
  if (!(await personExists(userId))) return { ok: false, reason: "not-found" };
  if (actorId === userId) return { ok: false, reason: "self" };
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ suspendedAt: suspended ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(users.id, userId));
    await recordAudit(tx, actorId, suspended ? "account.suspend" : "account.unsuspend", userId);
  });
  // After the commit: a session that slipped through meanwhile is refused anyway, since
  // loading a session checks the account is not suspended.
  if (suspended) await lucia.invalidateUserSessions(userId);
  return { ok: true };
}

export async function listAuditLog({ page, pageSize }: { page: number; pageSize: number }) {
  const actor = alias(users, "actor");
  const target = alias(users, "target");
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorName: actor.displayName,
      targetName: target.displayName,
      targetUserId: auditLog.targetUserId,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(target, eq(target.id, auditLog.targetUserId))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { entries: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}
