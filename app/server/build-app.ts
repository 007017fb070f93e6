/**
 * Builds Practica for production: the Remix build, the HTTP server compiled into
 * build/server/index.mjs (so `npm start` runs it without tsx), then what lets a fresh data
 * folder start fast: every MDX file compiled into build/mdx-cache (read-only at run time; the server copies
 * entries into DATA_DIR's cache), and the migrated embedded database template (db/template.ts).
 * Used by `npm run build`, by `npm start` when the build is missing or stale, and by the bench.
 */
import { spawnSync } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { projectRoot } from "../../db/paths";

export const COMPILED_SERVER = "build/server/index.mjs";

/**
 * Packages stay in node_modules, imported at run time, except JSON files: Node will not import
 * JSON without an import attribute, so those are bundled.
 */
const packagesExceptJson: Plugin = {
  name: "packages-except-json",
  setup(builder) {
    builder.onResolve({ filter: /^[^./~#]/ }, (args) =>
      args.path.endsWith(".json") ? undefined : { path: args.path, external: true },
    );
  },
};

/** The HTTP server and everything it imports from app/, db/ and search/, as one ES module. */
export async function bundleServer(root = projectRoot): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: ["app/server/index.ts"],
    outfile: COMPILED_SERVER,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    plugins: [packagesExceptJson],
    logLevel: "warning",
  });
}

export async function buildApp(root = projectRoot): Promise<void> {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed (exit ${String(result.status)})`);
  await bundleServer(root);
  await prepareBuildCaches(root);
}

/** The content cache and the database template, from the current sources. */
export async function prepareBuildCaches(root = projectRoot): Promise<void> {
  const { loadSiteContent, InvalidContentError } = await import("../modules/content/content.server");
  const mdxCacheDir = path.join(root, "build", "mdx-cache");
  // Emptied first: entries for content that no longer exists would pile up otherwise.
  await rm(mdxCacheDir, { recursive: true, force: true });
  const content = await loadSiteContent({ contentDir: path.join(root, "content"), cacheDir: mdxCacheDir });
  if (content.errors.length) throw new InvalidContentError(content.errors);
  console.log(`Content compiled into ${path.relative(root, mdxCacheDir)} (${content.loadMs} ms).`);

  const { createDatabaseTemplate } = await import("../../db/template");
  const template = await createDatabaseTemplate(root);
  console.log(`Embedded database template written to ${path.relative(root, template)}.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  buildApp().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
