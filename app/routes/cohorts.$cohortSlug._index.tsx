import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CohortTakeaways } from "~/components/cohort-takeaways";
import { FormErrors, StatusMessage, TextareaField } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/accounts";
import "~/i18n/cohorts";
import "~/i18n/vocabulary";
import { getOptionalUser, requireUser } from "~/modules/auth/session.server";
import { getCohortPage } from "~/modules/cohorts/cohort-page.server";
import {
  joinCohort,
  withdrawFromCohort,
  type EnrolmentFailure,
} from "~/modules/cohorts/enrolment.server";
import { addTakeaway, type ParticipationFailure } from "~/modules/cohorts/participation.server";
import { cohortCalendarHref, cohortHref, sessionHref } from "~/modules/cohorts/paths";
import { applicationSchema, TakeawaySchema } from "~/modules/cohorts/schemas";
import { AUDIENCES } from "~/modules/content/vocabulary";
import { getLanguageName } from "~/modules/people/reference-data";
import { sectorLabel } from "~/modules/people/labels";
import { badRequest, notFound, rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.cohort.title, data.cohort.summary)
    : pageMeta(t("cohorts.list.title"), t("cohorts.list.description"));

const DONE_MESSAGES = ["joined", "applied", "withdrawn", "takeaway"] as const;
type Done = (typeof DONE_MESSAGES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const page = await getCohortPage(params.cohortSlug ?? "", user);
  if (!page) throw notFound();
  const done = new URL(request.url).searchParams.get("done");
  return {
    ...page,
    isSignedIn: user !== null,
    done: DONE_MESSAGES.find((each) => each === done) ?? null,
  };
}

function failure(reason: EnrolmentFailure | ParticipationFailure) {
  return rejected(
    { intent: "enrolment" as const, message: t(`cohorts.errors.${reason}`), result: undefined },
    reason === "forbidden" ? 403 : 409,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const page = await getCohortPage(params.cohortSlug ?? "", user);
  if (!page) throw notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = (done: Done) => redirect(`${cohortHref(page.cohort.slug)}?done=${done}`);

  if (intent === "join") {
    const result = await joinCohort(user, page.cohort.id);
    // TODO(notifications): tell the facilitators of a new member.
    return result.ok ? back("joined") : failure(result.reason);
  }
  if (intent === "apply") {
    const submission = parseWithZod(formData, {
      schema: applicationSchema(page.cohort.applicationQuestions.length),
    });
    if (submission.status !== "success")
      return rejected({ intent: "apply" as const, message: null, result: submission.reply() });
    const result = await joinCohort(user, page.cohort.id, submission.value.answers);
    // TODO(notifications): application received, to the facilitators.
    return result.ok ? back("applied") : failure(result.reason);
  }
  if (intent === "withdraw") {
    const result = await withdrawFromCohort(user, page.cohort.id);
    // TODO(notifications): waitlist promotion, to each of result.promotedUserIds.
    return result.ok ? back("withdrawn") : failure(result.reason);
  }
  if (intent === "takeaway") {
    const submission = parseWithZod(formData, { schema: TakeawaySchema });
    if (submission.status !== "success")
      return rejected({ intent: "takeaway" as const, message: null, result: submission.reply() });
    const result = await addTakeaway(user, page.cohort.id, submission.value.body, null);
    return result.ok ? back("takeaway") : failure(result.reason);
  }
  throw badRequest("Unknown action.");
}

function ApplicationForm({ questions }: { questions: string[] }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ intent: "apply"; answers: string[] }>({
    id: "apply",
    lastResult: actionData?.intent === "apply" ? actionData.result : undefined,
    shouldRevalidate: "onBlur",
  });
  const typed = fields.answers.value;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <h3>{t("cohorts.page.applyHeading")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="apply" />
      {questions.map((question, index) => {
        // By name rather than getFieldList(): the list omits answers left empty, whose errors matter most.
        const name = `${fields.answers.name}[${index}]`;
        return (
          <TextareaField
            key={name}
            label={question}
            errors={form.allErrors[name]}
            textareaProps={{
              name,
              id: `${form.id}-answer-${index}`,
              defaultValue: Array.isArray(typed) ? (typed[index] ?? "") : "",
              rows: 3,
              required: true,
            }}
          />
        );
      })}
      <button type="submit">{t("cohorts.page.applySubmit")}</button>
    </Form>
  );
}

function Enrolment() {
  const { cohort, access, placesLeft, isSignedIn } = useLoaderData<typeof loader>();
  const status = access.memberStatus;
  const isOpen = cohort.status === "open" || cohort.status === "running";
  if (!isSignedIn) {
    return isOpen ? (
      <p>
        <Link to={`/sign-in?${new URLSearchParams({ redirectTo: cohortHref(cohort.slug) })}`}>
          {t("cohorts.page.signInToJoin")}
        </Link>
      </p>
    ) : null;
  }
  return (
    <>
      {status ? <p>{t(`cohorts.page.youAre.${status}`)}</p> : null}
      {status === "enrolled" || status === "waitlisted" || status === "applied" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="button-secondary">
            {status === "enrolled"
              ? t("cohorts.page.withdraw")
              : status === "applied"
                ? t("cohorts.page.withdrawApplication")
                : t("cohorts.page.leaveWaitlist")}
          </button>
        </Form>
      ) : null}
      {status === "invited" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="join" />
          <button type="submit">{t("cohorts.page.acceptInvitation")}</button>
        </Form>
      ) : null}
      {isOpen && (status === null || status === "withdrawn" || status === "declined") ? (
        cohort.enrolmentMode === "open" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="join" />
            <button type="submit">
              {placesLeft > 0 ? t("cohorts.page.join") : t("cohorts.page.joinWaitlist")}
            </button>
          </Form>
        ) : cohort.enrolmentMode === "application" ? (
          <ApplicationForm questions={cohort.applicationQuestions} />
        ) : null
      ) : null}
    </>
  );
}

