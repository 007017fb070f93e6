import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/accounts";
import {
  createAccount,
  hitSignUpRateLimit,
  isEmailTaken,
  sendEmailVerification,
} from "~/modules/auth/accounts.server";
import { isCommonPassword } from "~/modules/auth/password.server";
import { SignUpSchema } from "~/modules/auth/schemas";
import { requireAnonymous, startSession } from "~/modules/auth/session.server";
import { getPublicOrigin, rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("auth.signUp.title"), t("auth.signUp.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  // Counted before anything else, so the "email taken" answer cannot be used to probe
  // addresses faster than the limit allows.
  const limit = await hitSignUpRateLimit(context.clientAddress);
  const formData = await request.formData();
  // A refused request is not checked against the accounts at all, so it says nothing about
  // whether the address has one. Passwords are never sent back into the page.
  if (!limit.allowed) {
    return rejected(
      parseWithZod(formData, { schema: SignUpSchema }).reply({
        hideFields: ["password"],
        formErrors: [t("auth.signUp.rateLimited", { minutes: Math.ceil(limit.retryAfterSeconds / 60) })],
      }),
      429,
    );
  }
  const submission = await parseWithZod(formData, {
    async: true,
    schema: SignUpSchema.superRefine(async (value, ctx) => {
      if (isCommonPassword(value.password)) {
        ctx.addIssue({ code: "custom", path: ["password"], message: t("auth.passwordCommon") });
      }
      if (await isEmailTaken(value.email)) {
        ctx.addIssue({ code: "custom", path: ["email"], message: t("auth.emailTaken") });
      }
    }),
  });
  if (submission.status !== "success") {
    return rejected(submission.reply({ hideFields: ["password"] }));
  }
  const { displayName, email, password, redirectTo } = submission.value;
  const account = await createAccount({ displayName, email, password });
  if (!account) {
    return rejected(
      submission.reply({ hideFields: ["password"], fieldErrors: { email: [t("auth.emailTaken")] } }),
      409,
    );
  }
  await sendEmailVerification({ userId: account.id, origin: getPublicOrigin(request) });
  const headers = await startSession(request, account.id);
  return redirect(redirectTo ?? "/account/profile", { headers });
}

export default function SignUpPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "sign-up",
    lastResult,
    constraint: getZodConstraint(SignUpSchema),
    defaultValue: { redirectTo: searchParams.get("redirectTo") ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignUpSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="container prose">
      <h1>{t("auth.signUp.heading")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} />
        <Field
          label={t("auth.displayName")}
          hint={t("auth.displayNameHint")}
          errors={fields.displayName.errors}
          inputProps={{ ...getInputProps(fields.displayName, { type: "text" }), autoComplete: "name" }}
        />
        <Field
          label={t("auth.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
        />
        <Field
          label={t("auth.password")}
          hint={t("auth.passwordHint")}
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <div>
          <button type="submit">{t("auth.signUp.submit")}</button>
        </div>
      </Form>
      <p>
        {t("auth.signUp.haveAccount")} <Link to="/sign-in">{t("nav.signIn")}</Link>
      </p>
    </div>
  );
}
