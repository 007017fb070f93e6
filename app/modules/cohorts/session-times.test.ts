import { describe, expect, it } from "vitest";
import {
  describeSessionTimes,
  instantToWallTime,
  sessionTimesFromWallTimes,
  wallTimeToInstant,
} from "./session-times";

function instantOf(localDateTime: string, zone: string): string {
  const result = wallTimeToInstant(localDateTime, zone);
  if (!result.ok) throw new Error(`${localDateTime} in ${zone}: ${result.problem}`);
  return result.instant.toISOString();
}

// Europe moves its clocks on the last Sundays of March and October, the United States on the
// second Sunday of March and the first of November, and Sydney, in the other hemisphere, on the
// first Sundays of April (back) and October (forward): the same wall time is a different UTC
// instant on each side of each date.
describe("wall-clock times in the facilitator's zone become the right instants", () => {
  it("Europe/Paris, either side of 28 March 2027", () => {
    expect(instantOf("2027-03-27T14:00", "Europe/Paris")).toBe("2027-03-27T13:00:00.000Z");
    expect(instantOf("2027-03-28T14:00", "Europe/Paris")).toBe("2027-03-28T12:00:00.000Z");
  });

  it("America/New_York, either side of 14 March 2027, when Paris has not changed yet", () => {
    expect(instantOf("2027-03-13T10:00", "America/New_York")).toBe("2027-03-13T15:00:00.000Z");
    expect(instantOf("2027-03-15T10:00", "America/New_York")).toBe("2027-03-15T14:00:00.000Z");
    // Between the two changes New York is four hours behind Paris, not the usual six.
    const paris = wallTimeToInstant("2027-03-20T16:00", "Europe/Paris");
    const newYork = wallTimeToInstant("2027-03-20T11:00", "America/New_York");
    expect(paris.ok && newYork.ok && paris.instant.getTime() === newYork.instant.getTime()).toBe(
      true,
    );
  });

  it("Australia/Sydney, where April's change moves clocks back", () => {
    expect(instantOf("2027-04-03T18:00", "Australia/Sydney")).toBe("2027-04-03T07:00:00.000Z");
    expect(instantOf("2027-04-04T18:00", "Australia/Sydney")).toBe("2027-04-04T08:00:00.000Z");
  });

  it("refuses a time the clocks skip, rather than moving it", () => {
    expect(wallTimeToInstant("2027-03-28T02:30", "Europe/Paris")).toEqual({
      ok: false,
      problem: "skipped-by-clock-change",
    });
    expect(wallTimeToInstant("2027-03-14T02:15", "America/New_York")).toEqual({
      ok: false,
      problem: "skipped-by-clock-change",
    });
  });

  it("takes the first of a repeated hour, and says it was repeated", () => {
    const result = wallTimeToInstant("2027-10-31T02:30", "Europe/Paris");
    expect(result).toEqual({
      ok: true,
      instant: new Date("2027-10-31T00:30:00.000Z"),
      isRepeatedHour: true,
    });
    expect(wallTimeToInstant("2027-10-31T04:30", "Europe/Paris")).toMatchObject({
      isRepeatedHour: false,
    });
  });

  it("refuses malformed values and unknown zones", () => {
    expect(wallTimeToInstant("2027-02-30T10:00", "Europe/Paris")).toEqual({
      ok: false,
      problem: "invalid",
    });
    expect(wallTimeToInstant("tomorrow", "Europe/Paris")).toEqual({
      ok: false,
      problem: "invalid",
    });
    expect(wallTimeToInstant("2027-03-01T10:00", "Mars/Olympus")).toEqual({
      ok: false,
      problem: "unknown-zone",
    });
  });

  it("round-trips to the value a datetime-local input shows", () => {
    expect(instantToWallTime(new Date("2027-03-28T12:00:00Z"), "Europe/Paris")).toBe(
      "2027-03-28T14:00",
    );
  });
});

describe("a session's start and end", () => {
  it("may run past midnight", () => {
    const result = sessionTimesFromWallTimes({
      startsAt: "2027-05-10T23:00",
      endsAt: "2027-05-11T00:30",
      zone: "Africa/Nairobi",
    });
    expect(result).toEqual({
      ok: true,
      startsAt: new Date("2027-05-10T20:00:00Z"),
      endsAt: new Date("2027-05-10T21:30:00Z"),
      zone: "Africa/Nairobi",
    });
  });

  it("lasts its real length across a clock change: 01:00 to 04:00 on the night Paris goes back is four hours", () => {
    const result = sessionTimesFromWallTimes({
      startsAt: "2027-10-31T01:00",
      endsAt: "2027-10-31T04:00",
      zone: "Europe/Paris",
    });
    expect(result.ok && (result.endsAt.getTime() - result.startsAt.getTime()) / 3_600_000).toBe(4);
  });

  it("must end after it starts, and names the field at fault", () => {
    expect(
      sessionTimesFromWallTimes({
        startsAt: "2027-05-10T10:00",
        endsAt: "2027-05-10T09:00",
        zone: "Europe/Paris",
      }),
    ).toEqual({
      ok: false,
      field: "endsAt",
      problem: "ends-before-start",
    });
    expect(
      sessionTimesFromWallTimes({
        startsAt: "2027-05-10T10:00",
        endsAt: "2027-05-10T10:00",
        zone: "Europe/Paris",
      }),
    ).toMatchObject({
      field: "endsAt",
    });
    expect(
      sessionTimesFromWallTimes({
        startsAt: "2027-03-28T02:30",
        endsAt: "2027-03-28T04:00",
        zone: "Europe/Paris",
      }),
    ).toEqual({
      ok: false,
      field: "startsAt",
      problem: "skipped-by-clock-change",
    });
    expect(
      sessionTimesFromWallTimes({
        startsAt: "2027-05-10T10:00",
        endsAt: "2027-05-10T11:00",
        zone: "Nowhere/Else",
      }),
    ).toMatchObject({
      field: "zone",
    });
  });
});

describe("each person sees the times in their own zone, with the zone named", () => {
  const startsAt = new Date("2027-03-20T15:00:00Z");
  const endsAt = new Date("2027-03-20T16:30:00Z");

  it("in Nairobi and in New York (which has already changed its clocks)", () => {
    expect(describeSessionTimes(startsAt, endsAt, "Africa/Nairobi")).toMatchObject({
      when: "Saturday, 20 March 2027, 18:00–19:30",
      zoneName: "East Africa Time",
    });
    expect(describeSessionTimes(startsAt, endsAt, "America/New_York")).toMatchObject({
      when: "Saturday, 20 March 2027, 11:00–12:30",
      zoneName: "Eastern Daylight Time",
    });
  });

  it("with both dates when the session crosses midnight where the viewer is", () => {
    expect(describeSessionTimes(startsAt, endsAt, "Pacific/Auckland").when).toBe(
      "Sunday, 21 March 2027, 04:00–05:30",
    );
    expect(
      describeSessionTimes(
        new Date("2027-03-20T22:30:00Z"),
        new Date("2027-03-20T23:30:00Z"),
        "Europe/Paris",
      ).when,
    ).toBe("Saturday, 20 March 2027, 23:30 – Sunday, 21 March 2027, 00:30");
  });

  it("falls back to UTC for an unknown zone", () => {
    expect(describeSessionTimes(startsAt, endsAt, "Nowhere/Else")).toMatchObject({
      when: "Saturday, 20 March 2027, 15:00–16:30",
      zoneName: "Coordinated Universal Time",
    });
  });
});
