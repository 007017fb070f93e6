import { createHash } from "node:crypto";
import { remember } from "@epic-web/remember";

/**
 * Compiled MDX by id (a hash of the code). The server evaluates each once into a factory
 * for server rendering, and serves the code as a script for browsers (see mdx-runtime.ts).
 */
// On globalThis: the server process and the Remix build each load this module.
const sources = remember("practica-mdx-sources", () => new Map<string, string>());

export function registerMdxCode(code: string): string {
  const codeId = createHash("sha256").update(code).digest("hex").slice(0, 20);
  if (!sources.has(codeId)) {
    sources.set(codeId, code);
    const registry = (globalThis.__practicaMdx ??= {});
    // Evaluating our own compiled content on the server; browsers load it as a script instead.
    registry[codeId] = new Function("React", "ReactDOM", "_jsx_runtime", code) as NonNullable<
      typeof globalThis.__practicaMdx
    >[string];
  }
  return codeId;
}

/** The script a browser loads for one compiled file, or undefined for an unknown id. */
export function getMdxScript(codeId: string): string | undefined {
  const code = sources.get(codeId);
  if (code === undefined) return undefined;
  return `(self.__practicaMdx = self.__practicaMdx || {})[${JSON.stringify(codeId)}] = function (React, ReactDOM, _jsx_runtime) {\n${code}\n};\n`;
}
