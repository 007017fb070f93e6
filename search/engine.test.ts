import { describe, expect, it } from "vitest";
import { isSearchUnavailableError, SearchUnavailableError } from "./engine";

describe("isSearchUnavailableError", () => {
  it("recognises the error from another copy of this module, as the Remix build has", () => {
    // What a second evaluation of engine.ts throws: another class, the same registered brand.
    const fromCopy = Object.assign(new Error("down"), { [Symbol.for("practica.search-unavailable")]: true });
    expect(fromCopy instanceof SearchUnavailableError).toBe(false);
    expect(isSearchUnavailableError(fromCopy)).toBe(true);
    expect(isSearchUnavailableError(new SearchUnavailableError("meilisearch", "down"))).toBe(true);
  });

  it("refuses other errors and values", () => {
    expect(isSearchUnavailableError(new Error("down"))).toBe(false);
    expect(isSearchUnavailableError(null)).toBe(false);
    expect(isSearchUnavailableError("SearchUnavailableError")).toBe(false);
  });
});
