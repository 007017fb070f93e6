import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLE_NAMES, InvalidEnvError, parseEnv, shouldSeedDemoAccounts } from "./env.server";

function expectInvalid(source: Record<string, string>, variable: string) {
  let thrown: unknown;
  try {
    parseEnv(source);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidEnvError);
  expect((thrown as Error).message).toContain(variable);
}

describe("parseEnv", () => {
  it("fills in the documented defaults", () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "0.0.0.0",
      DATA_DIR: "./data",
      RATE_LIMIT_FACTOR: 1,
      LOG_LEVEL: "info",
      TRUST_PROXY: 0,
      MEILI_TASK_TIMEOUT_MS: 60_000,
    });
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    const env = parseEnv({ PORT: "", DATABASE_URL: "", RATE_LIMIT_FACTOR: "" });
    expect(env).toMatchObject({ PORT: 3000, RATE_LIMIT_FACTOR: 1 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("coerces numbers and keeps valid values", () => {
    const env = parseEnv({
      PORT: "8080",
      DATABASE_URL: "postgresql://app@db:5432/practica",
      RATE_LIMIT_FACTOR: "2.5",
      MEILI_TASK_TIMEOUT_MS: "300000",
    });
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_URL: "postgresql://app@db:5432/practica",
      RATE_LIMIT_FACTOR: 2.5,
      MEILI_TASK_TIMEOUT_MS: 300_000,
    });
  });

  it.each(["abc", "0", "70000", "80.5"])("rejects PORT=%s, naming PORT", (value) => {
    expectInvalid({ PORT: value }, "PORT");
  });

  it.each(["mysql://db/practica", "localhost:5432", "not a url"])(
    "rejects DATABASE_URL=%s, naming DATABASE_URL",
    (value) => {
      expectInvalid({ DATABASE_URL: value }, "DATABASE_URL");
    },
  );

  it.each(["0", "-1", "fast"])("rejects RATE_LIMIT_FACTOR=%s, naming it", (value) => {
    expectInvalid({ RATE_LIMIT_FACTOR: value }, "RATE_LIMIT_FACTOR");
  });

  it.each(["999", "60s", "1.5", "3600001"])("rejects MEILI_TASK_TIMEOUT_MS=%s, naming it", (value) => {
    expectInvalid({ MEILI_TASK_TIMEOUT_MS: value }, "MEILI_TASK_TIMEOUT_MS");
  });
});

describe("ALLOWED_HOSTS and TRUST_PROXY", () => {
  it("reads a comma-separated list of hosts, lower-cased", () => {
    expect(parseEnv({ ALLOWED_HOSTS: "Learn.Example.org, practica.example.net:8443 ,[::1]:3000" }).ALLOWED_HOSTS).toEqual([
      "learn.example.org",
      "practica.example.net:8443",
      "[::1]:3000",
    ]);
    expect(parseEnv({}).ALLOWED_HOSTS).toEqual([]);
  });

  it.each(["https://learn.example.org", "learn.example.org/path", "a b"])("rejects ALLOWED_HOSTS=%s", (value) => {
    expectInvalid({ ALLOWED_HOSTS: value }, "ALLOWED_HOSTS");
  });

  it("reads TRUST_PROXY as a number of proxies", () => {
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
  });

  it.each(["true", "-1", "1.5", "11"])("rejects TRUST_PROXY=%s", (value) => {
    expectInvalid({ TRUST_PROXY: value }, "TRUST_PROXY");
  });
});

describe("shouldSeedDemoAccounts", () => {
  it("seeds the embedded database by default", () => {
    expect(shouldSeedDemoAccounts(parseEnv({}))).toBe(true);
  });

  it("does not seed a PostgreSQL server by default", () => {
    expect(shouldSeedDemoAccounts(parseEnv({ DATABASE_URL: "postgres://db/practica" }))).toBe(
      false,
    );
  });

  it("follows SEED_DEMO when it is set", () => {
    expect(
      shouldSeedDemoAccounts(parseEnv({ DATABASE_URL: "postgres://db/practica", SEED_DEMO: "1" })),
    ).toBe(true);
    expect(shouldSeedDemoAccounts(parseEnv({ SEED_DEMO: "0" }))).toBe(false);
  });
});

describe("documentation", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
  it.each(ENV_VARIABLE_NAMES)("%s is in README's configuration table and in .env.example", (name) => {
    expect(readme).toMatch(new RegExp(`^\\| .*\`${name}\``, "m"));
    expect(example).toMatch(new RegExp(`^#? ?${name}=`, "m"));
  });
});
