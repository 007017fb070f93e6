import pino from "pino";
import { getEnv } from "./env.server";

/**
 * Structured JSON logs. Anything that could carry a secret is redacted by path, so a
 * careless `logger.info({ body })` still never writes a password or a token.
 */
export const logger = pino({
  level: process.env.VITEST ? "silent" : getEnv().LOG_LEVEL,
  base: { service: "practica" },
  redact: {
    paths: [
      "password",
      "*.password",
      "*.currentPassword",
      "*.newPassword",
      "token",
      "*.token",
      "req.headers.cookie",
      "req.headers.authorization",
      'res.headers["set-cookie"]',
    ],
    censor: "[redacted]",
  },
});
