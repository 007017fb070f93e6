/** Where discussion pages live; shared by server code, mail and pages. */

export const DISCUSSIONS_PATH = "/discussions";

export function categoryHref(slug: string): string {
  return `${DISCUSSIONS_PATH}/${encodeURIComponent(slug)}`;
}

export function threadHref(threadId: number): string {
  return `${DISCUSSIONS_PATH}/threads/${threadId}`;
}

/** The id a post's element carries on the thread page, for `#post-<seq>` links. */
export function postAnchor(seq: number): string {
  return `post-${seq}`;
}

/** A permalink to one post: its thread, the page it is on, and its anchor. */
export function postHref(threadId: number, page: number, seq: number): string {
  return `${threadHref(threadId)}?page=${page}#${postAnchor(seq)}`;
}
