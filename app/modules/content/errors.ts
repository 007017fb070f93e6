import type { z } from "~/utils/zod";

/** One problem in one content file, said so an author can find and fix it. */
export interface ContentError {
  file: string;
  field: string;
  message: string;
}

export function formatContentError(error: ContentError): string {
  return `${error.file}: ${error.field}: ${error.message}`;
}

export function zodIssuesToContentErrors(file: string, issues: z.core.$ZodIssue[]): ContentError[] {
  return issues.map((issue) => ({
    file,
    field: issue.path.length ? issue.path.join(".") : "frontmatter",
    message: issue.message,
  }));
}
