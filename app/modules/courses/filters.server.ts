import { z } from "~/utils/zod";
import { AUDIENCES, LEVELS, TOPICS } from "../content/vocabulary";

/** Catalogue filters from the query string; an unknown value is dropped and reported. */
export function parseCourseFilters(url: URL) {
  const unknown: string[] = [];
  const pick = <T extends string>(name: string, values: readonly [T, ...T[]]): T | undefined => {
    const raw = url.searchParams.get(name);
    if (!raw) return undefined;
    const parsed = z.enum(values).safeParse(raw);
    if (!parsed.success) {
      unknown.push(name);
      return undefined;
    }
    return parsed.data;
  };
  return {
    filters: {
      audience: pick("audience", AUDIENCES),
      level: pick("level", LEVELS),
      topic: pick("topic", TOPICS),
    },
    unknownFilters: unknown,
  };
}
