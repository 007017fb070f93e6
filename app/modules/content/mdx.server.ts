import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import GithubSlugger from "github-slugger";
import { toString } from "mdast-util-to-string";
import rehypeSlug from "rehype-slug";
import { visit } from "unist-util-visit";
import { z } from "~/utils/zod";

/** Bump when the compiler's options or the extracted metadata change: old cache entries then miss. */
const COMPILER_VERSION = "2";

/** Search needs the words, not the whole of a long page: plain text is cut after this many characters. */
export const MAX_PLAIN_TEXT_CHARACTERS = 20_000;

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
  /**
   * The body as plain text for search: no markup, JSX, imports or expressions; a line per
   * block, the prose attributes of components (titles, captions, definitions, prompts)
   * included. At most MAX_PLAIN_TEXT_CHARACTERS.
   */
  plainText: string;
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
  plainText: z.string(),
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

/** Component attributes that readers see as prose (content/README.md), so search should too. */
const PROSE_ATTRIBUTES = new Set(["title", "term", "definition", "caption", "prompt"]);
/** Nodes that are code or data rather than text: ESM, `{expressions}`, frontmatter. */
const NON_TEXT_NODES = new Set(["yaml", "toml", "mdxjsEsm", "mdxFlowExpression", "mdxTextExpression"]);
/** Nodes after which the next text starts on a new line (everything else is inline). */
const BLOCK_NODES = new Set([
  "paragraph",
  "heading",
  "blockquote",
  "list",
  "listItem",
  "code",
  "table",
  "tableRow",
  "thematicBreak",
  "mdxJsxFlowElement",
]);

function proseAttributesOf(node: MdastNode): string[] {
  return (node.attributes ?? [])
    .filter((attribute) => attribute.type === "mdxJsxAttribute" && attribute.name && PROSE_ATTRIBUTES.has(attribute.name))
    .map((attribute) => (typeof attribute.value === "string" ? attribute.value.trim() : ""))
    .filter(Boolean);
}

/**
 * Appends the text of `node` to `parts`. A block component's prose attributes (a case study's
 * title, a figure's caption) come first on lines of their own; an inline component's (a key
 * term's definition) go to `trailing`, so they never split the sentence around them.
 */
function appendPlainText(node: MdastNode, parts: string[], trailing: string[]): void {
  if (NON_TEXT_NODES.has(node.type)) return;
  if (node.type === "text" || node.type === "inlineCode" || node.type === "code") {
    parts.push(node.value ?? "");
  } else if (node.type === "break") {
    parts.push("\n");
  } else if (node.type === "tableCell") {
    parts.push(" ");
  } else if (node.type === "mdxJsxFlowElement") {
    for (const value of proseAttributesOf(node)) parts.push(`\n${value}\n`);
  } else if (node.type === "mdxJsxTextElement") {
    const visible = toString(node as never).trim().toLowerCase();
    trailing.push(...proseAttributesOf(node).filter((value) => value.toLowerCase() !== visible));
  }
  for (const child of node.children ?? []) appendPlainText(child, parts, trailing);
  if (BLOCK_NODES.has(node.type)) parts.push("\n");
}

/** The document's text, one line per block, cut at a word boundary near `maxCharacters`. */
function toPlainText(tree: MdastNode, maxCharacters = MAX_PLAIN_TEXT_CHARACTERS): string {
  const parts: string[] = [];
  const trailing: string[] = [];
  appendPlainText(tree, parts, trailing);
  const text = [...parts, ...trailing.map((value) => `\n${value}`)]
    .join("")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ *\n[\s]*/g, "\n")
    .trim();
  if (text.length <= maxCharacters) return text;
  const cut = text.slice(0, maxCharacters);
  const lastSpace = cut.search(/\s\S*$/);
  return (lastSpace > maxCharacters * 0.9 ? cut.slice(0, lastSpace) : cut).trimEnd();
}

/** A remark plugin that reads the document once for the metadata our pages and checks need. */
function collectMetadata(into: Omit<CompiledMdx, "code" | "frontmatter">) {
  return () => (tree: MdastNode) => {
    into.plainText = toPlainText(tree);
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
  const metadata: Omit<CompiledMdx, "code" | "frontmatter"> = {
    headings: [],
    components: [],
    wordCount: 0,
    plainText: "",
  };
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
 * recompiled, never trusted. `sharedCacheDirs` are read-only caches tried next (the one a
 * build fills, so a fresh data folder does not compile again what the build compiled); a hit
 * there is copied into `cacheDir`.
 */
export async function compileMdxCached(
  source: string,
  options: { cacheDir: string; sharedCacheDirs?: readonly string[] | undefined; cwd?: string },
): Promise<{ compiled: CompiledMdx; fromCache: boolean }> {
  const name = `${hashSource(source)}.json`;
  const file = path.join(options.cacheDir, name);
  const fromPrimary = await readCachedMdx(file);
  if (fromPrimary) return { compiled: fromPrimary, fromCache: true };
  let compiled: CompiledMdx | undefined;
  for (const sharedDir of options.sharedCacheDirs ?? []) {
    compiled = await readCachedMdx(path.join(sharedDir, name));
    if (compiled) break;
  }
  const fromShared = compiled !== undefined;
  compiled ??= await compileMdx(source, { cwd: options.cwd });
  await mkdir(options.cacheDir, { recursive: true });
  // Write then rename, so a crash never leaves half a file for the next start to read.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(compiled));
  await rename(temporary, file);
  return { compiled, fromCache: fromShared };
}

async function readCachedMdx(file: string): Promise<CompiledMdx | undefined> {
  try {
    const cached = CompiledMdxSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return cached.success ? (cached.data as CompiledMdx) : undefined;
  } catch {
    // Missing or unreadable: the caller compiles.
    return undefined;
  }
}
