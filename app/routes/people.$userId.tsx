import type { LoaderFunctionArgs, MetaArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/admin";
import "~/i18n/accounts";
import { requireUser } from "~/modules/auth/session.server";
import { organisationRoleLabel, sectorLabel } from "~/modules/people/labels";
import { getProfile } from "~/modules/people/profile.server";
import { getCountryName, getLanguageName } from "~/modules/people/reference-data";
import { notFound, requireUuidParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = ({ data }: MetaArgs<typeof loader>) =>
  data
    ? pageMeta(t("profile.viewTitle", { name: data.profile.displayName }), data.profile.bio ?? t("site.description"))
    : pageMeta(t("profile.notFoundTitle"), t("error.notFound"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const userId = requireUuidParam(params.userId);
  const profile = await getProfile(userId);
  if (!profile) throw notFound();
  return {
    isOwnProfile: viewer.id === userId,
    profile: {
      displayName: profile.displayName,
      organisation: profile.organisation,
      sector: sectorLabel(profile.sector),
      organisationRole: organisationRoleLabel(profile.organisationRole),
      country: getCountryName(profile.country) ?? null,
      languages: profile.languages.map(getLanguageName),
      timeZone: profile.timeZone,
      bio: profile.bio,
      roles: profile.roles,
      memberSince: profile.createdAt.toISOString().slice(0, 10),
    },
  };
}

export default function ProfilePage() {
  const { profile, isOwnProfile } = useLoaderData<typeof loader>();
  const notGiven = t("profile.notProvided");
  return (
    <div className="container prose">
      <h1>{profile.displayName}</h1>
      <p>{t("profile.memberSince", { date: profile.memberSince })}</p>
      {profile.roles.length ? (
        <ul className="inline-list" aria-label={t("admin.roles")}>
          {profile.roles.map((role) => (
            <li key={role} className="tag">
              {t(`role.${role}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {profile.bio ? <p className="profile-bio">{profile.bio}</p> : null}
      <dl className="details">
        <dt>{t("profile.organisation")}</dt>
        <dd>{profile.organisation ?? notGiven}</dd>
        <dt>{t("profile.sector")}</dt>
        <dd>{profile.sector ?? notGiven}</dd>
        <dt>{t("profile.organisationRole")}</dt>
        <dd>{profile.organisationRole ?? notGiven}</dd>
        <dt>{t("profile.country")}</dt>
        <dd>{profile.country ?? notGiven}</dd>
        <dt>{t("profile.languages")}</dt>
        <dd>{profile.languages.length ? profile.languages.join(", ") : notGiven}</dd>
        <dt>{t("profile.timeZone")}</dt>
        <dd>{profile.timeZone ?? notGiven}</dd>
      </dl>
      {isOwnProfile ? (
        <p>
          <Link to="/account/profile">{t("profile.editLink")}</Link>
        </p>
      ) : null}
    </div>
  );
}
