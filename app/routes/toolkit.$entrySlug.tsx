import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaArgs } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { audienceLabel, topicLabel } from "~/components/course-labels";
import { licenceLabel } from "~/components/licence-label";
import { MdxContent } from "~/components/mdx-components";
import { loadMdxScript } from "~/components/mdx-runtime";
import { t } from "~/i18n";
import "~/i18n/toolkit";
import "~/i18n/toolkit-community";
import { getOptionalUser, requireUser } from "~/modules/auth/session.server";
import { AUDIENCES, REGIONS, TOOLKIT_TYPES, TOPICS } from "~/modules/content/vocabulary";
import { getLanguageName } from "~/modules/people/reference-data";
import {
  EntryCommunityActionSchema,
  castVote,
  findToolkitEntrySummary,
  getEntryCommunity,
  saveEntry,
  unsaveEntry,
  type CommunityResult,
} from "~/modules/toolkit/community.server";
import { getPublishedSuggestion } from "~/modules/toolkit/suggestions.server";
import {
  findRelatedEntries,
  getLessonsLinkingTo,
  getToolkitEntry,
  listToolkitEntries,
} from "~/modules/toolkit/toolkit.server";
import stylesUrl from "~/styles/toolkit-community.css";
import { badRequest, notFound } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta = ({ data }: MetaArgs<typeof loader>) =>
  data ? pageMeta(data.entry.title, data.description) : pageMeta(t("error.notFoundTitle"), t("error.notFound"));

/** Suggestions come from the database as plain strings; keep only the vocabulary we can label. */
const known = <Value extends string>(values: readonly Value[]) => (candidates: readonly string[]) =>
  candidates.filter((candidate): candidate is Value => (values as readonly string[]).includes(candidate));

