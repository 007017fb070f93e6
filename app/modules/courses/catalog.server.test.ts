import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSiteContent, type SiteContent } from "../content/content.server";
import { formatContentError } from "../content/errors";
import { buildCourseCatalog, MIN_LESSON_WORDS } from "./catalog.server";

let cacheDir: string;
let content: SiteContent;

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "practica-catalog-test-"));
  content = await loadSiteContent({ cacheDir });
}, 120_000);

afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe("the real content in content/", () => {
  it("has no content errors (frontmatter, components, toolkit links, word counts)", () => {
    expect(content.errors.map(formatContentError)).toEqual([]);
  });

  it("has at least four courses of at least five lessons, each lesson long enough", () => {
    expect(content.catalog.courses.length).toBeGreaterThanOrEqual(4);
    for (const course of content.catalog.courses) {
      expect(course.lessons.length, course.slug).toBeGreaterThanOrEqual(5);
      for (const lesson of course.lessons) {
        expect(lesson.wordCount, `${course.slug}/${lesson.slug}`).toBeGreaterThanOrEqual(MIN_LESSON_WORDS);
      }
    }
  });

  it("has knowledge checks in most lessons and links to the toolkit from every course", () => {
    for (const course of content.catalog.courses) {
      const withChecks = course.lessons.filter((lesson) => lesson.checks.length > 0).length;
      expect(withChecks / course.lessons.length, course.slug).toBeGreaterThan(0.5);
      expect(course.lessons.some((lesson) => lesson.toolkitIds.length > 0), course.slug).toBe(true);
      const toolkitIds = new Set(content.toolkit.map((entry) => entry.slug));
      for (const lesson of course.lessons) for (const id of lesson.toolkitIds) expect(toolkitIds.has(id), id).toBe(true);
    }
  });

  it("serves the four audiences the courses are written for", () => {
    const audiences = new Set(content.catalog.courses.flatMap((course) => course.audiences));
    for (const audience of ["decision-makers", "analysts", "legal-governance"]) expect(audiences.has(audience as never)).toBe(true);
  });

  it("builds a glossary from the key terms, one entry per term", () => {
    const terms = content.catalog.glossary.map((term) => term.term.toLowerCase());
    expect(terms.length).toBeGreaterThan(10);
    expect(new Set(terms).size).toBe(terms.length);
  });

  it("has at least 60 toolkit entries with valid frontmatter", () => {
    expect(content.toolkit.length).toBeGreaterThanOrEqual(60);
  });

  it("recompiles nothing on a warm start", async () => {
    const again = await loadSiteContent({ cacheDir });
    expect(again.catalog.stats.compiled).toBe(0);
    expect(again.catalog.stats.fromCache).toBe(again.catalog.stats.files);
  });
});

describe("bad content is reported with its file and field", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "practica-bad-content-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeCourse(slug: string, files: Record<string, string>) {
    await mkdir(path.join(dir, slug), { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, slug, name), text);
  }

  const validIndex = `---
title: A valid course title
summary: A summary that is long enough to pass the schema.
audiences: [analysts]
level: introductory
estimatedHours: 1
topics: [statistics]
outcomes: [Do something measurable afterwards., Explain it to a colleague.]
prerequisites: []
authors: [Test author]
licence: CC-BY-4.0
lastReviewed: 2026-11-25
language: en
---

Intro.
`;
  const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(" ");

  it("names the file and the field at fault", async () => {
    await writeCourse("broken-course", {
      "index.mdx": validIndex.replace("level: introductory", "level: expert").replace("estimatedHours: 1\n", ""),
      "01-first.mdx": `---\ntitle: First\nsummary: A first lesson.\nminutes: 5\norder: 1\n---\n\n${words(700)}\n`,
    });
    await writeCourse("lesson-problems", {
      "index.mdx": validIndex,
      "01-short.mdx": `---\ntitle: Short\nsummary: Too short a lesson.\nminutes: 5\norder: 1\n---\n\n${words(20)}\n`,
      "02-links.mdx": `---
title: Links
summary: A lesson with broken references.
minutes: 5
order: 2
checks:
  - id: two-right
    question: Which one is it, really?
    options:
      - { text: A, correct: true, feedback: Yes it is. }
      - { text: B, correct: true, feedback: Also yes. }
---

${words(650)}

<ToolkitLink id="no-such-entry">a link</ToolkitLink>

<Figure src="./x.svg" caption="A caption" alt="" />

<KnowledgeCheck id="missing-check" />

<Unknown />
`,
    });
    const catalog = await buildCourseCatalog({ coursesDir: dir, cacheDir, toolkitIds: new Set(["real-entry"]) });
    const messages = catalog.errors.map(formatContentError);
    const indexFile = path.relative(process.cwd(), path.join(dir, "broken-course/index.mdx"));
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^${indexFile}: level: `)));
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^${indexFile}: estimatedHours: `)));
    const shortFile = path.relative(process.cwd(), path.join(dir, "lesson-problems/01-short.mdx"));
    expect(messages).toContainEqual(`${shortFile}: body: has 20 words; a lesson needs at least ${MIN_LESSON_WORDS}`);
    const linksFile = path.relative(process.cwd(), path.join(dir, "lesson-problems/02-links.mdx"));
    expect(messages).toContainEqual(`${linksFile}: checks.0.options: must have exactly one option with correct: true`);
    expect(catalog.courses.find((course) => course.slug === "broken-course")).toBeUndefined();
  });

  it("reports broken toolkit links, figures without alt text, unknown components and checks", async () => {
    await rm(dir, { recursive: true, force: true });
    await writeCourse("refs", {
      "index.mdx": validIndex,
      "01-refs.mdx": `---\ntitle: Refs\nsummary: A lesson with broken references.\nminutes: 5\norder: 1\n---\n\n${words(650)}\n\n<ToolkitLink id="no-such-entry">a link</ToolkitLink>\n\n<Figure src="./x.svg" caption="A caption" alt="" />\n\n<KnowledgeCheck id="missing-check" />\n\n<Unknown />\n`,
    });
    const catalog = await buildCourseCatalog({ coursesDir: dir, cacheDir, toolkitIds: new Set(["real-entry"]) });
    const messages = catalog.errors.map((error) => error.message);
    expect(messages).toContainEqual(expect.stringContaining('<ToolkitLink id="no-such-entry">'));
    expect(messages).toContainEqual(expect.stringContaining("<Figure> (line 12) needs alt text"));
    expect(messages).toContainEqual(
      expect.stringContaining(`<Figure src="./x.svg"> (line 12) must name an image in this course's images folder`),
    );
    expect(messages).toContainEqual(expect.stringContaining('<KnowledgeCheck id="missing-check">'));
    expect(messages).toContainEqual(expect.stringContaining("<Unknown> (line 16) is not a known component"));
  });
});
