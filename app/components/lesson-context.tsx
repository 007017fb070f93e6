import { createContext, useContext } from "react";

/** A knowledge check as the page may know it before it is answered: no correct flags. */
export interface ClientKnowledgeCheck {
  id: string;
  question: string;
  options: string[];
}

export interface CheckOutcome {
  checkId: string;
  optionIndex: number;
  isCorrect: boolean;
  feedback: string;
}

export interface LessonContextValue {
  checks: ClientKnowledgeCheck[];
  /** Latest answers of the signed-in learner (or the one just posted), by check id. */
  outcomes: Record<string, CheckOutcome>;
  reflections: Record<string, { prompt: string; body: string }>;
  isSignedIn: boolean;
  signInHref: string;
}

const LessonContext = createContext<LessonContextValue | null>(null);
export const LessonProvider = LessonContext.Provider;

/** Where a course's images are served from, for <Figure src="./images/...">. */
const CourseAssetsContext = createContext<string | null>(null);
export const CourseAssetsProvider = CourseAssetsContext.Provider;
export const useCourseAssetsBase = () => useContext(CourseAssetsContext);

export function useLessonContext(): LessonContextValue {
  const value = useContext(LessonContext);
  if (!value) throw new Error("Lesson components must be rendered inside a LessonProvider");
  return value;
}
