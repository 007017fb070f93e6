import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormErrors, StatusMessage } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/accounts";
import { authenticate } from "~/modules/auth/accounts.server";
import { getDemoAccountsNotice } from "~/modules/auth/demo-accounts.server";
import { SignInSchema } from "~/modules/auth/schemas";
import { requireAnonymous, startSession } from "~/modules/auth/session.server";
import { rejected } from "~/utils/http.server";
import { isRequestFromThisMachine } from "~/utils/this-machine.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("auth.signIn.title"), t("auth.signIn.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { demoNotice: await getDemoAccountsNotice() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SignInSchema });
  if (submission.status !== "success") return rejected(submission.reply({ hideFields: ["password"] }));

  const result = await authenticate({
    ...submission.value,
    clientAddress: context.clientAddress,
    fromThisMachine: isRequestFromThisMachine(request, context.clientAddress),
  });
  if (!result.ok) {
    const message =
      result.reason === "rate-limited"
        ? t("auth.signIn.rateLimited", { minutes: Math.ceil(result.retryAfterSeconds / 60) })
        : result.reason === "demo-elsewhere"
          ? t("auth.demo.elsewhere")
          : t("auth.signIn.invalid");
    const status = result.reason === "rate-limited" ? 429 : result.reason === "demo-elsewhere" ? 403 : 400;
    return rejected(submission.reply({ hideFields: ["password"], formErrors: [message] }), status);
  }
  const headers = await startSession(request, result.userId);
  return redirect(submission.value.redirectTo ?? "/", { headers });
}

export default function SignInPage() {
  const { demoNotice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult,
    constraint: getZodConstraint(SignInSchema),
    defaultValue: { redirectTo: searchParams.get("redirectTo") ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="container prose">
      <h1>{t("auth.signIn.heading")}</h1>
      <StatusMessage>{searchParams.get("reset") === "1" ? t("auth.reset.done") : null}</StatusMessage>
      {demoNotice ? (
        <p className="notice" id="demo-accounts-notice">
          {demoNotice === "anywhere" ? t("auth.demo.noticeAnywhere") : t("auth.demo.noticeThisMachine")}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} />
        <Field
          label={t("auth.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
        />
        <Field
          label={t("auth.password")}
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "current-password",
          }}
        />
        <div>
          <button type="submit">{t("auth.signIn.submit")}</button>
        </div>
      </Form>
      <p>
        <Link to="/forgot-password">{t("auth.signIn.forgot")}</Link>
      </p>
      <p>
        {t("auth.signIn.noAccount")} <Link to="/sign-up">{t("nav.signUp")}</Link>
      </p>
    </div>
  );
}
