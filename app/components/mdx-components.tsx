import { Link, useFetcher } from "@remix-run/react";
import { t } from "~/i18n";
import { type CheckOutcome, CourseAssetsProvider, useCourseAssetsBase, useLessonContext } from "./lesson-context";
import { getMdxComponent, mdxScriptUrl } from "./mdx-runtime";

/** The glossary anchor of a key term: "Data collaborative" → "term-data-collaborative". */
export function termAnchor(term: string): string {
  const slug = term
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `term-${slug}`;
}

function Callout({ type = "note", title, children }: { type?: string; title?: string; children?: React.ReactNode }) {
  const kind = type === "tip" || type === "warning" ? type : "note";
  const label = title ?? t(`lesson.callout.${kind}`);
  return (
    <aside className={`callout callout--${kind}`} aria-label={label}>
      <p className="callout__title">{label}</p>
      {children}
    </aside>
  );
}

function KeyTerm({ term, definition, children }: { term: string; definition: string; children?: React.ReactNode }) {
  return (
    <a href={`/glossary#${termAnchor(term)}`} className="key-term" title={definition}>
      <dfn>{children ?? term}</dfn>
    </a>
  );
}

function CaseStudy({ title, where, when, children }: { title: string; where?: string; when?: string; children?: React.ReactNode }) {
  return (
    <section className="case-study" aria-label={t("lesson.caseStudy", { title })}>
      <p className="case-study__label">{t("lesson.caseStudyLabel")}</p>
      <p className="case-study__title">
        <strong>{title}</strong>
        {where || when ? <span className="case-study__meta"> · {[where, when].filter(Boolean).join(", ")}</span> : null}
      </p>
      {children}
    </section>
  );
}

function Figure({ src, alt, caption }: { src: string; alt: string; caption: string }) {
  const assetsBase = useCourseAssetsBase();
  // Authors write paths relative to the course folder; the content check makes sure they exist.
  const resolved = assetsBase && src.startsWith("./") ? `${assetsBase}/${src.slice(2)}` : src;
  return (
    <figure>
      <img src={resolved} alt={alt} loading="lazy" />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

function ToolkitLink({ id, children }: { id: string; children?: React.ReactNode }) {
  return <Link to={`/toolkit/${id}`}>{children}</Link>;
}

function KnowledgeCheck({ id }: { id: string }) {
  const lesson = useLessonContext();
  const fetcher = useFetcher<{ outcome?: CheckOutcome }>();
  const check = lesson.checks.find((candidate) => candidate.id === id);
  if (!check) return null;
  const outcome = (fetcher.data?.outcome?.checkId === id ? fetcher.data.outcome : undefined) ?? lesson.outcomes[id];
  const legendId = `check-${id}-question`;
  return (
    <section id={`check-${id}`} className="knowledge-check" aria-labelledby={legendId}>
      <fetcher.Form method="post" action={`#check-${id}`} preventScrollReset>
        <fieldset>
          <legend id={legendId}>
            <span className="knowledge-check__label">{t("lesson.checkLabel")}</span> {check.question}
          </legend>
          <input type="hidden" name="intent" value="answer-check" />
          <input type="hidden" name="checkId" value={id} />
          {check.options.map((option, index) => (
            <div key={index} className="knowledge-check__option">
              <input
                type="radio"
                id={`check-${id}-option-${index}`}
                name="option"
                value={index}
                required
                defaultChecked={outcome?.optionIndex === index}
              />
              <label htmlFor={`check-${id}-option-${index}`}>{option}</label>
            </div>
          ))}
          <button type="submit" className="button--secondary">
            {fetcher.state === "submitting" ? t("lesson.checking") : t("lesson.checkAnswer")}
          </button>
        </fieldset>
      </fetcher.Form>
      <div role="status" className={outcome ? `check-feedback check-feedback--${outcome.isCorrect ? "correct" : "incorrect"}` : undefined}>
        {outcome ? (
          <>
            <p className="check-feedback__verdict">{outcome.isCorrect ? t("lesson.correct") : t("lesson.incorrect")}</p>
            <p>{outcome.feedback}</p>
          </>
        ) : null}
      </div>
      {!lesson.isSignedIn ? (
        <p className="field__hint">
          <Link to={lesson.signInHref}>{t("nav.signIn")}</Link> {t("lesson.signInToRecord")}
        </p>
      ) : null}
    </section>
  );
}

function Reflection({ id, prompt }: { id: string; prompt: string }) {
  const lesson = useLessonContext();
  const fetcher = useFetcher<{ savedReflectionId?: string }>();
  const saved = lesson.reflections[id];
  const fieldId = `reflection-${id}`;
  return (
    <section className="reflection" aria-labelledby={`${fieldId}-label`}>
      <p className="reflection__label">{t("lesson.reflectionLabel")}</p>
      {lesson.isSignedIn ? (
        <fetcher.Form method="post" action={`#${fieldId}`} preventScrollReset className="stack">
          <input type="hidden" name="intent" value="save-reflection" />
          <input type="hidden" name="reflectionId" value={id} />
          <label id={`${fieldId}-label`} htmlFor={fieldId}>
            {prompt}
          </label>
          <p id={`${fieldId}-hint`} className="field__hint">
            {t("lesson.reflectionHint")}
          </p>
          <textarea id={fieldId} name="body" defaultValue={saved?.body ?? ""} maxLength={10_000} aria-describedby={`${fieldId}-hint`} />
          <div>
            <button type="submit" className="button--secondary">
              {t("lesson.saveReflection")}
            </button>
          </div>
          <p role="status">{fetcher.data?.savedReflectionId === id ? t("lesson.reflectionSaved") : null}</p>
        </fetcher.Form>
      ) : (
        <>
          <p id={`${fieldId}-label`}>{prompt}</p>
          <p className="field__hint">
            <Link to={lesson.signInHref}>{t("nav.signIn")}</Link> {t("lesson.signInToReflect")}
          </p>
        </>
      )}
    </section>
  );
}

const components = { Callout, KeyTerm, CaseStudy, Figure, ToolkitLink, KnowledgeCheck, Reflection };

/**
 * Renders compiled MDX with our fixed set of components. The script tag is in the server's
 * HTML, so on a first visit the browser has run it before hydration; on later navigations
 * the route's clientLoader has loaded it (loadMdxScript).
 */
export function MdxContent({ codeId, courseSlug }: { codeId: string; courseSlug?: string }) {
  const Component = getMdxComponent(codeId);
  return (
    <CourseAssetsProvider value={courseSlug ? `/course-assets/${courseSlug}` : null}>
      <script src={mdxScriptUrl(codeId)} />
      {/* getMdxComponent returns the same component for a codeId every time (it is cached
          at module level), so React keeps its state between renders. */}
      {/* eslint-disable-next-line react-hooks/static-components */}
      {Component ? <Component components={components} /> : null}
    </CourseAssetsProvider>
  );
}
