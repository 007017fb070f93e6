/**
 * Session times: a facilitator enters wall-clock times in their own time zone; we store UTC
 * instants and the zone, and show each person the times in theirs, with the zone named.
 *
 * Wall-clock times are not instants: on the night clocks go forward an hour does not exist,
 * and on the night they go back an hour happens twice. Both are decided here, once.
 */
import { DateTime } from "luxon";

export type WallTimeProblem = "invalid" | "unknown-zone" | "skipped-by-clock-change";

export type WallTimeResult =
  { ok: true; instant: Date; isRepeatedHour: boolean } | { ok: false; problem: WallTimeProblem };

/**
 * The UTC instant of a wall-clock time ("2027-03-28T02:30", as an `<input type="datetime-local">`
 * sends it) in an IANA zone. A time the clocks skip is refused rather than moved, so nobody is
 * sent to a session an hour off; in a repeated hour the first occurrence is taken, and flagged.
 */
export function wallTimeToInstant(localDateTime: string, zone: string): WallTimeResult {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(localDateTime))
    return { ok: false, problem: "invalid" };
  if (!DateTime.now().setZone(zone).isValid) return { ok: false, problem: "unknown-zone" };
  const asUtc = DateTime.fromISO(localDateTime, { zone: "utc" });
  if (!asUtc.isValid) return { ok: false, problem: "invalid" };
  // The instants this wall time could be: one per offset in force around it (clock changes
  // are hours apart at most); a candidate counts if it shows this wall time in the zone.
  const offsetsNearby = new Set(
    [-26, -3, 3, 26].map(
      (hours) => DateTime.fromMillis(asUtc.toMillis() + hours * 3_600_000, { zone }).offset,
    ),
  );
  const instants = [...offsetsNearby]
    .map((offset) => asUtc.toMillis() - offset * 60_000)
    .filter(
      (millis) =>
        DateTime.fromMillis(millis, { zone }).toFormat("yyyy-MM-dd'T'HH:mm") === localDateTime,
    )
    .sort((a, b) => a - b);
  const first = instants[0];
  if (first === undefined) return { ok: false, problem: "skipped-by-clock-change" };
  return { ok: true, instant: new Date(first), isRepeatedHour: instants.length > 1 };
}

/** The wall-clock value for a `datetime-local` input showing `instant` in `zone`. */
export function instantToWallTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export type SessionTimesInput = { startsAt: string; endsAt: string; zone: string };

export type SessionTimesResult =
  | { ok: true; startsAt: Date; endsAt: Date; zone: string }
  | {
      ok: false;
      field: "startsAt" | "endsAt" | "zone";
      problem: WallTimeProblem | "ends-before-start";
    };

/** A session's start and end, both in the facilitator's zone; it may run past midnight. */
export function sessionTimesFromWallTimes(input: SessionTimesInput): SessionTimesResult {
  const start = wallTimeToInstant(input.startsAt, input.zone);
  if (!start.ok)
    return {
      ok: false,
      field: start.problem === "unknown-zone" ? "zone" : "startsAt",
      problem: start.problem,
    };
  const end = wallTimeToInstant(input.endsAt, input.zone);
  if (!end.ok) return { ok: false, field: "endsAt", problem: end.problem };
  if (end.instant.getTime() <= start.instant.getTime())
    return { ok: false, field: "endsAt", problem: "ends-before-start" };
  return { ok: true, startsAt: start.instant, endsAt: end.instant, zone: input.zone };
}

export type SessionTimeText = {
  /** "Tuesday, 9 March 2027, 14:00–15:30" or, across midnight, with both dates. */
  when: string;
  /** The zone as the viewer knows it: "Central European Standard Time". */
  zoneName: string;
  /** ISO instants for `<time dateTime>`. */
  startIso: string;
  endIso: string;
};

/** A session's times in the viewer's zone, in words. */
export function describeSessionTimes(
  startsAt: Date,
  endsAt: Date,
  viewerZone: string,
  locale = "en-GB",
): SessionTimeText {
  const zone = DateTime.now().setZone(viewerZone).isValid ? viewerZone : "UTC";
  const start = DateTime.fromJSDate(startsAt, { zone }).setLocale(locale);
  const end = DateTime.fromJSDate(endsAt, { zone }).setLocale(locale);
  const date = (value: DateTime) =>
    value.toLocaleString({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const time = (value: DateTime) =>
    value.toLocaleString({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const sameDay = start.hasSame(end, "day");
  const when = sameDay
    ? `${date(start)}, ${time(start)}–${time(end)}`
    : `${date(start)}, ${time(start)} – ${date(end)}, ${time(end)}`;
  return {
    when,
    zoneName:
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "long" })
        .formatToParts(startsAt)
        .find((part) => part.type === "timeZoneName")?.value ?? zone,
    startIso: startsAt.toISOString(),
    endIso: endsAt.toISOString(),
  };
}

/** The day a session falls on in the viewer's zone: "Saturday, 20 March 2027". */
export function describeSessionDay(instant: Date, viewerZone: string, locale = "en-GB"): string {
  const zone = DateTime.now().setZone(viewerZone).isValid ? viewerZone : "UTC";
  return DateTime.fromJSDate(instant, { zone })
    .setLocale(locale)
    .toLocaleString({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
}
