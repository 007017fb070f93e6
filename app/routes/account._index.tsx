import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, StatusMessage } from "~/components/forms";
import { NewPasswordFields } from "~/components/new-password-fields";
import { t } from "~/i18n";
import "~/i18n/accounts";
import "~/i18n/notifications";
import { changePassword, sendEmailVerification } from "~/modules/auth/accounts.server";
import { isCommonPassword } from "~/modules/auth/password.server";
import { ChangePasswordSchema } from "~/modules/auth/schemas";
import { endAllSessions, endOtherSessions, requireUser } from "~/modules/auth/session.server";
import { badRequest, getPublicOrigin, rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("account.title"), t("account.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, emailVerified: user.emailVerified, roles: user.roles };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "sign-out-everywhere") {
    return redirect("/", { headers: await endAllSessions(request, user.id) });
  }
  if (intent === "resend-verification") {
    await sendEmailVerification({ userId: user.id, origin: getPublicOrigin(request) });
    return { intent, status: t("auth.verify.resent", { email: user.email }) as string, result: null };
  }
  if (intent === "change-password") {
    const submission = parseWithZod(formData, {
      schema: ChangePasswordSchema.superRefine((value, ctx) => {
        if (isCommonPassword(value.newPassword)) {
          ctx.addIssue({ code: "custom", path: ["newPassword"], message: t("auth.passwordCommon") });
        }
      }),
    });
    const hidden = ["currentPassword", "newPassword", "confirmPassword"];
    if (submission.status !== "success") {
      return rejected({ intent, status: null, result: submission.reply({ hideFields: hidden }) });
    }
    const outcome = await changePassword({ userId: user.id, ...submission.value });
    if (!outcome.ok) {
      return rejected({
        intent,
        status: null,
        result: submission.reply({
          hideFields: hidden,
          fieldErrors: { currentPassword: [t("auth.currentPasswordWrong")] },
        }),
      });
    }
    // A changed password should lock out whoever else might have been using the old one.
    await endOtherSessions(user.id, user.sessionId);
    return { intent, status: t("account.passwordChanged"), result: submission.reply({ resetForm: true }) };
  }
  throw badRequest("Unknown action.");
}

export default function AccountPage() {
  const { email, emailVerified, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.intent === "change-password" ? actionData.result : undefined,
    constraint: getZodConstraint(ChangePasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="container prose">
      <h1>{t("account.heading")}</h1>
      <StatusMessage>{actionData?.status}</StatusMessage>
      <p>
        <Link to="/account/profile">{t("profile.editLink")}</Link>
      </p>
      <p>
        <Link to="/account/notifications">{t("notifications.preferencesLink")}</Link>
      </p>

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">{t("account.emailHeading")}</h2>
        <p>{email}</p>
        {emailVerified ? (
          <p>{t("auth.verify.verified")}</p>
        ) : (
          <Form method="post">
            <p>{t("auth.verify.notVerified")}</p>
            <button type="submit" name="intent" value="resend-verification" className="button--secondary">
              {t("auth.verify.resend")}
            </button>
          </Form>
        )}
        <h3>{t("account.roles")}</h3>
        <ul className="inline-list">
          <li className="tag">{t("role.learner")}</li>
          {roles.map((role) => (
            <li key={role} className="tag">
              {t(`role.${role}`)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t("account.changePassword")}</h2>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            label={t("auth.currentPassword")}
            errors={fields.currentPassword.errors}
            inputProps={{
              ...getInputProps(fields.currentPassword, { type: "password" }),
              autoComplete: "current-password",
            }}
          />
          <NewPasswordFields password={fields.newPassword} confirmPassword={fields.confirmPassword} />
          <div>
            <button type="submit" name="intent" value="change-password">
              {t("account.changePasswordSubmit")}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("account.sessionsHeading")}</h2>
        <p id="sign-out-everywhere-hint">{t("auth.signOut.everywhereHint")}</p>
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value="sign-out-everywhere"
            className="button--secondary"
            aria-describedby="sign-out-everywhere-hint"
          >
            {t("auth.signOut.everywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}
