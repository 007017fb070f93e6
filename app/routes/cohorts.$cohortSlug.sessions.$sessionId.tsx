import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CohortTakeaways } from "~/components/cohort-takeaways";
import { Field, FormErrors, StatusMessage, TextareaField } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/cohorts";
import { getOptionalUser, requireUser } from "~/modules/auth/session.server";
import { getSessionPage } from "~/modules/cohorts/cohort-page.server";
import {
  addTakeaway,
  checkIn,
  giveSessionFeedback,
  reportAbsence,
  withdrawAbsence,
  type ParticipationFailure,
} from "~/modules/cohorts/participation.server";
import { cohortHref, sessionHref } from "~/modules/cohorts/paths";
import { AbsenceSchema, FeedbackSchema, TakeawaySchema } from "~/modules/cohorts/schemas";
import { badRequest, notFound, rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(`${data.session.title}: ${data.cohort.title}`, data.session.agenda.slice(0, 160))
    : pageMeta(t("cohorts.list.title"), t("cohorts.list.description"));

const DONE = ["checked-in", "absent", "present", "feedback", "takeaway"] as const;
type Done = (typeof DONE)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const page = await getSessionPage(params.cohortSlug ?? "", params.sessionId ?? "", user);
  if (!page) throw notFound();
  const done = new URL(request.url).searchParams.get("done");
  return { ...page, done: DONE.find((each) => each === done) ?? null };
}

type ActionData =
  | { intent: "failure"; message: string; result?: undefined }
  | {
      intent: "absent" | "feedback" | "takeaway";
      message: null;
      result: SubmissionResult<string[]>;
    };

