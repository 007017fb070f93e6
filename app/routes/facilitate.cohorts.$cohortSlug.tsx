import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CohortFields, SessionFields } from "~/components/cohort-fields";
import { FormErrors, StatusMessage } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/cohorts";
import { requireRole } from "~/modules/auth/session.server";
import { addSession, cancelSession, updateCohort } from "~/modules/cohorts/cohorts.server";
import { decideApplication, setCohortCapacity } from "~/modules/cohorts/enrolment.server";
import {
  CohortFormSchema,
  DecisionSchema,
  SessionFormSchema,
} from "~/modules/cohorts/facilitation-schemas";
import { getManageCohortPage } from "~/modules/cohorts/facilitation.server";
import { takeAttendance } from "~/modules/cohorts/participation.server";
import { cohortHref } from "~/modules/cohorts/paths";
import { badRequest, notFound, rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import type { z } from "~/utils/zod";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    data ? `${t("cohorts.facilitate.edit")}: ${data.cohort.title}` : t("cohorts.facilitate.title"),
    t("cohorts.facilitate.description"),
  );

const DONE = ["created", "saved", "session", "cancelled", "decided", "attendance"] as const;
type Done = (typeof DONE)[number];
const DONE_MESSAGE = {
  created: "cohorts.facilitate.created",
  saved: "cohorts.facilitate.saved",
  session: "cohorts.facilitate.sessionAdded",
  cancelled: "cohorts.facilitate.sessionCancelled",
  decided: "cohorts.facilitate.decided",
  attendance: "cohorts.facilitate.attendanceSaved",
} as const satisfies Record<Done, string>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "facilitator", "admin");
  const page = await getManageCohortPage(params.cohortSlug ?? "", user);
  // A facilitator of other cohorts learns nothing about this one, not even that it exists.
  if (!page) throw notFound();
  const done = new URL(request.url).searchParams.get("done");
  return { ...page, done: DONE.find((each) => each === done) ?? null };
}

type ActionData = {
  form: "cohort" | "session" | "other";
  result: SubmissionResult<string[]> | undefined;
  message: string | null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "facilitator", "admin");
  const page = await getManageCohortPage(params.cohortSlug ?? "", user);
  if (!page) throw notFound();
  const cohortId = page.cohort.id;
  const formData = await request.formData();
  const back = (done: Done, slug = page.cohort.slug) =>
    redirect(`/facilitate/cohorts/${slug}?done=${done}`);
  const other = (message: string) =>
    rejected<ActionData>({ form: "other", result: undefined, message }, 409);

  switch (formData.get("intent")) {
    case "save-cohort": {
      const submission = parseWithZod(formData, { schema: CohortFormSchema });
      if (submission.status !== "success")
        return rejected<ActionData>({ form: "cohort", result: submission.reply(), message: null });
      const { capacity, ...rest } = submission.value;
      const capacityResult = await setCohortCapacity(user, cohortId, capacity);
      if (!capacityResult.ok) {
        const message =
          capacityResult.reason === "below-enrolment"
            ? t("cohorts.facilitate.errors.belowEnrolment", {
                enrolled: capacityResult.enrolled ?? 0,
              })
            : t("cohorts.facilitate.errors.capacity");
        return rejected<ActionData>({
          form: "cohort",
          result: submission.reply({ fieldErrors: { capacity: [message] } }),
          message: null,
        });
      }
      // TODO(notifications): tell each of capacityResult.promotedUserIds (done inside setCohortCapacity).
      const saved = await updateCohort(user, cohortId, {
        ...rest,
        courseSlugs: [],
        toolkitSlugs: [],
      });
      if (!saved.ok)
        return other(
          t(`cohorts.errors.${saved.reason === "forbidden" ? "forbidden" : "not-found"}`),
        );
      return back("saved");
    }
    case "add-session": {
      const submission = parseWithZod(formData, { schema: SessionFormSchema });
      if (submission.status !== "success")
        return rejected<ActionData>({ form: "session", result: submission.reply(), message: null });
      const added = await addSession(user, cohortId, { ...submission.value, preWork: [] });
      if (added.ok) return back("session");
      if (added.reason !== "times") return other(t(`cohorts.errors.${added.reason}`));
      const problem = {
        "skipped-by-clock-change": "cohorts.facilitate.errors.skipped",
        "ends-before-start": "cohorts.facilitate.errors.endsBeforeStart",
        invalid: "cohorts.facilitate.errors.invalidTime",
        "unknown-zone": "cohorts.facilitate.errors.unknownZone",
      } as const;
      const field = added.times.field === "zone" ? "timeZone" : added.times.field;
      return rejected<ActionData>({
        form: "session",
        result: submission.reply({ fieldErrors: { [field]: [t(problem[added.times.problem])] } }),
        message: null,
      });
    }
    case "cancel-session": {
      const result = await cancelSession(user, String(formData.get("sessionId") ?? ""));
      return result.ok
        ? back("cancelled")
        : other(t(`cohorts.errors.${result.reason === "times" ? "not-found" : result.reason}`));
    }
    case "decide": {
      const parsed = DecisionSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) throw badRequest("Unknown decision.");
      const result = await decideApplication(
        user,
        cohortId,
        parsed.data.applicantId,
        parsed.data.decision,
        parsed.data.message,
      );
      return result.ok ? back("decided") : other(t(`cohorts.errors.${result.reason}`));
    }
    case "attendance": {
      const present = formData.getAll("present").map(String);
      const result = await takeAttendance(user, String(formData.get("sessionId") ?? ""), present);
      return result.ok ? back("attendance") : other(t(`cohorts.errors.${result.reason}`));
    }
    default:
      throw badRequest("Unknown action.");
  }
}

