import { describe, expect, it } from "vitest";
import { SESSION_CACHE_MS, forgetCachedSessions, rememberSession } from "./session-cache";

describe("the session cache", () => {
  it("answers from memory until the entry expires", async () => {
    forgetCachedSessions();
    let clock = 1_000;
    let lookups = 0;
    const load = () => Promise.resolve(`user ${++lookups}`);
    expect(await rememberSession("s1", load, () => clock)).toBe("user 1");
    expect(await rememberSession("s1", load, () => clock)).toBe("user 1");
    clock += SESSION_CACHE_MS - 1;
    expect(await rememberSession("s1", load, () => clock)).toBe("user 1");
    clock += 1;
    expect(await rememberSession("s1", load, () => clock)).toBe("user 2");
    expect(await rememberSession("s2", load, () => clock)).toBe("user 3");
  });

  it("forgets everything when told, and never keeps an answer looked up across a forget", async () => {
    forgetCachedSessions();
    let lookups = 0;
    const load = () => Promise.resolve(++lookups);
    await rememberSession("s1", load);
    forgetCachedSessions();
    expect(await rememberSession("s1", load)).toBe(2);

    // A lookup that started before a sign-out finished after it: its answer is used once,
    // not remembered.
    let finish: (value: number) => void = () => undefined;
    const racing = rememberSession(
      "s3",
      () => new Promise<number>((resolve) => (finish = resolve)),
    );
    forgetCachedSessions();
    finish(99);
    expect(await racing).toBe(99);
    expect(await rememberSession("s3", () => Promise.resolve(100))).toBe(100);
  });

  it("shares one lookup between overlapping requests, and does not remember a failed one", async () => {
    forgetCachedSessions();
    let lookups = 0;
    let finish: (value: string) => void = () => undefined;
    const slow = () => {
      lookups += 1;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const together = [rememberSession("s4", slow), rememberSession("s4", slow)];
    finish("user");
    expect(await Promise.all(together)).toEqual(["user", "user"]);
    expect(lookups).toBe(1);

    await expect(rememberSession("s5", () => Promise.reject(new Error("db down")))).rejects.toThrow(
      "db down",
    );
    expect(await rememberSession("s5", () => Promise.resolve("back"))).toBe("back");
  });
});
