import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileMdxCached } from "./mdx.server";

const source = `---
title: A small lesson
---

## Why share data

Mobility data helped cities during **COVID-19**.
`;

describe("compileMdxCached", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "practica-mdx-cache-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("compiles once, then reads the data folder's cache", async () => {
    const cacheDir = path.join(root, "data-cache");
    const first = await compileMdxCached(source, { cacheDir });
    const second = await compileMdxCached(source, { cacheDir });
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(second.compiled.code).toBe(first.compiled.code);
  });

  it("takes what the build compiled for a fresh data folder, and copies it into that folder's cache", async () => {
    const buildCache = path.join(root, "build-cache");
    await compileMdxCached(source, { cacheDir: buildCache });
    const freshCache = path.join(root, "fresh-data-cache");

    const result = await compileMdxCached(source, { cacheDir: freshCache, sharedCacheDirs: [buildCache] });
    expect(result.fromCache).toBe(true);
    expect(result.compiled.frontmatter).toMatchObject({ title: "A small lesson" });
    expect(readdirSync(freshCache)).toEqual(readdirSync(buildCache));
  });

  it("compiles when neither cache has the file", async () => {
    const result = await compileMdxCached(`${source}\nOne more line.\n`, {
      cacheDir: path.join(root, "other-cache"),
      sharedCacheDirs: [path.join(root, "missing")],
    });
    expect(result.fromCache).toBe(false);
    expect(existsSync(path.join(root, "missing"))).toBe(false);
  });
});