function CohortForm() {
  const { cohort } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof CohortFormSchema>>({
    id: "cohort",
    lastResult: actionData?.form === "cohort" ? actionData.result : undefined,
    defaultValue: cohort.form,
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="save-cohort" />
      <CohortFields fields={fields} />
      <div>
        <button type="submit">{t("cohorts.facilitate.save")}</button>
      </div>
    </Form>
  );
}

function SessionForm() {
  const { cohort } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof SessionFormSchema>>({
    id: "session",
    lastResult: actionData?.form === "session" ? actionData.result : undefined,
    defaultValue: { timeZone: cohort.form.timeZone },
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="add-session" />
      <SessionFields fields={fields} />
      <div>
        <button type="submit">{t("cohorts.facilitate.addSession")}</button>
      </div>
    </Form>
  );
}

export default function ManageCohortPage() {
  const { cohort, sessions, applications, waitlist, enrolled, report, done } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container">
      <p>
        <Link to="/facilitate">{t("cohorts.facilitate.heading")}</Link> ·{" "}
        <Link to={cohortHref(cohort.slug)}>{cohort.title}</Link>
      </p>
      <h1>
        {t("cohorts.facilitate.edit")}: {cohort.title}
      </h1>
      <StatusMessage>{done ? t(DONE_MESSAGE[done]) : null}</StatusMessage>
      {actionData?.form === "other" && actionData.message ? (
        <div role="alert" className="form-errors">
          <p>{actionData.message}</p>
        </div>
      ) : null}

      <section aria-labelledby="applications">
        <h2 id="applications">{t("cohorts.facilitate.applications")}</h2>
        {applications.length === 0 ? <p>{t("cohorts.facilitate.noApplications")}</p> : null}
        {applications.map((applicant) => (
          <Form key={applicant.userId} method="post" className="card stack">
            <h3>{applicant.name}</h3>
            {applicant.organisation ? <p>{applicant.organisation}</p> : null}
            <dl>
              {applicant.answers.map((answer, index) => (
                <div key={index}>
                  <dt>{`${t("cohorts.facilitate.answers")} ${index + 1}`}</dt>
                  <dd>{answer}</dd>
                </div>
              ))}
            </dl>
            <input type="hidden" name="intent" value="decide" />
            <input type="hidden" name="applicantId" value={applicant.userId} />
            <div className="field">
              <label htmlFor={`message-${applicant.userId}`}>
                {t("cohorts.facilitate.messageToApplicant")}
              </label>
              <textarea
                id={`message-${applicant.userId}`}
                name="message"
                rows={2}
                maxLength={2000}
              />
            </div>
            <div className="button-row">
              <button type="submit" name="decision" value="accept">
                {t("cohorts.facilitate.accept")}
              </button>
              <button type="submit" name="decision" value="decline" className="button-secondary">
                {t("cohorts.facilitate.decline")}
              </button>
            </div>
          </Form>
        ))}
        <h3>{t("cohorts.facilitate.enrolled")}</h3>
        <p>{enrolled.map((member) => member.name).join(", ") || "—"}</p>
        <h3>{t("cohorts.facilitate.waitlist")}</h3>
        <ol>
          {waitlist.map((member) => (
            <li key={member.userId}>{member.name}</li>
          ))}
        </ol>
        <p>
          <a href={`/facilitate/cohorts/${cohort.slug}/roster.csv`} download>
            {t("cohorts.facilitate.exportCsv")}
          </a>
        </p>
      </section>

      <section aria-labelledby="sessions">
        <h2 id="sessions">{t("cohorts.facilitate.sessions")}</h2>
        {sessions.map((session) => (
          <div key={session.id} className="card stack">
            <h3>
              {session.title}
              {session.isCancelled ? <> ({t("cohorts.page.cancelled")})</> : null}
            </h3>
            <p>
              {session.startsAt.replace("T", " ")} – {session.endsAt.replace("T", " ")} (
              {session.timeZone})
            </p>
            {enrolled.length > 0 && !session.isCancelled ? (
              <Form method="post">
                <fieldset>
                  <legend>
                    {t("cohorts.facilitate.attendanceFor", { session: session.title })}
                  </legend>
                  {enrolled.map((member) => (
                    <div key={member.userId} className="checkbox-group__option">
                      <input
                        type="checkbox"
                        id={`present-${session.id}-${member.userId}`}
                        name="present"
                        value={member.userId}
                        defaultChecked={session.presentUserIds.includes(member.userId)}
                      />
                      <label htmlFor={`present-${session.id}-${member.userId}`}>
                        {member.name}
                      </label>
                    </div>
                  ))}
                </fieldset>
                <input type="hidden" name="intent" value="attendance" />
                <input type="hidden" name="sessionId" value={session.id} />
                <button type="submit">{t("cohorts.facilitate.saveAttendance")}</button>
              </Form>
            ) : null}
            {!session.isCancelled ? (
              <Form method="post">
                <input type="hidden" name="intent" value="cancel-session" />
                <input type="hidden" name="sessionId" value={session.id} />
                <button type="submit" className="button-secondary">
                  {t("cohorts.facilitate.cancelSession")}
                </button>
              </Form>
            ) : null}
          </div>
        ))}
        <h3>{t("cohorts.facilitate.addSession")}</h3>
        <SessionForm />
      </section>

      <section aria-labelledby="report">
        <h2 id="report">{t("cohorts.facilitate.report")}</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("cohorts.facilitate.reportCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cohorts.facilitate.sessionFields.title")}</th>
                <th scope="col">{t("cohorts.facilitate.reportPresent")}</th>
                <th scope="col">{t("cohorts.facilitate.reportAbsences")}</th>
                <th scope="col">{t("cohorts.facilitate.reportRating")}</th>
              </tr>
            </thead>
            <tbody>
              {report.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.title}</th>
                  <td>{`${row.present} / ${row.recorded}`}</td>
                  <td>{row.absencesReported}</td>
                  <td>
                    {row.averageRating === null
                      ? "—"
                      : `${row.averageRating.toFixed(1)} (${row.feedbackCount})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="edit">
        <h2 id="edit">{t("cohorts.facilitate.save")}</h2>
        <CohortForm />
      </section>
    </div>
  );
}
