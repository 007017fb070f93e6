import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SelectField, StatusMessage } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/notifications";
import { requireUser } from "~/modules/auth/session.server";
import {
  getNotificationPreferences,
  setNotificationPreferences,
} from "~/modules/notifications/preferences.server";
import { DELIVERY_CHOICES, NotificationPreferencesSchema } from "~/modules/notifications/schemas";
import { rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("notifications.preferences.title"), t("notifications.preferences.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { preferences: await getNotificationPreferences(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const kinds = (await getNotificationPreferences(user.id)).map((preference) => preference.kind);
  const submission = parseWithZod(await request.formData(), { schema: NotificationPreferencesSchema(kinds) });
  if (submission.status !== "success") return rejected({ status: null, result: submission.reply() });
  await setNotificationPreferences(user.id, submission.value);
  return { status: t("notifications.preferences.saved"), result: submission.reply() };
}

export default function NotificationSettingsPage() {
  const { preferences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const schema = NotificationPreferencesSchema(preferences.map((preference) => preference.kind));
  const [form, fields] = useForm({
    id: "notification-preferences",
    lastResult: actionData?.result,
    defaultValue: Object.fromEntries(preferences.map((preference) => [preference.kind, preference.delivery])),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="container prose">
      <h1>{t("notifications.preferences.heading")}</h1>
      <StatusMessage>{actionData?.status}</StatusMessage>
      <p>{t("notifications.preferences.intro")}</p>
      <p>
        <Link to="/notifications">{t("notifications.heading")}</Link>
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {preferences.map((preference) => {
          const field = fields[preference.kind];
          if (!field) return null;
          return (
            <SelectField
              key={preference.kind}
              label={preference.label}
              hint={preference.description}
              errors={field.errors}
              selectProps={getSelectProps(field)}
              options={DELIVERY_CHOICES.map((choice) => ({
                value: choice,
                label:
                  t(`notifications.preferences.delivery.${choice}`) +
                  (choice === preference.defaultDelivery ? ` ${t("notifications.preferences.default")}` : ""),
              }))}
            />
          );
        })}
        <div>
          <button type="submit">{t("notifications.preferences.submit")}</button>
        </div>
      </Form>
    </div>
  );
}
