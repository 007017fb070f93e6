/* A cohort's or a session's takeaways and the form to add one, shared by both pages. */
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { TextareaField } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/cohorts";

export interface TakeawayItem {
  id: number;
  body: string;
  authorName: string;
  createdAt: string;
}

export function CohortTakeaways({
  takeaways,
  lead,
  lastResult,
}: {
  takeaways: readonly TakeawayItem[];
  lead?: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<{ intent: "takeaway"; body: string }>({
    id: "takeaway",
    lastResult,
    shouldRevalidate: "onBlur",
  });
  return (
    <section aria-labelledby="takeaways">
      <h2 id="takeaways">{t("cohorts.page.takeaways")}</h2>
      {lead ? <p>{lead}</p> : null}
      {takeaways.length === 0 ? (
        <p>{t("cohorts.page.noTakeaways")}</p>
      ) : (
        <ul className="card-list">
          {takeaways.map((takeaway) => (
            <li key={takeaway.id} className="card">
              <p>{takeaway.body}</p>
              <p>
                {takeaway.authorName} ·{" "}
                <time dateTime={takeaway.createdAt}>{takeaway.createdAt.slice(0, 10)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="takeaway" />
        <TextareaField
          label={t("cohorts.session.takeaway")}
          hint={t("cohorts.session.takeawayHint")}
          errors={fields.body.errors}
          textareaProps={{ ...getTextareaProps(fields.body), rows: 3 }}
        />
        <button type="submit">{t("cohorts.session.addTakeaway")}</button>
      </Form>
    </section>
  );
}