export default function CohortPage() {
  const {
    cohort,
    access,
    zone,
    placesLeft,
    waitlisted,
    sessions,
    roster,
    diversity,
    takeaways,
    done,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container">
      <p>
        <Link to="/cohorts">{t("cohorts.list.heading")}</Link>
      </p>
      <h1>{cohort.title}</h1>
      <p>
        <strong>{t(`cohorts.status.${cohort.status}`)}</strong> ·{" "}
        {t(`cohorts.mode.${cohort.enrolmentMode}`)} ·{" "}
        {t("cohorts.page.language", { language: getLanguageName(cohort.language) })}
      </p>
      <StatusMessage>
        {done === "takeaway"
          ? t("cohorts.session.takeawayAdded")
          : done && access.memberStatus
            ? t(`cohorts.page.youAre.${access.memberStatus}`)
            : null}
      </StatusMessage>
      {actionData?.message ? (
        <div role="alert" className="form-errors">
          <p>{actionData.message}</p>
        </div>
      ) : null}
      <section aria-labelledby="about" className="prose">
        <h2 id="about">{t("cohorts.page.about")}</h2>
        <p>{cohort.summary}</p>
        {cohort.learningGoals ? (
          <>
            <h3>{t("cohorts.page.goals")}</h3>
            <p>{cohort.learningGoals}</p>
          </>
        ) : null}
        {cohort.audiences.length ? (
          <>
            <h3>{t("cohorts.page.forWhom")}</h3>
            <ul>
              {cohort.audiences.map((audience) => (
                <li key={audience}>{audienceLabel(audience)}</li>
              ))}
            </ul>
          </>
        ) : null}
        {cohort.status === "open" || cohort.status === "running" ? (
          <p>
            {placesLeft > 0
              ? t("cohorts.page.places", { count: placesLeft, capacity: cohort.capacity })
              : t("cohorts.page.full", { count: waitlisted })}
          </p>
        ) : null}
        {access.isFacilitator ? <p>{t("cohorts.page.facilitating")}</p> : null}
        <Enrolment />
      </section>

      <section aria-labelledby="sessions">
        <h2 id="sessions">{t("cohorts.page.sessions")}</h2>
        <p>
          {t("cohorts.page.timesIn", { zone })}{" "}
          <a href={cohortCalendarHref(cohort.slug)} download>
            {t("cohorts.page.calendar")}
          </a>
        </p>
        {sessions.length === 0 ? (
          <p>{t("cohorts.page.noSessions")}</p>
        ) : (
          <ol className="card-list">
            {sessions.map((session) => (
              <li key={session.id} className="card">
                <h3>
                  <Link to={sessionHref(cohort.slug, session.id)}>{session.title}</Link>
                  {session.isCancelled ? (
                    <> ({t("cohorts.page.cancelled")})</>
                  ) : session.isPast ? (
                    <> ({t("cohorts.page.past")})</>
                  ) : null}
                </h3>
                <p>
                  <time dateTime={session.times.startIso}>{session.times.when}</time> (
                  {session.times.zoneName})
                </p>
                <p>{session.agenda}</p>
                {session.meetingLink && !session.isCancelled && !session.isPast ? (
                  <p>
                    <a href={session.meetingLink} rel="noopener noreferrer">
                      {t("cohorts.page.meetingLink")}
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {roster && diversity ? (
        <section aria-labelledby="roster">
          <h2 id="roster">{t("cohorts.page.roster")}</h2>
          <p>
            {t("cohorts.page.diversity", {
              participants: diversity.participants,
              organisations: diversity.organisations,
              countries: diversity.countries,
            })}
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("cohorts.page.rosterCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cohorts.page.name")}</th>
                  <th scope="col">{t("cohorts.page.organisation")}</th>
                  <th scope="col">{t("cohorts.page.sector")}</th>
                  <th scope="col">{t("cohorts.page.country")}</th>
                </tr>
              </thead>
              <tbody>
                {roster.map((member) => (
                  <tr key={member.userId}>
                    <th scope="row">
                      <Link to={`/people/${member.userId}`}>{member.name}</Link>
                    </th>
                    <td>{member.organisation ?? t("cohorts.page.notShared")}</td>
                    <td>{sectorLabel(member.sector) ?? t("cohorts.page.notShared")}</td>
                    <td>{member.countryName ?? t("cohorts.page.notShared")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <p>{t("cohorts.page.membersOnly")}</p>
      )}

      {access.canSeePrivate ? (
        <CohortTakeaways
          takeaways={takeaways}
          lead={t("cohorts.page.takeawaysLead")}
          lastResult={actionData?.intent === "takeaway" ? actionData.result : undefined}
        />
      ) : null}
    </div>
  );
}

function audienceLabel(audience: string): string {
  const match = AUDIENCES.find((each) => each === audience);
  return match ? t(`vocabulary.audience.${match}`) : audience;
}
