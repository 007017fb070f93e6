import { stringify } from "csv-stringify/sync";
import type { CourseAnalytics } from "./analytics.server";

/** One CSV with a `section` column, so a spreadsheet can filter each table out of it. */
export function courseAnalyticsToCsv(analytics: CourseAnalytics, labels: { other: string; notGiven: string }): string {
  const rows: Array<Array<string | number>> = [
    ["section", "course", "lesson", "group", "people", "enrolled", "completed", "answered", "wrong_first_answers", "question"],
  ];
  for (const course of analytics.courses) {
    rows.push(["course", course.slug, "", "", "", course.enrolled, course.completed, "", "", ""]);
    for (const lesson of course.lessons) {
      rows.push(["lesson", course.slug, lesson.slug, "", "", "", lesson.completed, "", "", ""]);
    }
  }
  for (const check of analytics.hardestChecks) {
    rows.push(["knowledge-check", check.courseSlug, check.checkId, "", "", "", "", check.answered, check.wrongFirst, check.question]);
  }
  for (const [section, table] of [
    ["sector", analytics.bySector],
    ["country", analytics.byCountry],
  ] as const) {
    for (const row of table.rows) {
      rows.push([section, "", "", row.group ?? labels.notGiven, row.people, row.enrolled, row.completed, "", "", ""]);
    }
    if (table.other) {
      rows.push([section, "", "", labels.other, table.other.people, table.other.enrolled, table.other.completed, "", "", ""]);
    }
  }
  return stringify(rows);
}
