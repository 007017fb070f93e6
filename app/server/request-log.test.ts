import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import express from "express";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { redactErrorForLog, redactPathForLog, redactSecretPaths } from "~/utils/log-redaction.server";
import { requestLogging } from "./request-log";

const TOKEN = "Zk3vQ9x_secret-token-value";

describe("redactPathForLog", () => {
  it.each([
    [`/reset-password/${TOKEN}`, "/reset-password/[redacted]"],
    [`/verify-email/${TOKEN}`, "/verify-email/[redacted]"],
    [`/calendar/${TOKEN}/sessions.ics`, "/calendar/[redacted]/sessions.ics"],
    [`/notifications/unsubscribe/${TOKEN}`, "/notifications/unsubscribe/[redacted]"],
    [`/reset-password/${TOKEN}?_data=routes%2Freset-password.%24token`, "/reset-password/[redacted]"],
    [`//reset-password/${TOKEN}`, "//reset-password/[redacted]"],
    [`/Verify-Email/${TOKEN}/`, "/Verify-Email/[redacted]/"],
    ["/toolkit?q=secret", "/toolkit"],
    ["/courses/privacy", "/courses/privacy"],
  ])("%s → %s", (path, expected) => {
    expect(redactPathForLog(path)).toBe(expected);
  });
});

describe("redactSecretPaths and redactErrorForLog", () => {
  it("replace tokens anywhere in a message or stack", () => {
    const message = `Route "routes/x" does not match URL "/reset-password/${TOKEN}" nor https://a.example/verify-email/${TOKEN}.`;
    expect(redactSecretPaths(message)).not.toContain(TOKEN);
    const error = new Error(`failed at /verify-email/${TOKEN}`);
    const logged = redactErrorForLog(error);
    expect(JSON.stringify(logged)).not.toContain(TOKEN);
    expect(logged.message).toBe("failed at /verify-email/[redacted]");
  });
});

describe("the request log", () => {
  it("never holds the token of a reset or verification link", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "info" },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const app = express();
    app.use(requestLogging(logger));
    app.get("*", (req, res) => {
      res.status(req.path.startsWith("/verify-email") ? 500 : 200).send("ok");
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${origin}/reset-password/${TOKEN}`);
      await fetch(`${origin}/verify-email/${TOKEN}?_data=root`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      server.close();
    }
    expect(lines).toHaveLength(2);
    expect(lines.join("\n")).not.toContain(TOKEN);
    expect(lines.join("\n")).toContain('"path":"/reset-password/[redacted]"');
    expect(lines.join("\n")).toContain('"path":"/verify-email/[redacted]"');
  });
});
