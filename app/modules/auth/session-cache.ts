/**
 * Who a session belongs to, remembered for a moment. Every signed-in request asks (the root
 * loader for the header, then the route), and each answer costs two queries: with the embedded
 * database, which runs in the server's own thread, that was a fifth of a signed-in page's time.
 *
 * Correctness rests on three rules:
 * - any change to sessions, accounts, profiles or roles made through this server forgets every
 *   entry: the modules that make such changes call `forgetCachedSessions()`, and so does the
 *   HTTP server before and after every non-GET request, whatever it changed;
 * - an answer is kept only if nothing was forgotten while it was being looked up (a generation
 *   counter), so a lookup racing a sign-out cannot put the old session back;
 * - entries live SESSION_CACHE_MS at most, which bounds how late this server notices a change
 *   made by another server sharing the PostgreSQL database (or by a script).
 *
 * Lookups of one session that overlap share one query: a page's parallel data requests, or
 * everyone arriving as an entry expires, would otherwise each ask the database.
 *
 * One cache per process: the Remix build and the HTTP server load this module separately, and
 * `remember` keeps it on globalThis for both.
 */
import { remember } from "@epic-web/remember";

export const SESSION_CACHE_MS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry<Value> {
  value: Promise<Value>;
  /** Infinity while the lookup runs: it is shared until it settles. */
  expiresAt: number;
}

interface SessionCache {
  entries: Map<string, Entry<unknown>>;
  generation: number;
}

const cache = (): SessionCache =>
  remember("practica-session-cache", () => ({ entries: new Map(), generation: 0 }));

/**
 * Moves on at every forget. What else is derived from who is signed in (a signed-in person's
 * cached page, app/server/page-cache.ts) holds only while it stays the same.
 */
export function sessionCacheGeneration(): number {
  return cache().generation;
}

/** Forgets every remembered session: call after changing sessions, accounts or roles. */
export function forgetCachedSessions(): void {
  const state = cache();
  state.generation += 1;
  state.entries.clear();
}

/**
 * The remembered answer for `sessionId`, or `load()`'s, remembered when nothing was forgotten
 * meanwhile. `now` is for tests.
 */
export async function rememberSession<Value>(
  sessionId: string,
  load: () => Promise<Value>,
  now: () => number = Date.now,
): Promise<Value> {
  const state = cache();
  const existing = state.entries.get(sessionId);
  if (existing && existing.expiresAt > now()) return existing.value as Promise<Value>;
  if (existing) state.entries.delete(sessionId);
  if (state.entries.size >= MAX_ENTRIES) state.entries.clear();

  const generation = state.generation;
  const entry: Entry<Value> = { value: load(), expiresAt: Number.POSITIVE_INFINITY };
  state.entries.set(sessionId, entry);
  try {
    await entry.value;
  } catch {
    // A failed lookup is not remembered; the caller gets the error.
    if (state.entries.get(sessionId) === entry) state.entries.delete(sessionId);
    return entry.value;
  }
  // Kept only if nothing was forgotten while it ran (a forget also emptied the map).
  if (state.entries.get(sessionId) === entry) {
    if (state.generation === generation) entry.expiresAt = now() + SESSION_CACHE_MS;
    else state.entries.delete(sessionId);
  }
  return entry.value;
}
