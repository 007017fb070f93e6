/**
 * The one access rule of discussions: what a viewer may do in a place is asked of the place's
 * owner. Community categories, lessons and toolkit entries belong to the site (everyone reads,
 * members post, moderators moderate). A space belongs to something with members of its own (a
 * cohort, a matching conversation), which registers a resolver with `registerSpaceOwner`; a
 * space whose owner registered nothing is closed to everyone.
 */
import { eq } from "drizzle-orm";
import { discussionCategories, type DISCUSSION_PLACE_KINDS } from "../../../db/schema";
import type { Role } from "~/modules/auth/roles";
import { db } from "~/utils/db.server";
import { getSiteContent } from "../content/content.server";
import { findToolkitEntrySummary } from "../toolkit/community.server";

export type PlaceKind = (typeof DISCUSSION_PLACE_KINDS)[number];

/**
 * Where a thread lives. `id` is a category's slug, "<courseSlug>/<lessonSlug>" for a lesson, an
 * entry's slug for a toolkit entry, and "<ownerKind>:<ownerId>" for a space ("cohort:42").
 */
export interface Place {
  kind: PlaceKind;
  id: string;
}

/** Who is asking: a signed-in member with their roles, or null for a visitor. */
export type Viewer = { id: string; roles: readonly Role[] } | null;

export interface PlaceAccess {
  read: boolean;
  post: boolean;
  moderate: boolean;
}

export const NO_ACCESS: PlaceAccess = { read: false, post: false, moderate: false };

/** Answers, for a space of this owner kind, what `viewer` may do in the space `ownerId`. */
export type SpaceAccessResolver = (viewer: Viewer, ownerId: string) => Promise<PlaceAccess> | PlaceAccess;

const spaceOwners = new Map<string, SpaceAccessResolver>();

/** Called once by each module that owns spaces (cohorts: `registerSpaceOwner("cohort", ...)`). */
export function registerSpaceOwner(ownerKind: string, resolver: SpaceAccessResolver): void {
  if (!/^[a-z][a-z0-9-]*$/.test(ownerKind)) throw new Error(`bad space owner kind: ${ownerKind}`);
  spaceOwners.set(ownerKind, resolver);
}

/** For tests: forgets a registered owner. */
export function unregisterSpaceOwner(ownerKind: string): void {
  spaceOwners.delete(ownerKind);
}

export function spacePlace(ownerKind: string, ownerId: string): Place {
  return { kind: "space", id: `${ownerKind}:${ownerId}` };
}

export function parseSpaceId(id: string): { ownerKind: string; ownerId: string } | null {
  const separator = id.indexOf(":");
  if (separator <= 0 || separator === id.length - 1) return null;
  return { ownerKind: id.slice(0, separator), ownerId: id.slice(separator + 1) };
}

/** Site moderators and admins moderate the site's own places. */
export function isSiteModerator(viewer: Viewer): boolean {
  return Boolean(viewer?.roles.some((role) => role === "moderator" || role === "admin"));
}

/** Places open to everyone: their threads may be indexed in the site search. */
export function isPublicPlaceKind(kind: PlaceKind): boolean {
  return kind !== "space";
}

/** What `viewer` may do in `place`. It does not check that the place exists (see `placeExists`). */
export async function getPlaceAccess(viewer: Viewer, place: Place): Promise<PlaceAccess> {
  if (place.kind === "space") {
    const parsed = parseSpaceId(place.id);
    const resolver = parsed && spaceOwners.get(parsed.ownerKind);
    if (!parsed || !resolver) return NO_ACCESS;
    const access = await resolver(viewer, parsed.ownerId);
    // Whoever may not read may do nothing else either, whatever a resolver says.
    return access.read ? access : NO_ACCESS;
  }
  return { read: true, post: viewer !== null, moderate: isSiteModerator(viewer) };
}

/** Whether a thread can be started in `place`: a known category, lesson or entry, or a space with an owner. */
export async function placeExists(place: Place): Promise<boolean> {
  switch (place.kind) {
    case "category": {
      const [row] = await db
        .select({ id: discussionCategories.id })
        .from(discussionCategories)
        .where(eq(discussionCategories.slug, place.id));
      return Boolean(row);
    }
    case "lesson": {
      const [courseSlug, lessonSlug, ...rest] = place.id.split("/");
      if (!courseSlug || !lessonSlug || rest.length > 0) return false;
      const course = (await getSiteContent()).catalog.courses.find((candidate) => candidate.slug === courseSlug);
      return Boolean(course?.lessons.some((lesson) => lesson.slug === lessonSlug));
    }
    case "toolkit-entry": {
      return Boolean(await findToolkitEntrySummary(place.id));
    }
    case "space": {
      const parsed = parseSpaceId(place.id);
      return Boolean(parsed && spaceOwners.has(parsed.ownerKind));
    }
  }
}
