/**
 * The one check for a redirect target that came from input (a `redirectTo` field, a stored
 * URL): it must resolve to this site. The value is parsed the way a browser parses a
 * Location header (`new URL(value, origin)`: tabs and newlines dropped, backslashes read as
 * slashes, dot segments resolved) and the origins compared; what comes back is only the
 * path, query and hash, never a scheme or host, so the browser cannot be sent elsewhere.
 */

/** Any fixed origin works as the base: only the path of a same-origin result is returned. */
const PLACEHOLDER_ORIGIN = "https://practica.invalid";
const MAX_REDIRECT_LENGTH = 2_000;

export function toSameOriginPath(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "" || value.length > MAX_REDIRECT_LENGTH) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser would read as
  // another host: the path itself must also stay on this origin.
  if (!path.startsWith("/") || new URL(path, PLACEHOLDER_ORIGIN).origin !== PLACEHOLDER_ORIGIN) {
    return undefined;
  }
  return path;
}
