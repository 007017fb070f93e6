/**
 * Members' posts are markdown, rendered here on the server and sanitized before anyone sees
 * them. Two layers: markdown-it with `html: false` turns any markup typed by a member into
 * text, and sanitize-html then keeps only the tags and attributes below, whatever markdown-it
 * (or a future plugin) produced. Links are marked as user content and never open scripts.
 */
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

export const ALLOWED_TAGS = [
  "p",
  "br",
  "hr",
  "strong",
  "em",
  "s",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
] as const;

export const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ["href", "rel"],
  ol: ["start"],
  th: ["style"],
  td: ["style"],
};

export const LINK_REL = "nofollow ugc noopener";

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
// Headings in a post sit under the page's own h1 and h2: # becomes h3, and so on.
markdown.renderer.rules.heading_open = (tokens, index) => {
  const level = Math.min(6, Number(tokens[index]!.tag.slice(1)) + 2);
  return `<h${level}>`;
};
markdown.renderer.rules.heading_close = (tokens, index) => {
  const level = Math.min(6, Number(tokens[index]!.tag.slice(1)) + 2);
  return `</h${level}>`;
};
// No images: a post cannot make every reader's browser fetch a stranger's address.
markdown.disable(["image"]);

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: Object.fromEntries(Object.entries(ALLOWED_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  allowedStyles: { th: { "text-align": [/^(left|right|center)$/] }, td: { "text-align": [/^(left|right|center)$/] } },
  disallowedTagsMode: "escape",
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
  },
};

/** The sanitized HTML of a markdown body. */
export function renderMarkdown(body: string): string {
  return sanitizeHtml(markdown.render(body), sanitizeOptions);
}

/** The text of a body, without markup: for search documents and mail. */
export function markdownToPlainText(body: string): string {
  return sanitizeHtml(markdown.render(body), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
