/*
 * The fields of a toolkit suggestion, shared by the member's form (/toolkit/suggest) and the
 * moderator's edit form, so both ask the same questions in the same words.
 */
import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FormMetadata,
} from "@conform-to/react";
import { CheckboxGroup } from "~/components/checkbox-group";
import { audienceLabel, topicLabel } from "~/components/course-labels";
import { Field, SelectField, TextareaField } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/toolkit";
import "~/i18n/toolkit-community";
import { AUDIENCES, REGIONS, TOOLKIT_TYPES, TOPICS } from "~/modules/content/vocabulary";
import { LANGUAGES } from "~/modules/people/reference-data";
import type { SuggestionSchema } from "~/modules/toolkit/suggestion-schemas";
import type { z } from "~/utils/zod";

type SuggestionFieldset = ReturnType<
  FormMetadata<z.input<typeof SuggestionSchema>, string[]>["getFieldset"]
>;

// Built when rendered: labels come from string areas registered as the page loads.
const typeOptions = () =>
  TOOLKIT_TYPES.map((value) => ({ value, label: t(`toolkit.typeOne.${value}`) }));
const topicOptions = () => TOPICS.map((value) => ({ value, label: topicLabel(value) }));
const audienceOptions = () => AUDIENCES.map((value) => ({ value, label: audienceLabel(value) }));
const regionOptions = () =>
  REGIONS.map((value) => ({ value, label: t(`toolkit.region.${value}`) }));
const languageOptions = LANGUAGES.map((language) => ({
  value: language.code,
  label: language.name,
}));

export function SuggestionFields({ fields }: { fields: SuggestionFieldset }) {
  return (
    <>
      <Field
        label={t("toolkitCommunity.suggest.fieldTitle")}
        errors={fields.title.errors}
        inputProps={getInputProps(fields.title, { type: "text" })}
      />
      <Field
        label={t("toolkitCommunity.suggest.fieldPublisher")}
        hint={t("toolkitCommunity.suggest.fieldPublisherHint")}
        errors={fields.publisher.errors}
        inputProps={{
          ...getInputProps(fields.publisher, { type: "text" }),
          autoComplete: "organization",
        }}
      />
      <Field
        label={t("toolkitCommunity.suggest.fieldYear")}
        errors={fields.year.errors}
        inputProps={{
          ...getInputProps(fields.year, { type: "number" }),
          inputMode: "numeric",
          className: "input--short",
        }}
      />
      <Field
        label={t("toolkitCommunity.suggest.fieldSourceUrl")}
        hint={t("toolkitCommunity.suggest.fieldSourceUrlHint")}
        errors={fields.sourceUrl.errors}
        inputProps={{
          ...getInputProps(fields.sourceUrl, { type: "url" }),
          autoComplete: "url",
          spellCheck: false,
        }}
      />
      <SelectField
        label={t("toolkitCommunity.suggest.fieldType")}
        errors={fields.type.errors}
        selectProps={getSelectProps(fields.type)}
        options={typeOptions()}
        placeholder={t("toolkitCommunity.suggest.chooseType")}
      />
      <CheckboxGroup
        legend={t("toolkitCommunity.suggest.fieldTopics")}
        meta={fields.topics}
        options={topicOptions()}
      />
      <CheckboxGroup
        legend={t("toolkitCommunity.suggest.fieldAudiences")}
        meta={fields.audiences}
        options={audienceOptions()}
      />
      <CheckboxGroup
        legend={t("toolkitCommunity.suggest.fieldRegions")}
        meta={fields.regions}
        options={regionOptions()}
      />
      <SelectField
        label={t("toolkitCommunity.suggest.fieldLanguages")}
        hint={t("toolkitCommunity.suggest.fieldLanguagesHint")}
        errors={Object.values(fields.languages.allErrors).flat()}
        selectProps={{ ...getSelectProps(fields.languages), multiple: true }}
        options={languageOptions}
      />
      <Field
        label={t("toolkitCommunity.suggest.fieldLicence")}
        hint={t("toolkitCommunity.suggest.fieldLicenceHint")}
        errors={fields.licence.errors}
        inputProps={{
          ...getInputProps(fields.licence, { type: "text" }),
          spellCheck: false,
          className: "input--short",
        }}
      />
      <TextareaField
        label={t("toolkitCommunity.suggest.fieldSummary")}
        hint={t("toolkitCommunity.suggest.fieldSummaryHint")}
        errors={fields.summary.errors}
        textareaProps={getTextareaProps(fields.summary)}
      />
      <TextareaField
        label={t("toolkitCommunity.suggest.fieldHowToUse")}
        hint={t("toolkitCommunity.suggest.fieldHowToUseHint")}
        errors={fields.howToUse.errors}
        textareaProps={{ ...getTextareaProps(fields.howToUse), rows: 8 }}
      />
    </>
  );
}
