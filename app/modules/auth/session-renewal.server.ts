import { AsyncLocalStorage } from "node:async_hooks";

/**
 * lucia extends a session that has lived half its 30 days when it is next validated (the session
 * is then `fresh`); the browser's cookie must be extended too, or an active member is signed out
 * when the first cookie expires. Validation happens deep in getOptionalUser, wherever a loader
 * asks who is signed in, so the server gives each request a place to put the renewed cookie:
 * `withSessionRenewal` around the request, `renewSessionCookie` from the session code.
 */
const renewalTarget = new AsyncLocalStorage<(setCookie: string) => void>();

export function withSessionRenewal<Result>(setCookie: (setCookie: string) => void, run: () => Result): Result {
  return renewalTarget.run(setCookie, run);
}

/** Sends `setCookie` with the response to the request being served (nothing outside one). */
export function renewSessionCookie(setCookie: string): void {
  renewalTarget.getStore()?.(setCookie);
}
