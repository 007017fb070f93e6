import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { type ContentError, zodIssuesToContentErrors } from "../content/errors";
import { compileMdxCached } from "../content/mdx.server";
import { registerMdxCode } from "../content/mdx-registry.server";
import { ToolkitFrontmatterSchema, type ToolkitFrontmatter } from "./schemas";

/** The three sections every entry's body has (content/README.md). */
export const REQUIRED_SECTIONS = ["What it is", "When to use it", "Practical steps"] as const;

export interface ToolkitEntry extends ToolkitFrontmatter {
  slug: string;
  wordCount: number;
  /** The compiled body, served to browsers as /content-code/<codeId>.js. */
  codeId: string;
}

/**
 * Reads, validates and compiles every toolkit entry. Bad files become ContentErrors naming
 * the file and the field; they never throw.
 */
export async function loadToolkitEntries(
  toolkitDir: string,
  options: { cacheDir: string; sharedCacheDirs?: readonly string[] },
): Promise<{ entries: ToolkitEntry[]; errors: ContentError[]; stats: { compiled: number; fromCache: number } }> {
  const files = (await readdir(toolkitDir)).filter((name) => name.endsWith(".mdx")).sort();
  const entries: ToolkitEntry[] = [];
  const errors: ContentError[] = [];
  const stats = { compiled: 0, fromCache: 0 };
  for (const name of files) {
    const file = path.join(toolkitDir, name);
    const relative = path.relative(process.cwd(), file);
    const slug = name.replace(/\.mdx$/, "");
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
      errors.push({ file: relative, field: "file name", message: "must be lowercase words joined by hyphens" });
      continue;
    }
    const source = await readFile(file, "utf8");
    try {
      matter(source);
    } catch (error) {
      errors.push({ file: relative, field: "frontmatter", message: `is not valid YAML: ${String(error)}` });
      continue;
    }
    let compiled;
    try {
      const result = await compileMdxCached(source, {
        cacheDir: options.cacheDir,
        sharedCacheDirs: options.sharedCacheDirs,
        cwd: path.resolve(toolkitDir),
      });
      compiled = result.compiled;
      stats[result.fromCache ? "fromCache" : "compiled"] += 1;
    } catch (error) {
      const first = (error as { errors?: Array<{ text?: string }> }).errors?.[0]?.text;
      errors.push({ file: relative, field: "body", message: `does not compile: ${first ?? String(error)}` });
      continue;
    }
    const parsed = ToolkitFrontmatterSchema.safeParse(compiled.frontmatter);
    if (!parsed.success) {
      errors.push(...zodIssuesToContentErrors(relative, parsed.error.issues));
      continue;
    }
    const headings = compiled.headings.filter((heading) => heading.depth === 2).map((heading) => heading.text);
    const missing = REQUIRED_SECTIONS.filter((section) => !headings.includes(section));
    if (missing.length) {
      errors.push({ file: relative, field: "body", message: `is missing the section(s): ${missing.map((m) => `## ${m}`).join(", ")}` });
      continue;
    }
    entries.push({ slug, ...parsed.data, wordCount: compiled.wordCount, codeId: registerMdxCode(compiled.code, compiled.plainText) });
  }
  return { entries, errors, stats };
}
