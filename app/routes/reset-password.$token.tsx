import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { NewPasswordFields } from "~/components/new-password-fields";
import { t } from "~/i18n";
import "~/i18n/accounts";
import { isPasswordResetTokenUsable, resetPasswordWithToken } from "~/modules/auth/accounts.server";
import { isCommonPassword } from "~/modules/auth/password.server";
import { ResetPasswordSchema } from "~/modules/auth/schemas";
import { getOptionalUser } from "~/modules/auth/session.server";
import { rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("auth.reset.title"), t("auth.reset.description"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  return { isUsable: await isPasswordResetTokenUsable(params.token ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), {
    schema: ResetPasswordSchema.superRefine((value, ctx) => {
      if (isCommonPassword(value.password)) {
        ctx.addIssue({ code: "custom", path: ["password"], message: t("auth.passwordCommon") });
      }
    }),
  });
  if (submission.status !== "success") {
    return rejected(submission.reply({ hideFields: ["password", "confirmPassword"] }));
  }
  const changed = await resetPasswordWithToken(params.token ?? "", submission.value.password);
  if (!changed) return rejected(submission.reply({ formErrors: [t("auth.reset.invalidLink")], resetForm: true }));
  return redirect("/sign-in?reset=1");
}

export default function ResetPasswordPage() {
  const { isUsable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
    constraint: getZodConstraint(ResetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
    shouldValidate: "onBlur",
  });
  if (!isUsable && !lastResult) {
    return (
      <div className="container prose">
        <h1>{t("auth.reset.heading")}</h1>
        <p>{t("auth.reset.invalidLink")}</p>
        <p>
          <Link to="/forgot-password">{t("auth.forgot.submit")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="container prose">
      <h1>{t("auth.reset.heading")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
        <div>
          <button type="submit">{t("auth.reset.submit")}</button>
        </div>
      </Form>
    </div>
  );
}
