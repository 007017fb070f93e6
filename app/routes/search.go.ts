import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/modules/auth/session.server";
import { findSearchResultUrl, recordSearchClick } from "~/modules/search/search-pages.server";
import { parseSearchClickParams } from "~/modules/search/search-params";
import { notFound } from "~/utils/http.server";

/**
 * A search result opened: logs the click, then sends the person to the result (303).
 * The destination comes from the document id, looked up in the site's own content and
 * database, never from a URL in the request, so this cannot be used as an open redirect.
 * An id that names nothing is a 404; a missing or malformed query id still redirects,
 * without logging.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  const { documentId, click } = parseSearchClickParams(new URL(request.url).searchParams);
  const url = documentId ? await findSearchResultUrl(documentId) : null;
  if (!documentId || !url) throw notFound("This search result no longer exists.");
  if (click) await recordSearchClick({ ...click, documentId });
  return redirect(url, { status: 303, headers: { "Cache-Control": "no-store" } });
}
