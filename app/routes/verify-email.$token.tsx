import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/accounts";
import { verifyEmailWithToken } from "~/modules/auth/accounts.server";
import { getOptionalUser } from "~/modules/auth/session.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("auth.verify.title"), t("auth.verify.description"));

/*
 * Verification happens on GET because it is what a mail link does; the token is single-use
 * and only confirms an address the person already gave, so a prefetching mail client
 * verifying it early harms no one.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  return { verified: await verifyEmailWithToken(params.token ?? "") };
}

export default function VerifyEmailPage() {
  const { verified } = useLoaderData<typeof loader>();
  return (
    <div className="container prose">
      <h1>{t("auth.verify.title")}</h1>
      <p role="status">{verified ? t("auth.verify.done") : t("auth.verify.invalid")}</p>
      <p>
        <Link to="/account">{t("nav.settings")}</Link>
      </p>
    </div>
  );
}
