import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SelectField, StatusMessage } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/admin";
import "~/i18n/accounts";
import { getPersonForAdmin, grantRole, revokeRole, setSuspended } from "~/modules/admin/admin.server";
import { AdminPersonActionSchema } from "~/modules/admin/schemas";
import { ROLES } from "~/modules/auth/roles";
import { requireRole } from "~/modules/auth/session.server";
import { notFound, rejected, requireUuidParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = ({ data }: MetaArgs<typeof loader>) =>
  pageMeta(
    data ? t("admin.manage", { name: data.person.displayName }) : t("error.notFoundTitle"),
    t("admin.description"),
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const userId = requireUuidParam(params.userId);
  const person = await getPersonForAdmin(userId);
  if (!person) throw notFound();
  return {
    isSelf: admin.id === userId,
    person: {
      id: person.id,
      displayName: person.displayName,
      email: person.email,
      organisation: person.organisation,
      roles: person.roles,
      isSuspended: person.suspendedAt !== null,
      isEmailVerified: person.emailVerifiedAt !== null,
      joined: person.createdAt.toISOString().slice(0, 10),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const userId = requireUuidParam(params.userId);
  const submission = parseWithZod(await request.formData(), { schema: AdminPersonActionSchema });
  if (submission.status !== "success") return rejected({ result: submission.reply(), status: null });
  const command = submission.value;
  const outcome =
    command.intent === "grant-role"
      ? await grantRole(admin.id, userId, command.role)
      : command.intent === "revoke-role"
        ? await revokeRole(admin.id, userId, command.role)
        : await setSuspended(admin.id, userId, command.intent === "suspend");
  if (!outcome.ok) {
    if (outcome.reason === "not-found") throw notFound();
    const message =
      command.intent === "revoke-role" ? t("admin.cannotRevokeOwnAdmin") : t("admin.cannotSuspendSelf");
    return rejected({ result: submission.reply({ formErrors: [message] }), status: null }, 409);
  }
  const status =
    command.intent === "grant-role"
      ? t("admin.roleGranted", { role: t(`role.${command.role}`) })
      : command.intent === "revoke-role"
        ? t("admin.roleRevoked", { role: t(`role.${command.role}`) })
        : command.intent === "suspend"
          ? t("admin.suspendedDone")
          : t("admin.unsuspendedDone");
  return { result: submission.reply({ resetForm: true }), status: status as string };
}

export default function AdminPersonPage() {
  const { person, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ intent: string; role: string }>({
    id: "admin-person",
    lastResult: actionData?.result,
  });
  const grantable = ROLES.filter((role) => !person.roles.includes(role));
  return (
    <div className="prose">
      <h1>{person.displayName}</h1>
      <StatusMessage>{actionData?.status}</StatusMessage>
      <FormErrors id={form.errorId} errors={form.errors} />
      <dl className="details">
        <dt>{t("admin.email")}</dt>
        <dd>{person.email}</dd>
        <dt>{t("profile.organisation")}</dt>
        <dd>{person.organisation ?? t("profile.notProvided")}</dd>
        <dt>{t("admin.status")}</dt>
        <dd>{person.isSuspended ? t("admin.suspended") : t("admin.active")}</dd>
        <dt>{t("admin.joined")}</dt>
        <dd>{person.joined}</dd>
      </dl>

      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t("admin.roles")}</h2>
        <ul className="stack">
          <li>{t("role.learner")}</li>
          {person.roles.map((role) => (
            <li key={role}>
              <Form method="post" className="inline-list">
                <span>{t(`role.${role}`)}</span>
                <input type="hidden" name="role" value={role} />
                <button type="submit" name="intent" value="revoke-role" className="button--secondary button--small">
                  {t("admin.revoke", { role: t(`role.${role}`) })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {grantable.length ? (
          <Form method="post" className="stack" {...getFormProps(form)}>
            <SelectField
              label={t("admin.grantRole")}
              errors={fields.role.errors}
              selectProps={getSelectProps(fields.role)}
              options={grantable.map((role) => ({ value: role, label: t(`role.${role}`) }))}
            />
            <div>
              <button type="submit" name="intent" value="grant-role">
                {t("admin.grant")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      {isSelf ? null : (
        <section aria-labelledby="suspend-heading">
          <h2 id="suspend-heading">{person.isSuspended ? t("admin.unsuspend") : t("admin.suspend")}</h2>
          <p id="suspend-hint">{t("admin.suspendHint")}</p>
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value={person.isSuspended ? "unsuspend" : "suspend"}
              className={person.isSuspended ? undefined : "button--danger"}
              aria-describedby="suspend-hint"
            >
              {person.isSuspended ? t("admin.unsuspend") : t("admin.suspend")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
