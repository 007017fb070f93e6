/**
 * `npm run admin:create`'s work: a first admin for a real deployment, which then needs no demo
 * account. The command line (create-admin.ts) asks for the password; this checks everything
 * and writes the account, its admin role and an audit row in one transaction.
 */
import { randomBytes } from "node:crypto";
import { userRoles, users } from "../../../db/schema";
import { DEMO_PASSWORD } from "../../../db/demo-data";
import { db } from "~/utils/db.server";
import { z } from "~/utils/zod";
import { hashPassword, isCommonPassword } from "../auth/password.server";
import { DisplayNameSchema, EmailSchema, NewPasswordSchema } from "../auth/schemas";
import { GRANT_ROLE_ACTION, recordAudit } from "./admin.server";

export const CreateAdminSchema = z.object({
  email: EmailSchema,
  displayName: DisplayNameSchema,
  password: NewPasswordSchema.refine((password) => !isCommonPassword(password) && password !== DEMO_PASSWORD, {
    error: "is too common or published: choose another, or let one be generated",
  }),
});

export type CreateAdminResult =
  | { ok: true; userId: string; email: string }
  | { ok: false; problems: string[] };

/** A password of 120 random bits, in letters, digits, "-" and "_". */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

export async function createAdmin(input: { email: string; displayName: string; password: string }): Promise<CreateAdminResult> {
  const parsed = CreateAdminSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`),
    };
  }
  const { email, displayName, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const userId = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ id: crypto.randomUUID(), email, displayName, passwordHash, emailVerifiedAt: new Date() })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!created) return null;
    await tx.insert(userRoles).values({ userId: created.id, role: "admin" });
    await recordAudit(tx, null, GRANT_ROLE_ACTION, created.id, { role: "admin", via: "admin:create" });
    return created.id;
  });
  if (!userId) {
    return {
      ok: false,
      problems: [`email: an account with ${email} exists already; an admin can grant it the admin role at /admin/people`],
    };
  }
  return { ok: true, userId, email };
}
