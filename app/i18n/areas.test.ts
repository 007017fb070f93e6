import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AREA_MODULES } from "./areas";
import { t } from "./index";
import "./accounts";
import "./admin";
import "./courses";
import "./home";
import "./sections";
import "./vocabulary";
import "./learning";
import "./search";
import "./toolkit";
import "./toolkit-community";
import "./notifications";
import "./discussions";

const appDir = path.resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return full.includes(`${path.sep}i18n`) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/*
 * A page's JavaScript only holds the string areas its modules import (see index.ts). A file
 * that uses an area's keys without importing it would render them on the server and show
 * the bare key in the browser, so every use must come with the import.
 */
describe("string areas", () => {
  for (const [moduleName, keys] of Object.entries(AREA_MODULES)) {
    it(`every file using ${keys.join(", ")} strings imports ~/i18n/${moduleName}`, () => {
      const usage = new RegExp(`["'\`](?:${keys.join("|")})\\.[A-Za-z$]`);
      const importLine = new RegExp(`import\\s+["'](?:~/i18n|\\.\\./(?:\\.\\./)*i18n)/${moduleName}["']`);
      const missing = sourceFiles(appDir)
        .filter((file) => usage.test(readFileSync(file, "utf8")))
        .filter((file) => !importLine.test(readFileSync(file, "utf8")))
        .map((file) => path.relative(appDir, file));
      expect(missing).toEqual([]);
    });
  }

  it("schemas build their messages when they validate, not when their module loads", () => {
    // esbuild's code splitting may evaluate a shared chunk of schemas before the chunk that
    // registers their strings, so a message computed at load time would miss them.
    const eager = sourceFiles(appDir)
      .filter((file) => /schemas\.ts$/.test(file))
      .filter((file) => /(error|message): t\(/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(appDir, file));
    expect(eager).toEqual([]);
  });

  it("finds registered strings and their plural forms", () => {
    expect(t("auth.signIn.title")).not.toBe("auth.signIn.title");
    expect(t("pagination.next")).toBe("Next page");
  });
});
