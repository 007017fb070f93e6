import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { type ContentError, zodIssuesToContentErrors } from "../content/errors";
import { ToolkitFrontmatterSchema, type ToolkitFrontmatter } from "./schemas";

export interface ToolkitEntrySummary extends ToolkitFrontmatter {
  slug: string;
}

/**
 * Reads and validates every toolkit entry's frontmatter. The toolkit pages and search come
 * with their own issue; courses already need the ids (ToolkitLink) and titles.
 */
export async function loadToolkitEntrySummaries(
  toolkitDir: string,
): Promise<{ entries: ToolkitEntrySummary[]; errors: ContentError[] }> {
  const files = (await readdir(toolkitDir)).filter((name) => name.endsWith(".mdx")).sort();
  const entries: ToolkitEntrySummary[] = [];
  const errors: ContentError[] = [];
  for (const name of files) {
    const file = path.join(toolkitDir, name);
    const relative = path.relative(process.cwd(), file);
    const slug = name.replace(/\.mdx$/, "");
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
      errors.push({ file: relative, field: "file name", message: "must be lowercase words joined by hyphens" });
      continue;
    }
    let data: unknown;
    try {
      data = matter(await readFile(file, "utf8")).data;
    } catch (error) {
      errors.push({ file: relative, field: "frontmatter", message: `is not valid YAML: ${String(error)}` });
      continue;
    }
    const parsed = ToolkitFrontmatterSchema.safeParse(data);
    if (!parsed.success) {
      errors.push(...zodIssuesToContentErrors(relative, parsed.error.issues));
      continue;
    }
    entries.push({ slug, ...parsed.data });
  }
  return { entries, errors };
}
