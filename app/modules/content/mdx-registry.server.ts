import { createHash } from "node:crypto";
import { remember } from "@epic-web/remember";

/**
 * Compiled MDX by id (a hash of the code). The server evaluates each once into a factory
 * for server rendering, and serves the code as a script for browsers (see mdx-runtime.ts).
 */
// On globalThis: the server process and the Remix build each load this module.
const sources = remember("practica-mdx-sources", () => new Map<string, string>());
/**
 * Plain text of each compiled file, for search (see `CompiledMdx.plainText`). Kept here by
 * code id rather than on lessons and entries, so lists and pages never carry it by accident.
 */
const plainTexts = remember("practica-mdx-plain-texts", () => new Map<string, string>());

export function registerMdxCode(code: string, plainText?: string): string {
  const codeId = createHash("sha256").update(code).digest("hex").slice(0, 20);
  if (plainText !== undefined) plainTexts.set(codeId, plainText);
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

/** The plain text registered with a compiled file; "" when none was (or the id is unknown). */
export function getMdxPlainText(codeId: string): string {
  return plainTexts.get(codeId) ?? "";
}
