import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import GithubSlugger from "github-slugger";
import { toString } from "mdast-util-to-string";
import rehypeSlug from "rehype-slug";
import { visit } from "unist-util-visit";
import { z } from "~/utils/zod";

/** Bump when the compiler's options or the extracted metadata change: old cache entries then miss. */
const COMPILER_VERSION = "1";

export interface MdxHeading {
  depth: 2 | 3;
  text: string;
  id: string;
}

/** A use of one of our MDX components, with its string attributes, in document order. */
export interface MdxComponentUse {
  name: string;
  attributes: Record<string, string>;
  /** Text inside the element (a KeyTerm's visible words, for example). */
  text: string;
  line: number | undefined;
}

export interface CompiledMdx {
  code: string;
  /** Not validated here: each kind of content parses it with its own zod schema. */
  frontmatter: unknown;
  headings: MdxHeading[];
  components: MdxComponentUse[];
  /** Words of body text, components' text included, attributes and frontmatter excluded. */
  wordCount: number;
}

const CompiledMdxSchema = z.object({
  code: z.string(),
  frontmatter: z.unknown(),
  headings: z.array(
    z.object({ depth: z.union([z.literal(2), z.literal(3)]), text: z.string(), id: z.string() }),
  ),
  components: z.array(
    z.object({
      name: z.string(),
      attributes: z.record(z.string(), z.string()),
      text: z.string(),
      line: z.number().optional(),
    }),
  ),
  wordCount: z.number(),
});

interface MdastNode {
  type: string;
  depth?: number;
  name?: string | null;
  value?: string;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: MdastNode[];
  position?: { start: { line: number } };
}

/** A remark plugin that reads the document once for the metadata our pages and checks need. */
function collectMetadata(into: Omit<CompiledMdx, "code" | "frontmatter">) {
  return () => (tree: MdastNode) => {
    const slugger = new GithubSlugger();
    visit(tree as never, (node: MdastNode) => {
      if (node.type === "heading" && (node.depth === 2 || node.depth === 3)) {
        const text = toString(node as never);
        // rehype-slug uses github-slugger in document order too, so the ids match.
        into.headings.push({ depth: node.depth, text, id: slugger.slug(text) });
      }
      if ((node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") && node.name) {
        const attributes: Record<string, string> = {};
        for (const attribute of node.attributes ?? []) {
          if (attribute.type === "mdxJsxAttribute" && attribute.name) {
            attributes[attribute.name] = typeof attribute.value === "string" ? attribute.value : "";
          }
        }
        into.components.push({
          name: node.name,
          attributes,
          text: toString(node as never),
          line: node.position?.start.line,
        });
      }
      if (node.type === "text" || node.type === "inlineCode") {
        into.wordCount += (node.value ?? "").split(/\s+/).filter(Boolean).length;
      }
    });
  };
}

export async function compileMdx(source: string, options: { cwd?: string } = {}): Promise<CompiledMdx> {
  const metadata: Omit<CompiledMdx, "code" | "frontmatter"> = { headings: [], components: [], wordCount: 0 };
  // Loaded only when something must be compiled: a warm start reads everything from the cache.
  const { bundleMDX } = await import("mdx-bundler");
  const result = await bundleMDX({
    source,
    cwd: options.cwd,
    mdxOptions(mdx) {
      mdx.remarkPlugins = [...(mdx.remarkPlugins ?? []), collectMetadata(metadata)];
      mdx.rehypePlugins = [...(mdx.rehypePlugins ?? []), rehypeSlug];
      return mdx;
    },
    esbuildOptions(esbuild) {
      esbuild.minify = true;
      esbuild.target = ["es2020"];
      return esbuild;
    },
  });
  return { code: result.code, frontmatter: result.frontmatter, ...metadata };
}

export function hashSource(source: string): string {
  return createHash("sha256").update(COMPILER_VERSION).update("\0").update(source).digest("hex");
}

/**
 * Compiles through an on-disk cache keyed by the content's hash, so a restart recompiles
 * only the files that changed. `cacheDir` is in the data folder; a corrupt entry is
 * recompiled, never trusted.
 */
export async function compileMdxCached(
  source: string,
  options: { cacheDir: string; cwd?: string },
): Promise<{ compiled: CompiledMdx; fromCache: boolean }> {
  const file = path.join(options.cacheDir, `${hashSource(source)}.json`);
  try {
    const cached = CompiledMdxSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (cached.success) return { compiled: cached.data as CompiledMdx, fromCache: true };
  } catch {
    // Missing or unreadable: compile below.
  }
  const compiled = await compileMdx(source, { cwd: options.cwd });
  await mkdir(options.cacheDir, { recursive: true });
  // Write then rename, so a crash never leaves half a file for the next start to read.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(compiled));
  await rename(temporary, file);
  return { compiled, fromCache: false };
}
