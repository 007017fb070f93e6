/**
 * `npm run admin:create -- --email you@example.org --name "Your Name"`: creates an admin, so a
 * real deployment has one without any demo account. The password is typed at a prompt (not
 * shown), read from the first line of standard input when that is not a terminal, or, when
 * left empty or with --generate-password, generated and printed once. Works on the embedded
 * database (stop the server first: it holds the data folder) and on DATABASE_URL.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { runAsScript } from "../../../db/script";

const USAGE = 'usage: npm run admin:create -- --email you@example.org --name "Your Name" [--generate-password]';

async function ask(question: string): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await lines.question(question)).trim();
  } finally {
    lines.close();
  }
}

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stdout.write(question);
    input.setRawMode(true);
    input.setEncoding("utf8");
    input.resume();
    let value = "";
    const finish = (error?: Error) => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stdout.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === "\r" || character === "\n") return finish();
        if (character === "\u0003" || character === "\u0004") return finish(new Error("cancelled"));
        if (character === "\u007f" || character === "\b") value = value.slice(0, -1);
        else value += character;
      }
    };
    input.on("data", onData);
  });
}

async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return "";
}

/** The password typed (twice, hidden) or piped in; "" means generate one. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readFirstLine();
  const password = await askHidden("Password (at least 10 characters; leave empty to generate one): ");
  if (!password) return "";
  const again = await askHidden("The same password again: ");
  if (again !== password) throw new Error("the two passwords differ; nothing was created");
  return password;
}

runAsScript(import.meta.url, async (handle) => {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      "generate-password": { type: "boolean", default: false },
    },
  });
  const interactive = Boolean(process.stdin.isTTY);
  const email = values.email ?? (interactive ? await ask("Email: ") : "");
  const displayName = values.name ?? (interactive ? await ask("Name: ") : "");
  if (!email || !displayName) throw new Error(USAGE);

  const typed = values["generate-password"] ? "" : await readPassword();
  const password = typed || (await import("./create-admin.server")).generatePassword();

  const { setDatabaseHandle } = await import("~/utils/db.server");
  setDatabaseHandle(handle);
  const { migrateDatabase } = await import("../../../db/migrate");
  await migrateDatabase(handle);
  const { createAdmin } = await import("./create-admin.server");
  const result = await createAdmin({ email, displayName, password });
  if (!result.ok) throw new Error(`No admin created. ${result.problems.join("; ")}`);
  console.log(`Admin created: ${result.email} (${handle.kind}: ${handle.location}).`);
  if (!typed) console.log(`Password (shown once; sign in and keep it somewhere safe): ${password}`);
});
