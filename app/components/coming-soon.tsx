import { t } from "~/i18n";
import "~/i18n/sections";

/** The honest placeholder a section shows until its own issue lands. */
export function ComingSoon({ title, body }: { title: string; body: string }) {
  return (
    <div className="container prose">
      <h1>{title}</h1>
      <section aria-labelledby="coming-soon" className="notice">
        <h2 id="coming-soon">{t("section.comingSoon")}</h2>
        <p>{body}</p>
      </section>
    </div>
  );
}
