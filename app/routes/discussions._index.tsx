import type { LoaderFunctionArgs } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { t } from "~/i18n";
import "~/i18n/sections";
import { getOptionalUser } from "~/modules/auth/session.server";
import { pageMeta } from "~/utils/meta";
import { cacheForAnonymousVisitors } from "~/utils/page-cache";

export const headers = cacheForAnonymousVisitors;

export const meta = () => pageMeta(t("section.discussions.title"), t("section.discussions.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  return null;
}

export default function DiscussionsPage() {
  return <ComingSoon title={t("section.discussions.title")} body={t("section.discussions.body")} />;
}