/** Plain text typed by a member, as paragraphs: never parsed as markup. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const slug = params.entrySlug ?? "";
  const file = await getToolkitEntry(slug);
  // File entries and approved suggestions share one slug space; a suggestion never takes a file's.
  const suggestion = file ? undefined : await getPublishedSuggestion(slug);
  if (!file && !suggestion) throw notFound();
  const community = await getEntryCommunity(slug, user?.id ?? null);
  const shared = {
    community,
    isSignedIn: Boolean(user),
    signInHref: `/sign-in?${new URLSearchParams({ redirectTo: `/toolkit/${slug}` })}`,
  };
  if (file) {
    const [lessons, related] = await Promise.all([
      getLessonsLinkingTo(file.slug),
      listToolkitEntries().then((entries) => findRelatedEntries(file, entries)),
    ]);
    return {
      ...shared,
      kind: "file" as const,
      description: file.summary,
      entry: {
        slug: file.slug,
        title: file.title,
        publishedTitle: file.publishedTitle ?? null,
        summary: file.summary,
        type: file.type,
        publisher: file.publisher,
        year: file.year,
        licence: file.licence,
        sourceUrl: file.sourceUrl,
        topics: file.topics,
        audiences: file.audiences,
        regions: file.regions,
        languages: file.languages.map(getLanguageName),
        lastReviewed: file.lastReviewed,
        codeId: file.codeId,
      },
      lessons,
      related: related.map((candidate) => ({ slug: candidate.slug, title: candidate.title, type: candidate.type })),
    };
  }
  if (!suggestion) throw notFound();
  const type = known(TOOLKIT_TYPES)([suggestion.type])[0] ?? "guide";
  return {
    ...shared,
    kind: "suggestion" as const,
    description: suggestion.summary.length > 300 ? `${suggestion.summary.slice(0, 297).trimEnd()}…` : suggestion.summary,
    entry: {
      slug: suggestion.slug,
      title: suggestion.title,
      summary: paragraphs(suggestion.summary),
      howToUse: paragraphs(suggestion.howToUse),
      type,
      publisher: suggestion.publisher,
      year: suggestion.year,
      licence: suggestion.licence,
      sourceUrl: suggestion.sourceUrl,
      topics: known(TOPICS)(suggestion.topics),
      audiences: known(AUDIENCES)(suggestion.audiences),
      regions: known(REGIONS)(suggestion.regions),
      languages: suggestion.languages.map(getLanguageName),
      lastReviewed: suggestion.reviewedAt ? suggestion.reviewedAt.toISOString().slice(0, 10) : null,
    },
    // Lessons link to file entries only, and related entries are computed among the files.
    lessons: [] as Awaited<ReturnType<typeof getLessonsLinkingTo>>,
    related: [] as Array<{ slug: string; title: string; type: (typeof TOOLKIT_TYPES)[number] }>,
  };
}

/** On client-side navigations, fetch the compiled body before rendering. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  if (data.kind === "file") await loadMdxScript(data.entry.codeId);
  return data;
}

/** Votes and saves. Members only: an anonymous POST is sent to sign in and back here. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.entrySlug ?? "";
  const parsed = EntryCommunityActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw badRequest("Unknown action.");
  const command = parsed.data;
  let result: CommunityResult;
  if (command.intent === "vote") {
    result = await castVote(user.id, slug, command.useful);
  } else if (command.intent === "save") {
    result = await saveEntry(user.id, slug);
  } else {
    result = (await findToolkitEntrySummary(slug)) ? { ok: true } : { ok: false, reason: "not-found" };
    if (result.ok) await unsaveEntry(user.id, slug);
  }
  if (!result.ok) throw notFound();
  return { intent: command.intent };
}

export default function ToolkitEntryPage() {
  const data = useLoaderData<typeof loader>();
  const { entry, lessons, related } = data;
  return (
    <div className="container">
      <p className="breadcrumbs">
        <Link to="/toolkit">{t("toolkit.heading")}</Link> › {t(`toolkit.typeOne.${entry.type}`)}
      </p>
      <article aria-labelledby="entry-title" className="toolkit-entry">
        <h1 id="entry-title">{entry.title}</h1>
        {data.kind === "file" && data.entry.publishedTitle ? (
          <p className="card__meta">{t("toolkit.publishedAs", { title: data.entry.publishedTitle })}</p>
        ) : null}
        {data.kind === "file" ? (
          <p className="lead prose">{data.entry.summary}</p>
        ) : (
          <div className="lead prose plain-text">
            {data.entry.summary.map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
          </div>
        )}
        <p>
          <a href={entry.sourceUrl} rel="noopener noreferrer" className="button">
            {t("toolkit.openOriginal")}
          </a>{" "}
          <span className="card__meta">{t("toolkit.openOriginalHint")}</span>
        </p>
        <div className="toolkit-entry__layout">
          {data.kind === "file" ? (
            <div className="prose">
              <MdxContent codeId={data.entry.codeId} />
            </div>
          ) : (
            <div className="prose plain-text">
              <p className="member-suggested">{t("toolkitCommunity.memberSuggested")}</p>
              <h2>{t("toolkitCommunity.howToUse")}</h2>
              {data.entry.howToUse.map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
            </div>
          )}
          <aside aria-labelledby="details-heading" className="card">
            <h2 id="details-heading" className="h3">
              {t("toolkit.details")}
            </h2>
            <dl className="details">
              <dt>{t("toolkit.kind")}</dt>
              <dd>{t(`toolkit.typeOne.${entry.type}`)}</dd>
              <dt>{t("toolkit.publisher")}</dt>
              <dd>{entry.publisher}</dd>
              <dt>{t("toolkit.year")}</dt>
              <dd>{entry.year}</dd>
              <dt>{t("toolkit.licence")}</dt>
              <dd>{licenceLabel(entry.licence)}</dd>
              <dt>{t("toolkit.topics")}</dt>
              <dd>{entry.topics.map(topicLabel).join(", ")}</dd>
              <dt>{t("toolkit.audiences")}</dt>
              <dd>{entry.audiences.map(audienceLabel).join(", ")}</dd>
              <dt>{t("toolkit.regions")}</dt>
              <dd>{entry.regions.map((region) => t(`toolkit.region.${region}`)).join(", ")}</dd>
              <dt>{t("toolkit.languages")}</dt>
              <dd>{entry.languages.join(", ")}</dd>
              {entry.lastReviewed ? (
                <>
                  <dt>{data.kind === "file" ? t("toolkit.lastReviewed") : t("toolkitCommunity.reviewed")}</dt>
                  <dd>{entry.lastReviewed}</dd>
                </>
              ) : null}
            </dl>
          </aside>
        </div>
      </article>
      <CommunityPanel />
      {lessons.length ? (
        <section aria-labelledby="used-in">
          <h2 id="used-in">{t("toolkit.usedIn")}</h2>
          <ul>
            {lessons.map((lesson) => (
              <li key={`${lesson.courseSlug}/${lesson.lessonSlug}`}>
                <Link to={`/courses/${lesson.courseSlug}/${lesson.lessonSlug}`}>{lesson.lessonTitle}</Link> ({lesson.courseTitle})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {related.length ? (
        <section aria-labelledby="related">
          <h2 id="related">{t("toolkit.related")}</h2>
          <ul>
            {related.map((candidate) => (
              <li key={candidate.slug}>
                <Link to={`/toolkit/${candidate.slug}`}>{candidate.title}</Link> · {t(`toolkit.typeOne.${candidate.type}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        {t("toolkitCommunity.suggestPrompt")} <Link to="/toolkit/suggest">{t("toolkitCommunity.suggestLink")}</Link>
      </p>
    </div>
  );
}

/**
 * "Was this useful?" and "save to my toolkit". Plain POST forms without JavaScript; with it,
 * fetchers, so the page neither reloads nor jumps, and the status lines announce the new state.
 */
