import { toCsv, type CsvCell } from "~/utils/csv.server";
import type { CourseAnalytics } from "./analytics.server";

/**
 * One CSV with a `section` column, so a spreadsheet can filter each table out of it. Cells a
 * spreadsheet would run as a formula are defused by toCsv.
 */
export function courseAnalyticsToCsv(analytics: CourseAnalytics, labels: { other: string; notGiven: string }): string {
  const rows: CsvCell[][] = [
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
  return toCsv(rows);
}
