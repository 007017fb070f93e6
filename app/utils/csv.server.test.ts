import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.server";

describe("toCsv", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1+1", "'+1+1"],
    ["-1+1", "'-1+1"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ["＝1+1", "'＝1+1"],
  ])("defuses %j", (cell, expected) => {
    expect(toCsv([[cell]])).toBe(`${expected}\n`);
  });

  it("defuses a leading carriage return, keeping the cell quoted", () => {
    expect(toCsv([["\r=1+1"]])).toBe(`"'\r=1+1"\n`);
  });

  it("leaves ordinary text and numbers, negative ones included, alone", () => {
    expect(toCsv([["data sharing", 12, -3, 0.25, "a=b", ""]])).toBe("data sharing,12,-3,0.25,a=b,\n");
  });
});
