/**
 * How much JavaScript a page makes the browser download: every `<script src>` and every
 * `<link rel="modulepreload" href>` in its HTML, each fetched once and gzipped here
 * (zlib.gzipSync, default level), since the bench's requests ask for no compression.
 */
import { gzipSync } from "node:zlib";
import { httpRequest } from "./http";

export interface ScriptSize {
  url: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageJavaScript {
  path: string;
  scripts: ScriptSize[];
  totalBytes: number;
  totalGzipBytes: number;
  /** Inline <script> elements (the loader data and the module bootstrap), for information. */
  inlineBytes: number;
  inlineGzipBytes: number;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return match ? (match[2] ?? match[3] ?? match[4]) : undefined;
}

/** The script URLs of a page, in document order, without duplicates. */
export function scriptUrls(html: string): string[] {
  const urls: string[] = [];
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const url = isScript
      ? attribute(tag, "src")
      : attribute(tag, "rel")?.toLowerCase().split(/\s+/).includes("modulepreload")
        ? attribute(tag, "href")
        : undefined;
    if (url && !urls.includes(url)) urls.push(url.replaceAll("&amp;", "&"));
  }
  return urls;
}

export async function measurePageJavaScript(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<PageJavaScript> {
  const page = await httpRequest(`${origin}${path}`, { headers });
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}, expected 200`);
  const scripts: ScriptSize[] = [];
  for (const url of scriptUrls(page.body)) {
    const absolute = new URL(url, `${origin}${path}`);
    if (absolute.origin !== origin)
      throw new Error(`${path} loads a script from elsewhere: ${url}`);
    const response = await httpRequest(absolute.href, { headers, timeoutMs: 15_000 });
    if (response.status !== 200) {
      throw new Error(`script ${url} of ${path} answered ${response.status}, expected 200`);
    }
    const body = Buffer.from(response.body, "utf8");
    scripts.push({ url, bytes: body.length, gzipBytes: gzipSync(body).length });
  }
  const inline = [...page.body.matchAll(/<script\b(?![^>]*\ssrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((match) => match[1] ?? "")
    .join("\n");
  return {
    path,
    scripts,
    totalBytes: scripts.reduce((sum, script) => sum + script.bytes, 0),
    totalGzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
    inlineBytes: Buffer.byteLength(inline),
    inlineGzipBytes: inline ? gzipSync(inline).length : 0,
  };
}
