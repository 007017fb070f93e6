import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { sessionsToICalendar, type CalendarSession } from "./calendar.server";

function session(overrides: Partial<CalendarSession>): CalendarSession {
  return {
    uid: "session-1@practica",
    sequence: 0,
    title: "Session 1: Framing the partnership",
    description: "Agenda; roles, data, and the question",
    startsAt: new Date("2027-03-27T13:00:00Z"),
    endsAt: new Date("2027-03-27T14:30:00Z"),
    zone: "Europe/Paris",
    url: "https://practica.example/cohorts/series/sessions/1",
    meetingLink: null,
    isCancelled: false,
    updatedAt: new Date("2027-03-01T09:00:00Z"),
    ...overrides,
  };
}

/** Parses with ical.js, an independent implementation, and returns each event as plain values. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      zone: event.startDate.zone?.tzid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      wallStart: event.startDate.toString(),
      status: component.getFirstPropertyValue("status"),
      sequence: event.sequence,
    };
  });
}

describe("sessions as iCalendar", () => {
  it("parse back to the same instants on both sides of a clock change, in two zones that change on different dates", () => {
    const text = sessionsToICalendar({
      name: "Data sharing in practice",
      sessions: [
        session({ uid: "before@practica" }),
        session({
          uid: "after@practica",
          startsAt: new Date("2027-03-28T12:00:00Z"),
          endsAt: new Date("2027-03-28T13:30:00Z"),
        }),
        session({
          uid: "new-york@practica",
          zone: "America/New_York",
          startsAt: new Date("2027-03-15T14:00:00Z"),
          endsAt: new Date("2027-03-15T15:00:00Z"),
        }),
      ],
    });
    const events = parse(text);
    expect(events).toMatchObject([
      {
        uid: "before@practica",
        zone: "Europe/Paris",
        start: "2027-03-27T13:00:00.000Z",
        wallStart: "2027-03-27T14:00:00",
      },
      {
        uid: "after@practica",
        zone: "Europe/Paris",
        start: "2027-03-28T12:00:00.000Z",
        wallStart: "2027-03-28T14:00:00",
      },
      {
        uid: "new-york@practica",
        zone: "America/New_York",
        start: "2027-03-15T14:00:00.000Z",
        wallStart: "2027-03-15T10:00:00",
      },
    ]);
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(2);
  });

  it("keeps punctuation and new lines in text, and adds the meeting link only when given", () => {
    const [withoutLink, withLink] = parse(
      sessionsToICalendar({
        name: "Cohort",
        sessions: [
          session({}),
          session({ uid: "linked@practica", meetingLink: "https://meet.example/abc" }),
        ],
      }),
    );
    expect(withoutLink?.summary).toBe("Session 1: Framing the partnership");
    expect(withoutLink?.description).toBe(
      "Agenda; roles, data, and the question\n\nhttps://practica.example/cohorts/series/sessions/1",
    );
    expect(withLink?.description).toContain("Join: https://meet.example/abc");
  });

  it("marks a cancelled session and carries its sequence, so subscribed calendars update it", () => {
    const [event] = parse(
      sessionsToICalendar({
        name: "Cohort",
        sessions: [session({ isCancelled: true, sequence: 3 })],
      }),
    );
    expect(event).toMatchObject({ status: "CANCELLED", sequence: 3 });
  });

  it("is a valid empty calendar when there are no sessions", () => {
    const text = sessionsToICalendar({ name: "Nothing yet", sessions: [] });
    expect(parse(text)).toEqual([]);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
  });
});
