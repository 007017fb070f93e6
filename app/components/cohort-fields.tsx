/*
 * The fields of a cohort, shared by the facilitators' "new cohort" and "manage" forms, and of a
 * session, so both ask the same questions in the same words.
 */
import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FormMetadata,
} from "@conform-to/react";
import { CheckboxGroup } from "~/components/checkbox-group";
import { audienceLabel } from "~/components/course-labels";
import { Field, SelectField, TextareaField } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/cohorts";
import "~/i18n/vocabulary";
import type { CohortFormSchema, SessionFormSchema } from "~/modules/cohorts/facilitation-schemas";
import { AUDIENCES } from "~/modules/content/vocabulary";
import { LANGUAGES, TIME_ZONES } from "~/modules/people/reference-data";
import type { z } from "~/utils/zod";

type CohortFieldset = ReturnType<
  FormMetadata<z.input<typeof CohortFormSchema>, string[]>["getFieldset"]
>;
type SessionFieldset = ReturnType<
  FormMetadata<z.input<typeof SessionFormSchema>, string[]>["getFieldset"]
>;

const MODES = ["open", "application", "invitation"] as const;
const STATUSES = ["draft", "open", "running", "finished"] as const;
const languageOptions = LANGUAGES.map((language) => ({
  value: language.code,
  label: language.name,
}));
const timeZoneOptions = TIME_ZONES.map((zone) => ({
  value: zone,
  label: zone.replaceAll("_", " "),
}));

export function CohortFields({ fields }: { fields: CohortFieldset }) {
  const label = (name: keyof typeof fields) =>
    t(`cohorts.facilitate.cohortFields.${name}` as "cohorts.facilitate.cohortFields.title");
  return (
    <>
      <Field
        label={label("title")}
        errors={fields.title.errors}
        inputProps={getInputProps(fields.title, { type: "text" })}
      />
      <TextareaField
        label={label("summary")}
        hint={t("cohorts.facilitate.cohortFields.summaryHint")}
        errors={fields.summary.errors}
        textareaProps={{ ...getTextareaProps(fields.summary), rows: 3 }}
      />
      <CheckboxGroup
        legend={label("audiences")}
        meta={fields.audiences}
        options={AUDIENCES.map((value) => ({ value, label: audienceLabel(value) }))}
      />
      <TextareaField
        label={label("learningGoals")}
        optional
        errors={fields.learningGoals.errors}
        textareaProps={{ ...getTextareaProps(fields.learningGoals), rows: 3 }}
      />
      <Field
        label={label("capacity")}
        errors={fields.capacity.errors}
        inputProps={{
          ...getInputProps(fields.capacity, { type: "number" }),
          min: 1,
          inputMode: "numeric",
          className: "input--short",
        }}
      />
      <SelectField
        label={label("enrolmentMode")}
        errors={fields.enrolmentMode.errors}
        selectProps={getSelectProps(fields.enrolmentMode)}
        options={MODES.map((value) => ({ value, label: t(`cohorts.mode.${value}`) }))}
      />
      <TextareaField
        label={label("applicationQuestions")}
        hint={t("cohorts.facilitate.cohortFields.applicationQuestionsHint")}
        optional
        errors={fields.applicationQuestions.errors}
        textareaProps={{ ...getTextareaProps(fields.applicationQuestions), rows: 3 }}
      />
      <Field
        label={label("enrolmentOpensAt")}
        optional
        errors={fields.enrolmentOpensAt.errors}
        inputProps={getInputProps(fields.enrolmentOpensAt, { type: "date" })}
      />
      <Field
        label={label("enrolmentClosesAt")}
        optional
        errors={fields.enrolmentClosesAt.errors}
        inputProps={getInputProps(fields.enrolmentClosesAt, { type: "date" })}
      />
      <SelectField
        label={label("status")}
        errors={fields.status.errors}
        selectProps={getSelectProps(fields.status)}
        options={STATUSES.map((value) => ({ value, label: t(`cohorts.status.${value}`) }))}
      />
      <SelectField
        label={label("language")}
        errors={fields.language.errors}
        selectProps={getSelectProps(fields.language)}
        options={languageOptions}
      />
      <SelectField
        label={label("timeZone")}
        errors={fields.timeZone.errors}
        selectProps={getSelectProps(fields.timeZone)}
        options={timeZoneOptions}
      />
    </>
  );
}

export function SessionFields({ fields }: { fields: SessionFieldset }) {
  const label = (name: keyof typeof fields) =>
    t(`cohorts.facilitate.sessionFields.${name}` as "cohorts.facilitate.sessionFields.title");
  return (
    <>
      <Field
        label={label("title")}
        errors={fields.title.errors}
        inputProps={getInputProps(fields.title, { type: "text" })}
      />
      <TextareaField
        label={label("agenda")}
        optional
        errors={fields.agenda.errors}
        textareaProps={{ ...getTextareaProps(fields.agenda), rows: 3 }}
      />
      <Field
        label={label("startsAt")}
        errors={fields.startsAt.errors}
        inputProps={getInputProps(fields.startsAt, { type: "datetime-local" })}
      />
      <Field
        label={label("endsAt")}
        errors={fields.endsAt.errors}
        inputProps={getInputProps(fields.endsAt, { type: "datetime-local" })}
      />
      <SelectField
        label={label("timeZone")}
        errors={fields.timeZone.errors}
        selectProps={getSelectProps(fields.timeZone)}
        options={timeZoneOptions}
      />
      <Field
        label={label("meetingLink")}
        optional
        errors={fields.meetingLink.errors}
        inputProps={{ ...getInputProps(fields.meetingLink, { type: "url" }), spellCheck: false }}
      />
      <TextareaField
        label={label("materials")}
        optional
        errors={fields.materials.errors}
        textareaProps={{ ...getTextareaProps(fields.materials), rows: 3 }}
      />
    </>
  );
}
