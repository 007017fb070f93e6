import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { type ContentError, zodIssuesToContentErrors } from "../content/errors";
import { type CompiledMdx, compileMdxCached, type MdxHeading } from "../content/mdx.server";
import { registerMdxCode } from "../content/mdx-registry.server";
import {
  type CourseFrontmatter,
  CourseFrontmatterSchema,
  type KnowledgeCheck,
  LessonFrontmatterSchema,
} from "./schemas";

export const MIN_LESSON_WORDS = 600;
const WORDS_PER_MINUTE = 200;

/** The components authors may use in lessons (content/README.md); anything else is a typo. */
export const LESSON_COMPONENTS = [
  "Callout",
  "KeyTerm",
  "CaseStudy",
  "Figure",
  "ToolkitLink",
  "KnowledgeCheck",
  "Reflection",
] as const;

export interface Reflection {
  id: string;
  prompt: string;
}

export interface Lesson {
  slug: string;
  courseSlug: string;
  title: string;
  summary: string;
  minutes: number;
  order: number;
  wordCount: number;
  readingMinutes: number;
  headings: MdxHeading[];
  checks: KnowledgeCheck[];
  reflections: Reflection[];
  toolkitIds: string[];
  keyTerms: Array<{ term: string; definition: string }>;
  /** The compiled MDX, served to browsers as /content-code/<codeId>.js. */
  codeId: string;
}

export interface Course extends CourseFrontmatter {
  slug: string;
  introCodeId: string;
  lessons: Lesson[];
}

export interface GlossaryTerm {
  term: string;
  definition: string;
  courseSlug: string;
  lessonSlug: string;
  lessonTitle: string;
}

export interface CourseCatalog {
  courses: Course[];
  glossary: GlossaryTerm[];
  errors: ContentError[];
  stats: { files: number; compiled: number; fromCache: number };
}

interface CatalogOptions {
  coursesDir: string;
  cacheDir: string;
  /** Read-only caches to try before compiling (the build's, see content.server.ts). */
  sharedCacheDirs?: readonly string[];
  /** Toolkit entry ids that lessons may link to. */
  toolkitIds: ReadonlySet<string>;
}

/** Figures use images beside the course: ./images/<name>.svg|png|jpg|webp. */
export const COURSE_IMAGE_SRC = /^\.\/images\/[a-z0-9]+(?:-[a-z0-9]+)*\.(svg|png|jpg|webp)$/;
const LESSON_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Reads, validates and compiles every course. Never throws for bad content: every problem
 * becomes a ContentError naming the file and the field, so one run lists them all.
 */
