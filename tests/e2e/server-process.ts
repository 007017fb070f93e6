import { spawn, type ChildProcess } from "node:child_process";
import { npmStartNodeArguments } from "../npm-start";

/**
 * A server of its own for a spec that needs to stop, kill or restart it: the compiled server
 * started as `npm start` starts it (the build is the one the main web server made), on its own
 * port and data folder.
 */
export interface ServerProcess {
  child: ChildProcess;
  origin: string;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once it has exited. */
  exited: Promise<number | null>;
}

export async function startServerProcess(options: {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const origin = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, npmStartNodeArguments(), {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      DATA_DIR: options.dataDir,
      DATABASE_URL: "",
      SEED_DEMO: "0",
      SMTP_URL: "",
      PUBLIC_URL: "",
      MEILI_HOST: "",
      MEILI_API_KEY: "",
      TRUST_PROXY: "0",
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const server: ServerProcess = { child, origin, output: () => output, exited };

  const deadline = Date.now() + (options.timeoutMs ?? 100_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not answer /healthz in time:\n${output}`);
}

/** Stops it if it still runs: SIGKILL, for a test's clean-up. */
export async function killServerProcess(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill("SIGKILL");
  await server.exited;
}
