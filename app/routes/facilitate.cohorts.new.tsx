import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CohortFields } from "~/components/cohort-fields";
import { FormErrors } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/cohorts";
import { requireRole } from "~/modules/auth/session.server";
import { createCohort } from "~/modules/cohorts/cohorts.server";
import { CohortFormSchema } from "~/modules/cohorts/facilitation-schemas";
import { rejected } from "~/utils/http.server";
import type { z } from "~/utils/zod";
import { pageMeta } from "~/utils/meta";

export const meta = () =>
  pageMeta(t("cohorts.facilitate.newHeading"), t("cohorts.facilitate.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "facilitator", "admin");
  return { timeZone: user.timeZone ?? "UTC" };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "facilitator", "admin");
  const submission = parseWithZod(await request.formData(), { schema: CohortFormSchema });
  if (submission.status !== "success") return rejected({ result: submission.reply() });
  const created = await createCohort(user, {
    ...submission.value,
    courseSlugs: [],
    toolkitSlugs: [],
  });
  if (!created.ok) {
    return rejected({
      result: submission.reply({
        formErrors: [
          t(`cohorts.errors.${created.reason === "forbidden" ? "forbidden" : "not-found"}`),
        ],
      }),
    });
  }
  return redirect(`/facilitate/cohorts/${created.slug}?done=created`);
}

export default function NewCohortPage() {
  const { timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof CohortFormSchema>>({
    id: "new-cohort",
    lastResult: actionData?.result,
    defaultValue: {
      capacity: "20",
      enrolmentMode: "open",
      status: "draft",
      language: "en",
      timeZone,
    },
  });
  return (
    <div className="container">
      <p>
        <Link to="/facilitate">{t("cohorts.facilitate.heading")}</Link>
      </p>
      <h1>{t("cohorts.facilitate.newHeading")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <CohortFields fields={fields} />
        <div>
          <button type="submit">{t("cohorts.facilitate.create")}</button>
        </div>
      </Form>
    </div>
  );
}