export async function buildCourseCatalog(options: CatalogOptions): Promise<CourseCatalog> {
  const catalog: CourseCatalog = { courses: [], glossary: [], errors: [], stats: { files: 0, compiled: 0, fromCache: 0 } };
  const folders = (await readdir(options.coursesDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const folder of folders) {
    const course = await loadCourse(folder, options, catalog);
    if (course) catalog.courses.push(course);
  }
  catalog.glossary = buildGlossary(catalog);
  catalog.courses.sort((a, b) => a.title.localeCompare(b.title, "en"));
  return catalog;
}

function relativePath(file: string) {
  return path.relative(process.cwd(), file);
}

async function compileFile(file: string, options: CatalogOptions, catalog: CourseCatalog) {
  const relative = relativePath(file);
  catalog.stats.files += 1;
  const source = await readFile(file, "utf8");
  try {
    matter(source);
  } catch (error) {
    catalog.errors.push({ file: relative, field: "frontmatter", message: `is not valid YAML: ${String(error)}` });
    return undefined;
  }
  try {
    const { compiled, fromCache } = await compileMdxCached(source, {
      cacheDir: options.cacheDir,
      sharedCacheDirs: options.sharedCacheDirs,
      cwd: path.resolve(path.dirname(file)),
    });
    catalog.stats[fromCache ? "fromCache" : "compiled"] += 1;
    return compiled;
  } catch (error) {
    const message = describeCompileError(error);
    catalog.errors.push({ file: relative, field: "body", message: `does not compile: ${message}` });
    return undefined;
  }
}

async function loadCourse(folder: string, options: CatalogOptions, catalog: CourseCatalog) {
  const courseDir = path.join(options.coursesDir, folder);
  const indexFile = path.join(courseDir, "index.mdx");
  if (!SLUG.test(folder)) {
    catalog.errors.push({ file: relativePath(courseDir), field: "folder name", message: "must be lowercase words joined by hyphens" });
    return undefined;
  }
  const names = await readdir(courseDir);
  if (!names.includes("index.mdx")) {
    catalog.errors.push({ file: relativePath(indexFile), field: "file", message: "is missing" });
    return undefined;
  }
  const intro = await compileFile(indexFile, options, catalog);
  if (!intro) return undefined;
  const frontmatter = CourseFrontmatterSchema.safeParse(intro.frontmatter);
  if (!frontmatter.success) {
    catalog.errors.push(...zodIssuesToContentErrors(relativePath(indexFile), frontmatter.error.issues));
    return undefined;
  }

  const lessons: Lesson[] = [];
  const seenCheckIds = new Set<string>();
  const seenReflectionIds = new Set<string>();
  for (const name of names.filter((entry) => entry.endsWith(".mdx") && entry !== "index.mdx").sort()) {
    const file = path.join(courseDir, name);
    const match = LESSON_FILE.exec(name);
    if (!match?.[2]) {
      catalog.errors.push({ file: relativePath(file), field: "file name", message: "must look like 01-lesson-slug.mdx" });
      continue;
    }
    const compiled = await compileFile(file, options, catalog);
    if (!compiled) continue;
    const lesson = toLesson(match[2], folder, file, compiled, options, catalog, { seenCheckIds, seenReflectionIds });
    if (lesson) lessons.push(lesson);
  }
  if (lessons.length === 0) {
    catalog.errors.push({ file: relativePath(courseDir), field: "lessons", message: "a course needs at least one lesson" });
  }
  lessons.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  return { slug: folder, ...frontmatter.data, introCodeId: registerMdxCode(intro.code, intro.plainText), lessons };
}

function toLesson(
  slug: string,
  courseSlug: string,
  file: string,
  compiled: CompiledMdx,
  options: CatalogOptions,
  catalog: CourseCatalog,
  seen: { seenCheckIds: Set<string>; seenReflectionIds: Set<string> },
): Lesson | undefined {
  const relative = relativePath(file);
  const parsed = LessonFrontmatterSchema.safeParse(compiled.frontmatter);
  if (!parsed.success) {
    catalog.errors.push(...zodIssuesToContentErrors(relative, parsed.error.issues));
    return undefined;
  }
  const frontmatter = parsed.data;
  const problems: ContentError[] = [];
  const at = (line: number | undefined) => (line ? ` (line ${line})` : "");

  if (compiled.wordCount < MIN_LESSON_WORDS) {
    problems.push({ file: relative, field: "body", message: `has ${compiled.wordCount} words; a lesson needs at least ${MIN_LESSON_WORDS}` });
  }
  for (const check of frontmatter.checks) {
    if (seen.seenCheckIds.has(check.id)) {
      problems.push({ file: relative, field: `checks.${check.id}`, message: "id is used twice in this course" });
    }
    seen.seenCheckIds.add(check.id);
  }

  const placedChecks = new Set<string>();
  const reflections: Reflection[] = [];
  const toolkitIds: string[] = [];
  const keyTerms: Lesson["keyTerms"] = [];
  for (const use of compiled.components) {
    if (!(LESSON_COMPONENTS as readonly string[]).includes(use.name)) {
      // Lower-case names are HTML elements, which MDX allows.
      if (/^[A-Z]/.test(use.name)) {
        problems.push({ file: relative, field: "body", message: `<${use.name}>${at(use.line)} is not a known component` });
      }
      continue;
    }
    const { attributes } = use;
    if (use.name === "KnowledgeCheck") {
      const id = attributes.id ?? "";
      if (!frontmatter.checks.some((check) => check.id === id)) {
        problems.push({ file: relative, field: "body", message: `<KnowledgeCheck id="${id}">${at(use.line)} has no matching entry in checks` });
      }
      placedChecks.add(id);
    } else if (use.name === "ToolkitLink") {
      const id = attributes.id ?? "";
      if (!options.toolkitIds.has(id)) {
        problems.push({ file: relative, field: "body", message: `<ToolkitLink id="${id}">${at(use.line)} links to a toolkit entry that does not exist` });
      }
      toolkitIds.push(id);
    } else if (use.name === "Figure") {
      if (!attributes.alt?.trim()) problems.push({ file: relative, field: "body", message: `<Figure>${at(use.line)} needs alt text` });
      if (!attributes.caption?.trim()) problems.push({ file: relative, field: "body", message: `<Figure>${at(use.line)} needs a caption` });
      const src = attributes.src ?? "";
      if (!COURSE_IMAGE_SRC.test(src) || !existsSync(path.join(path.dirname(file), src))) {
        problems.push({ file: relative, field: "body", message: `<Figure src="${src}">${at(use.line)} must name an image in this course's images folder` });
      }
    } else if (use.name === "Reflection") {
      const id = attributes.id ?? "";
      if (!SLUG.test(id) || !attributes.prompt?.trim()) {
        problems.push({ file: relative, field: "body", message: `<Reflection>${at(use.line)} needs an id (lowercase-with-hyphens) and a prompt` });
      } else if (seen.seenReflectionIds.has(id)) {
        problems.push({ file: relative, field: "body", message: `<Reflection id="${id}">${at(use.line)} id is used twice in this course` });
      } else {
        seen.seenReflectionIds.add(id);
        reflections.push({ id, prompt: attributes.prompt });
      }
    } else if (use.name === "KeyTerm") {
      const term = attributes.term?.trim();
      const definition = attributes.definition?.trim();
      if (!term || !definition) {
        problems.push({ file: relative, field: "body", message: `<KeyTerm>${at(use.line)} needs a term and a definition` });
      } else {
        keyTerms.push({ term, definition });
      }
    } else if (use.name === "Callout") {
      if (attributes.type && !["note", "tip", "warning"].includes(attributes.type)) {
        problems.push({ file: relative, field: "body", message: `<Callout type="${attributes.type}">${at(use.line)} must be note, tip or warning` });
      }
    }
  }
  for (const check of frontmatter.checks) {
    if (!placedChecks.has(check.id)) {
      problems.push({ file: relative, field: `checks.${check.id}`, message: "is never placed with <KnowledgeCheck id=...> in the body" });
    }
  }
  if (problems.length) {
    catalog.errors.push(...problems);
    return undefined;
  }
  return {
    slug,
    courseSlug,
    title: frontmatter.title,
    summary: frontmatter.summary,
    minutes: frontmatter.minutes,
    order: frontmatter.order,
    wordCount: compiled.wordCount,
    readingMinutes: Math.max(1, Math.round(compiled.wordCount / WORDS_PER_MINUTE)),
    headings: compiled.headings,
    checks: frontmatter.checks,
    reflections,
    toolkitIds: [...new Set(toolkitIds)],
    keyTerms,
    codeId: registerMdxCode(compiled.code, compiled.plainText),
  };
}

/** Every KeyTerm, defined once: the same term with two different definitions is an error. */
function buildGlossary(catalog: CourseCatalog): GlossaryTerm[] {
  const byTerm = new Map<string, GlossaryTerm>();
  for (const course of catalog.courses) {
    for (const lesson of course.lessons) {
      for (const { term, definition } of lesson.keyTerms) {
        const key = term.toLowerCase();
        const existing = byTerm.get(key);
        if (!existing) {
          byTerm.set(key, { term, definition, courseSlug: course.slug, lessonSlug: lesson.slug, lessonTitle: lesson.title });
        } else if (existing.definition !== definition) {
          catalog.errors.push({
            file: `content/courses/${course.slug}`,
            field: `KeyTerm "${term}"`,
            message: `is defined differently in ${existing.courseSlug}/${existing.lessonSlug} and ${course.slug}/${lesson.slug}`,
          });
        }
      }
    }
  }
  return [...byTerm.values()].sort((a, b) => a.term.localeCompare(b.term, "en"));
}

/** esbuild reports MDX syntax errors in `errors[]` with a location; say the first one plainly. */
function describeCompileError(error: unknown): string {
  const first = (error as { errors?: Array<{ text?: string; location?: { line?: number } | null }> }).errors?.[0];
  if (first?.text) return first.location?.line ? `${first.text} (line ${first.location.line})` : first.text;
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
}
