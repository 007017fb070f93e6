import type { ActionFunctionArgs, LoaderFunctionArgs, MetaArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { StatusMessage } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/learning";
import { getOptionalUser, requireUser } from "~/modules/auth/session.server";
import { getCertificateForVerification, setCertificateHidden } from "~/modules/courses/progress.server";
import { badRequest, getPublicOrigin, notFound, requireUuidParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = ({ data }: MetaArgs<typeof loader>) =>
  data?.certificate
    ? pageMeta(
        t("certificate.title", { course: data.certificate.courseTitle }),
        t("certificate.description", { name: data.certificate.recipientName, course: data.certificate.courseTitle }),
      )
    : pageMeta(t("certificate.hiddenTitle"), t("certificate.hiddenText"));

/** Public: anyone with the link can verify a certificate, without signing in. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const certificateId = requireUuidParam(params.certificateId);
  const certificate = await getCertificateForVerification(certificateId);
  if (!certificate) throw notFound();
  const isOwner = viewer?.id === certificate.userId;
  const isHidden = certificate.hiddenAt !== null;
  return {
    isOwner,
    isHidden,
    verificationUrl: `${getPublicOrigin(request)}/certificates/${certificate.id}`,
    // A hidden certificate shows nothing about its holder, except to the holder.
    certificate:
      isHidden && !isOwner
        ? null
        : {
            id: certificate.id,
            recipientName: certificate.recipientName,
            courseTitle: certificate.courseTitle,
            courseSlug: certificate.courseSlug,
            issuedOn: certificate.issuedAt.toISOString().slice(0, 10),
          },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const certificateId = requireUuidParam(params.certificateId);
  const intent = (await request.formData()).get("intent");
  if (intent !== "hide" && intent !== "show") throw badRequest("Unknown action.");
  const changed = await setCertificateHidden(user.id, certificateId, intent === "hide");
  // Someone else's certificate: the same answer as a missing one.
  if (!changed) throw notFound();
  return { changed: intent };
}

export default function CertificatePage() {
  const { certificate, isOwner, isHidden, verificationUrl } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  if (!certificate) {
    return (
      <div className="container prose">
        <h1>{t("certificate.hiddenTitle")}</h1>
        <p>{t("certificate.hiddenText")}</p>
      </div>
    );
  }
  return (
    <div className="container prose">
      <StatusMessage>{searchParams.get("new") === "1" && isOwner ? t("certificate.congratulations") : null}</StatusMessage>
      <article className="certificate" aria-labelledby="certificate-heading">
        <p className="certificate__kicker">{t("certificate.kicker")}</p>
        <h1 id="certificate-heading">{certificate.recipientName}</h1>
        <p>{t("certificate.completed")}</p>
        <p className="certificate__course">
          <Link to={`/courses/${certificate.courseSlug}`}>{certificate.courseTitle}</Link>
        </p>
        <p>{t("certificate.issuedOn", { date: certificate.issuedOn })}</p>
        <p className="certificate__verify">
          {t("certificate.verifyAt")} <a href={verificationUrl}>{verificationUrl}</a>
        </p>
      </article>
      {isOwner ? (
        <section aria-labelledby="visibility-heading">
          <h2 id="visibility-heading">{t("certificate.visibility")}</h2>
          <p>{isHidden ? t("certificate.isHidden") : t("certificate.isVisible")}</p>
          <Form method="post">
            <button type="submit" name="intent" value={isHidden ? "show" : "hide"} className="button--secondary">
              {isHidden ? t("certificate.show") : t("certificate.hide")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
