/**
 * iCalendar files for cohort sessions: one session, a whole cohort, or a person's feed.
 *
 * Each event is written in its session's own zone (DTSTART;TZID=...) with that zone's
 * VTIMEZONE, so a calendar app shows a session at the right hour on either side of a clock
 * change, and a facilitator who reads the file sees the times they entered.
 */
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalCalendar, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";

export type CalendarSession = {
  /** Stable across edits, so a calendar app updates the event instead of adding another. */
  uid: string;
  /** Raised at each change of time or status, so subscribed calendars take the new version. */
  sequence: number;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  zone: string;
  /** The session's page on Practica (absolute). */
  url: string;
  /** Only for people who may see it (members and facilitators). */
  meetingLink: string | null;
  isCancelled: boolean;
  updatedAt: Date;
};

export type CalendarInput = {
  name: string;
  description?: string;
  sessions: readonly CalendarSession[];
  /** Absolute URL of this calendar, for apps that show where a subscription comes from. */
  source?: string;
};

export function sessionsToICalendar(input: CalendarInput): string {
  const calendar = new ICalCalendar({
    name: input.name,
    prodId: { company: "Practica", product: "Cohort sessions", language: "EN" },
    ...(input.description ? { description: input.description } : {}),
    ...(input.source ? { source: input.source } : {}),
    // Subscribed feeds: ask apps to look again within a few hours, not days.
    ttl: 60 * 60 * 4,
  });
  // No calendar-wide zone: each event names its own, and the generator writes every one used.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const session of input.sessions) {
    const description = session.meetingLink
      ? `${session.description}\n\nJoin: ${session.meetingLink}\n\n${session.url}`
      : `${session.description}\n\n${session.url}`;
    calendar.createEvent({
      id: session.uid,
      sequence: session.sequence,
      start: DateTime.fromJSDate(session.startsAt).setZone(session.zone),
      end: DateTime.fromJSDate(session.endsAt).setZone(session.zone),
      timezone: session.zone,
      stamp: session.updatedAt,
      lastModified: session.updatedAt,
      summary: session.title,
      description,
      url: session.url,
      location: session.meetingLink ?? null,
      status: session.isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
