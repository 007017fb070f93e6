import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Field, FormErrors, StatusMessage } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/accounts";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { ForgotPasswordSchema } from "~/modules/auth/schemas";
import { getOptionalUser } from "~/modules/auth/session.server";
import { getPublicOrigin, rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("auth.forgot.title"), t("auth.forgot.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return rejected({ result: submission.reply(), sentTo: null });
  const outcome = await requestPasswordReset({
    email: submission.value.email,
    origin: getPublicOrigin(request),
    clientAddress: context.clientAddress,
  });
  if (!outcome.ok) {
    return rejected(
      {
        result: submission.reply({
          formErrors: [t("auth.forgot.rateLimited", { minutes: Math.ceil(outcome.retryAfterSeconds / 60) })],
        }),
        sentTo: null,
      },
      429,
    );
  }
  return { result: submission.reply(), sentTo: submission.value.email };
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="container prose">
      <h1>{t("auth.forgot.heading")}</h1>
      <StatusMessage>{actionData?.sentTo ? t("auth.forgot.sent", { email: actionData.sentTo }) : null}</StatusMessage>
      <p>{t("auth.forgot.intro")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t("auth.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
        />
        <div>
          <button type="submit">{t("auth.forgot.submit")}</button>
        </div>
      </Form>
    </div>
  );
}
