import { z } from "zod";

/**
 * Every environment variable Practica reads, validated once at start.
 * `.env.example` documents each of them; keep the two in step.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  SEED_DEMO: z.enum(["0", "1"]).optional(),
  MEILI_HOST: z.string().url().optional(),
  MEILI_API_KEY: z.string().optional(),
  /** Meilisearch index uid: letters, digits, "-" and "_" (Meilisearch's own rule). */
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, "must be letters, digits, - or _")
    .default("practica"),
  /**
   * How long a Meilisearch write waits for its task, in ms (1 second to 1 hour). A task still
   * running then is waited for again at the next attempt, not sent again.
   */
  MEILI_TASK_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Practica <no-reply@practica.test>"),
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Hosts (host or host:port, comma-separated) whose own address may be used in links sent by
   * mail when PUBLIC_URL is unset; a request for any other host never produces a link to it.
   */
  ALLOWED_HOSTS: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/,
            "must be host names (or host:port), separated by commas",
          ),
      ),
    )
    .default([]),
  RATE_LIMIT_FACTOR: z.coerce.number().positive().default(1),
  /** Days a logged search (and the results opened from it) is kept for analytics. */
  SEARCH_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Server processes `npm start` runs on PostgreSQL (node:cluster); PGlite always runs one. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** How many reverse proxies stand in front of the server (0: none, 1: one, ...). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
});

export type Env = z.infer<typeof EnvSchema>;

/** The name of every variable read, for the test that keeps README and .env.example in step. */
export const ENV_VARIABLE_NAMES = Object.keys(EnvSchema.shape) as Array<keyof Env>;

/** Empty strings count as unset, so `FOO=` in a .env file means "use the default". */
function withoutEmptyValues(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
}

export class InvalidEnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(withoutEmptyValues(source));
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join(".") ?? "environment";
    throw new InvalidEnvError(`Invalid configuration: ${name} ${issue?.message ?? "is invalid"}`);
  }
  return result.data;
}

let cachedEnv: Env | undefined;

/** The validated configuration; read once, then reused. */
export function getEnv(): Env {
  cachedEnv ??= parseEnv(process.env);
  return cachedEnv;
}

/** Forgets the cached configuration so the next getEnv() reads process.env again. For tests. */
export function resetEnvCache(): void {
  cachedEnv = undefined;
}

/** The embedded database holds demo data by default; a real PostgreSQL only when asked. */
export function shouldSeedDemoAccounts(env: Env = getEnv()): boolean {
  if (env.SEED_DEMO) return env.SEED_DEMO === "1";
  return !env.DATABASE_URL;
}
