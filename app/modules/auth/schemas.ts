import { z } from "~/utils/zod";
import { t } from "~/i18n";
import "~/i18n/accounts";
import { toSameOriginPath } from "~/utils/redirect";

export const EmailSchema = z
  .string({ error: () => t("form.required") })
  .trim()
  .max(254, { error: () => t("form.tooLong", { max: 254 }) })
  .pipe(z.email({ error: () => t("auth.emailInvalid") }))
  .transform((email) => email.toLowerCase());

export const NewPasswordSchema = z
  .string({ error: () => t("form.required") })
  .min(10, { error: () => t("auth.passwordTooShort") })
  .max(200, { error: () => t("auth.passwordTooLong") });

export const DisplayNameSchema = z
  .string({ error: () => t("form.required") })
  .trim()
  .min(1, { error: () => t("form.required") })
  .max(100, { error: () => t("form.tooLong", { max: 100 }) });

/** A path on this site to return to after signing in; anything else is dropped. */
export const RedirectToSchema = z.string().optional().transform(toSameOriginPath);

export const SignUpSchema = z.object({
  displayName: DisplayNameSchema,
  email: EmailSchema,
  password: NewPasswordSchema,
  redirectTo: RedirectToSchema,
});

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: () => t("form.required") }).max(200, { error: () => t("auth.passwordTooLong") }),
  redirectTo: RedirectToSchema,
});

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const ResetPasswordSchema = z
  .object({
    password: NewPasswordSchema,
    confirmPassword: z.string({ error: () => t("form.required") }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    error: () => t("auth.passwordsDiffer"),
  });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: () => t("form.required") }).max(200),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string({ error: () => t("form.required") }),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    error: () => t("auth.passwordsDiffer"),
  });
