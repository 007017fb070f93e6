import { z } from "~/utils/zod";
import { t } from "~/i18n";
import { ROLES } from "../auth/roles";

export const RoleSchema = z.enum(ROLES, { error: () => t("form.invalidChoice") });

/** Every change an admin can make to one person, told apart by `intent`. */
export const AdminPersonActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("grant-role"), role: RoleSchema }),
  z.object({ intent: z.literal("revoke-role"), role: RoleSchema }),
  z.object({ intent: z.literal("suspend") }),
  z.object({ intent: z.literal("unsuspend") }),
]);