function failure(reason: ParticipationFailure) {
  return rejected<ActionData>(
    { intent: "failure", message: t(`cohorts.errors.${reason}`) },
    reason === "forbidden" ? 403 : 409,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const page = await getSessionPage(params.cohortSlug ?? "", params.sessionId ?? "", user);
  if (!page) throw notFound();
  const sessionId = page.session.id;
  const formData = await request.formData();
  const back = (done: Done) => redirect(`${sessionHref(page.cohort.slug, sessionId)}?done=${done}`);

  switch (formData.get("intent")) {
    case "check-in": {
      const result = await checkIn(user, sessionId);
      return result.ok ? back("checked-in") : failure(result.reason);
    }
    case "absent": {
      const submission = parseWithZod(formData, { schema: AbsenceSchema });
      if (submission.status !== "success")
        return rejected<ActionData>({
          intent: "absent",
          message: null,
          result: submission.reply(),
        });
      const result = await reportAbsence(user, sessionId, submission.value.note);
      return result.ok ? back("absent") : failure(result.reason);
    }
    case "present": {
      await withdrawAbsence(user, sessionId);
      return back("present");
    }
    case "feedback": {
      const submission = parseWithZod(formData, { schema: FeedbackSchema });
      if (submission.status !== "success")
        return rejected<ActionData>({
          intent: "feedback",
          message: null,
          result: submission.reply(),
        });
      const result = await giveSessionFeedback(
        user,
        sessionId,
        submission.value.rating,
        submission.value.comment,
      );
      return result.ok ? back("feedback") : failure(result.reason);
    }
    case "takeaway": {
      const submission = parseWithZod(formData, { schema: TakeawaySchema });
      if (submission.status !== "success")
        return rejected<ActionData>({
          intent: "takeaway",
          message: null,
          result: submission.reply(),
        });
      const result = await addTakeaway(user, page.cohort.id, submission.value.body, sessionId);
      return result.ok ? back("takeaway") : failure(result.reason);
    }
    default:
      throw badRequest("Unknown action.");
  }
}

function useIntentResult(intent: "absent" | "feedback" | "takeaway") {
  const actionData = useActionData<typeof action>();
  return actionData?.intent === intent ? actionData.result : undefined;
}

function AbsenceForm() {
  const [form, fields] = useForm<{ intent: "absent"; note: string }>({
    id: "absence",
    lastResult: useIntentResult("absent"),
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="absent" />
      <TextareaField
        label={t("cohorts.session.absenceNote")}
        optional
        errors={fields.note.errors}
        textareaProps={{ ...getTextareaProps(fields.note), rows: 2 }}
      />
      <button type="submit" className="button-secondary">
        {t("cohorts.session.cannotAttend")}
      </button>
    </Form>
  );
}

function FeedbackForm() {
  const [form, fields] = useForm<{ intent: "feedback"; rating: string; comment: string }>({
    id: "feedback",
    lastResult: useIntentResult("feedback"),
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <h2>{t("cohorts.session.feedback")}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="feedback" />
      <Field
        label={t("cohorts.session.rating")}
        errors={fields.rating.errors}
        inputProps={{
          ...getInputProps(fields.rating, { type: "number" }),
          min: 1,
          max: 5,
          step: 1,
          required: true,
        }}
      />
      <TextareaField
        label={t("cohorts.session.comment")}
        optional
        errors={fields.comment.errors}
        textareaProps={{ ...getTextareaProps(fields.comment), rows: 3 }}
      />
      <button type="submit">{t("cohorts.session.sendFeedback")}</button>
    </Form>
  );
}

const DONE_MESSAGE = {
  "checked-in": "cohorts.session.checkedIn",
  absent: "cohorts.session.absenceReported",
  present: "cohorts.page.youAre.enrolled",
  feedback: "cohorts.session.feedbackThanks",
  takeaway: "cohorts.session.takeawayAdded",
} as const satisfies Record<Done, string>;

export default function SessionPage() {
  const { cohort, access, session, checkedIn, absenceReported, takeaways, done } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const isMember = access.memberStatus === "enrolled";
  return (
    <div className="container">
      <p>
        <Link to={cohortHref(cohort.slug)}>
          {t("cohorts.session.back", { title: cohort.title })}
        </Link>
      </p>
      <h1>
        {session.title}
        {session.isCancelled ? <> ({t("cohorts.page.cancelled")})</> : null}
      </h1>
      <p>
        <time dateTime={session.times.startIso}>{session.times.when}</time> (
        {session.times.zoneName}) ·{" "}
        <a href={`${sessionHref(cohort.slug, session.id)}/calendar.ics`} download>
          {t("cohorts.page.sessionCalendar")}
        </a>
      </p>
      <StatusMessage>{done ? t(DONE_MESSAGE[done]) : null}</StatusMessage>
      {actionData?.intent === "failure" ? (
        <div role="alert" className="form-errors">
          <p>{actionData.message}</p>
        </div>
      ) : null}

      <section aria-labelledby="agenda" className="prose">
        <h2 id="agenda">{t("cohorts.session.agenda")}</h2>
        <p>{session.agenda}</p>
        {session.meetingLink && !session.isCancelled && !session.isPast ? (
          <p>
            <a href={session.meetingLink} rel="noopener noreferrer">
              {t("cohorts.page.meetingLink")}
            </a>
          </p>
        ) : null}
        {session.materials ? (
          <>
            <h2>{t("cohorts.session.materials")}</h2>
            <p>{session.materials}</p>
          </>
        ) : null}
        {session.recordingLink ? (
          <p>
            <a href={session.recordingLink} rel="noopener noreferrer">
              {t("cohorts.session.recording")}
            </a>
          </p>
        ) : null}
        {!access.canSeePrivate ? <p>{t("cohorts.page.membersOnly")}</p> : null}
      </section>

      {isMember && !session.isCancelled ? (
        <section aria-label={t("cohorts.session.checkIn")} className="stack">
          {checkedIn ? (
            <p>{t("cohorts.session.checkedIn")}</p>
          ) : !session.isPast ? (
            <Form method="post">
              <input type="hidden" name="intent" value="check-in" />
              <p>{t("cohorts.session.checkInOpens")}</p>
              <button type="submit">{t("cohorts.session.checkIn")}</button>
            </Form>
          ) : null}
          {!session.hasStarted ? (
            absenceReported ? (
              <Form method="post">
                <p>{t("cohorts.session.absenceReported")}</p>
                <input type="hidden" name="intent" value="present" />
                <button type="submit" className="button-secondary">
                  {t("cohorts.session.attendAfterAll")}
                </button>
              </Form>
            ) : (
              <AbsenceForm />
            )
          ) : null}
          {session.hasStarted ? <FeedbackForm /> : null}
        </section>
      ) : null}

      {access.canSeePrivate ? (
        <CohortTakeaways
          takeaways={takeaways}
          lastResult={actionData?.intent === "takeaway" ? actionData.result : undefined}
        />
      ) : null}
    </div>
  );
}
