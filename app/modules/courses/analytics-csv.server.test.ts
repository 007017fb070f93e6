import { describe, expect, it } from "vitest";
import { courseAnalyticsToCsv } from "./analytics-csv.server";
import type { CourseAnalytics } from "./analytics.server";

const labels = { other: "Other (smaller groups)", notGiven: "Not given" };

const analytics: CourseAnalytics = {
  courses: [{ slug: "privacy", title: "Privacy", enrolled: 7, completed: 2, lessons: [{ slug: "intro", title: "Intro", completed: 3 }] }],
  hardestChecks: [
    {
      courseSlug: "privacy",
      courseTitle: "Privacy",
      lessonTitle: "Intro",
      checkId: "q1",
      question: '=HYPERLINK("http://evil.example","Open")',
      answered: 6,
      wrongFirst: 4,
      wrongRate: 4 / 6,
    },
  ],
  bySector: { rows: [{ group: "@government", people: 5, enrolled: 5, completed: 1 }], other: null },
  byCountry: { rows: [{ group: "-1+2", people: 6, enrolled: 6, completed: 2 }], other: { group: null, people: 3, enrolled: 3, completed: 0 } },
};

describe("courseAnalyticsToCsv", () => {
  const lines = courseAnalyticsToCsv(analytics, labels).trim().split("\n");

  it("has one header and one row per course, lesson, check and group", () => {
    expect(lines[0]).toBe("section,course,lesson,group,people,enrolled,completed,answered,wrong_first_answers,question");
    expect(lines).toContain("course,privacy,,,,7,2,,,");
    expect(lines).toContain("lesson,privacy,intro,,,,3,,,");
    expect(lines).toContain("country,,,Other (smaller groups),3,3,0,,,");
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(lines).toContain(`knowledge-check,privacy,q1,,,,,6,4,"'=HYPERLINK(""http://evil.example"",""Open"")"`);
    expect(lines).toContain("sector,,,'@government,5,5,1,,,");
    expect(lines).toContain("country,,,'-1+2,6,6,2,,,");
  });
});
