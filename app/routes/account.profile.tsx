import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { Field, FormErrors, SelectField, StatusMessage, TextareaField } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/accounts";
import { requireUser } from "~/modules/auth/session.server";
import { getProfile, updateProfile } from "~/modules/people/profile.server";
import {
  COUNTRIES,
  LANGUAGES,
  ORGANISATION_ROLES,
  SECTORS,
  TIME_ZONES,
} from "~/modules/people/reference-data";
import { ProfileSchema } from "~/modules/people/schemas";
import { notFound, rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("profile.title"), t("profile.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile(user.id);
  if (!profile) throw notFound();
  return {
    profile: {
      displayName: profile.displayName,
      organisation: profile.organisation ?? "",
      sector: profile.sector ?? "",
      country: profile.country ?? "",
      organisationRole: profile.organisationRole ?? "",
      languages: profile.languages,
      timeZone: profile.timeZone ?? "",
      bio: profile.bio ?? "",
    },
    userId: user.id,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ProfileSchema });
  if (submission.status !== "success") return rejected({ result: submission.reply(), saved: false });
  await updateProfile(user.id, submission.value);
  return { result: submission.reply(), saved: true };
}

// Built when rendered: labels come from string areas registered as the page loads.
const sectorOptions = () => SECTORS.map((value) => ({ value, label: t(`sector.${value}`) }));
const roleOptions = () => ORGANISATION_ROLES.map((value) => ({ value, label: t(`organisationRole.${value}`) }));
const countryOptions = COUNTRIES.map((country) => ({ value: country.code, label: country.name }));
const languageOptions = LANGUAGES.map((language) => ({ value: language.code, label: language.name }));
const timeZoneOptions = TIME_ZONES.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));

export default function EditProfilePage() {
  const { profile, userId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "profile",
    lastResult: actionData?.result,
    defaultValue: profile,
    constraint: getZodConstraint(ProfileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
    shouldValidate: "onBlur",
  });
  // With JavaScript, suggest the device's time zone when none is chosen yet.
  const timeZoneId = fields.timeZone.id;
  useEffect(() => {
    const select = document.getElementById(timeZoneId);
    if (!(select instanceof HTMLSelectElement) || select.value) return;
    const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (Array.from(select.options).some((option) => option.value === deviceZone)) select.value = deviceZone;
  }, [timeZoneId]);

  return (
    <div className="container prose">
      <h1>{t("profile.heading")}</h1>
      <StatusMessage>{actionData?.saved ? t("profile.saved") : null}</StatusMessage>
      <p>{t("profile.intro")}</p>
      <p>
        <Link to={`/people/${userId}`}>{t("nav.profile")}</Link>
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t("auth.displayName")}
          errors={fields.displayName.errors}
          inputProps={{ ...getInputProps(fields.displayName, { type: "text" }), autoComplete: "name" }}
        />
        <Field
          label={t("profile.organisation")}
          optional
          errors={fields.organisation.errors}
          inputProps={{ ...getInputProps(fields.organisation, { type: "text" }), autoComplete: "organization" }}
        />
        <SelectField
          label={t("profile.sector")}
          optional
          errors={fields.sector.errors}
          selectProps={getSelectProps(fields.sector)}
          options={sectorOptions()}
          placeholder={t("profile.choose")}
        />
        <SelectField
          label={t("profile.organisationRole")}
          optional
          errors={fields.organisationRole.errors}
          selectProps={getSelectProps(fields.organisationRole)}
          options={roleOptions()}
          placeholder={t("profile.choose")}
        />
        <SelectField
          label={t("profile.country")}
          optional
          errors={fields.country.errors}
          selectProps={{ ...getSelectProps(fields.country), autoComplete: "country" }}
          options={countryOptions}
          placeholder={t("profile.choose")}
        />
        <SelectField
          label={t("profile.languages")}
          hint={t("profile.languagesHint")}
          optional
          errors={fields.languages.errors}
          selectProps={{ ...getSelectProps(fields.languages), multiple: true }}
          options={languageOptions}
        />
        <SelectField
          label={t("profile.timeZone")}
          hint={t("profile.timeZoneHint")}
          optional
          errors={fields.timeZone.errors}
          selectProps={getSelectProps(fields.timeZone)}
          options={timeZoneOptions}
          placeholder={t("profile.choose")}
        />
        <TextareaField
          label={t("profile.bio")}
          hint={t("profile.bioHint")}
          optional
          errors={fields.bio.errors}
          textareaProps={getTextareaProps(fields.bio)}
        />
        <div>
          <button type="submit">{t("profile.save")}</button>
        </div>
      </Form>
    </div>
  );
}
