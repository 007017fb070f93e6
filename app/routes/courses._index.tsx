import type { LoaderFunctionArgs } from "@remix-run/node";
import { ComingSoon } from "~/components/site-layout";
import { t } from "~/i18n";
import { getOptionalUser } from "~/modules/auth/session.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("section.courses.title"), t("section.courses.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  return null;
}

export default function CoursesPage() {
  return <ComingSoon title={t("section.courses.title")} body={t("section.courses.body")} />;
}