function CommunityPanel() {
  const { community, isSignedIn, signInHref } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const voteFetcher = useFetcher<typeof action>({ key: "toolkit-vote" });
  const saveFetcher = useFetcher<typeof action>({ key: "toolkit-save" });

  // While a submission is in flight, show the state it asks for.
  const pendingVote = voteFetcher.formData?.get("useful");
  const myVote = pendingVote === "yes" ? true : pendingVote === "no" ? false : community.myVote;
  const pendingSave = saveFetcher.formData?.get("intent");
  const isSaved = pendingSave === "save" ? true : pendingSave === "unsave" ? false : community.isSaved;
  const lastSaveIntent = saveFetcher.data?.intent ?? actionData?.intent;

  const { usefulCount, notUsefulCount } = community;
  return (
    <div className="community-panel">
      <section aria-labelledby="useful-heading" className="card">
        <h2 id="useful-heading" className="h3">
          {t("toolkitCommunity.usefulHeading")}
        </h2>
        <p>
          {usefulCount + notUsefulCount > 0
            ? t("toolkitCommunity.usefulCount", { count: usefulCount })
            : t("toolkitCommunity.noVotes")}
        </p>
        {isSignedIn ? (
          <>
            <voteFetcher.Form method="post" aria-labelledby="useful-heading">
              <input type="hidden" name="intent" value="vote" />
              <button type="submit" name="useful" value="yes" className="vote-button" aria-pressed={myVote === true}>
                {t("toolkitCommunity.yes")}
              </button>
              <button type="submit" name="useful" value="no" className="vote-button" aria-pressed={myVote === false}>
                {t("toolkitCommunity.no")}
              </button>
            </voteFetcher.Form>
            <p role="status">
              {myVote === true ? t("toolkitCommunity.votedUseful") : myVote === false ? t("toolkitCommunity.votedNotUseful") : null}
            </p>
          </>
        ) : (
          <p>
            <Link to={signInHref}>{t("toolkitCommunity.signInToVote")}</Link>
          </p>
        )}
      </section>
      {isSignedIn ? (
        <section aria-labelledby="save-heading" className="card">
          <h2 id="save-heading" className="h3">
            {t("nav.myToolkit")}
          </h2>
          <saveFetcher.Form method="post">
            <input type="hidden" name="intent" value={isSaved ? "unsave" : "save"} />
            <button type="submit" className="button--secondary">
              {isSaved ? t("toolkitCommunity.unsave") : t("toolkitCommunity.save")}
            </button>
          </saveFetcher.Form>
          <p role="status">
            {isSaved
              ? t("toolkitCommunity.isSaved")
              : lastSaveIntent === "unsave"
                ? t("toolkitCommunity.removedStatus")
                : null}
          </p>
          <p>
            <Link to="/my-toolkit">{t("toolkitCommunity.openMyToolkit")}</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
