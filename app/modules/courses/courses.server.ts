import { getSiteContent } from "../content/content.server";
import type { Audience, Level, Topic } from "../content/vocabulary";
import type { Course, Lesson } from "./catalog.server";

export async function listCourses(): Promise<Course[]> {
  return (await getSiteContent()).catalog.courses;
}

export async function getCourse(courseSlug: string): Promise<Course | undefined> {
  return (await listCourses()).find((course) => course.slug === courseSlug);
}

export function getLesson(course: Course, lessonSlug: string): Lesson | undefined {
  return course.lessons.find((lesson) => lesson.slug === lessonSlug);
}

export async function getGlossary() {
  return (await getSiteContent()).catalog.glossary;
}

export interface CourseFilters {
  audience?: Audience;
  level?: Level;
  topic?: Topic;
}

export function filterCourses(courses: Course[], filters: CourseFilters): Course[] {
  return courses.filter(
    (course) =>
      (!filters.audience || course.audiences.includes(filters.audience)) &&
      (!filters.level || course.level === filters.level) &&
      (!filters.topic || course.topics.includes(filters.topic)),
  );
}

/** What a list shows of a course: never the compiled code. */
export function toCourseCard(course: Course) {
  return {
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    audiences: course.audiences,
    level: course.level,
    topics: course.topics,
    estimatedHours: course.estimatedHours,
    lessonCount: course.lessons.length,
  };
}
export type CourseCard = ReturnType<typeof toCourseCard>;

/**
 * Learning paths: for each audience, an ordered selection across courses, the course made
 * for that audience first, then those that widen it.
 */
export const LEARNING_PATHS: Record<Audience, string[]> = {
  "decision-makers": [
    "foundations-of-data-sharing",
    "value-impact-sustainability",
    "data-sharing-agreements-and-governance",
  ],
  analysts: ["foundations-of-data-sharing", "interpreting-private-sector-data", "data-sharing-agreements-and-governance"],
  "legal-governance": ["foundations-of-data-sharing", "data-sharing-agreements-and-governance", "value-impact-sustainability"],
  facilitators: [
    "foundations-of-data-sharing",
    "interpreting-private-sector-data",
    "data-sharing-agreements-and-governance",
    "value-impact-sustainability",
  ],
  "data-holders": ["value-impact-sustainability", "foundations-of-data-sharing", "data-sharing-agreements-and-governance"],
};
