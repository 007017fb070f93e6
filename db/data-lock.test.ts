import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataFolderInUseError, lockDataFolder } from "./data-lock";
import { projectRoot } from "./paths";

/*
 * Real processes: a child takes the lock on a data folder and keeps it, and the commands an
 * operator runs beside a server (db:migrate, db:seed, search:reindex) must refuse the folder
 * without touching it, then take it over once the holder was killed.
 */

const children: ChildProcess[] = [];
const folders: string[] = [];

function newDataFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "practica-lock-"));
  folders.push(folder);
  return folder;
}

/** A process holding the lock on `dataDir` until it is killed; resolves once it holds it. */
async function holdLockInChild(dataDir: string): Promise<ChildProcess> {
  const script = `
    const { lockDataFolder } = await import(${JSON.stringify(path.join(projectRoot, "db/data-lock.ts"))});
    lockDataFolder(process.argv[1]);
    console.log("locked");
    setInterval(() => {}, 60_000);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, dataDir], {
    cwd: projectRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("locked")) resolve();
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`the lock holder exited with ${code}: ${output}`)));
  });
  return child;
}

async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** Runs one of the project's database commands on `dataDir`, as `npm run <script>` would. */
function runCommand(file: string, dataDir: string) {
  return spawnSync(process.execPath, ["--import", "tsx", path.join(projectRoot, file)], {
    cwd: projectRoot,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
  });
}

afterEach(async () => {
  for (const child of children.splice(0)) await killHard(child);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("the data folder lock", () => {
  it("makes db:migrate, db:seed and search:reindex beside a holder print one line and change nothing", async () => {
    const dataDir = newDataFolder();
    const holder = await holdLockInChild(dataDir);
    const before = readdirSync(dataDir, { recursive: true }).sort();

    for (const command of ["db/migrate.ts", "db/seed.ts", "app/modules/search/reindex.ts"]) {
      const result = runCommand(command, dataDir);
      expect(result.status, `${command}: ${result.stderr}`).toBe(1);
      expect(result.stderr.trim()).toBe(
        `the database in ${dataDir} is in use by process ${holder.pid}; stop it first or use DATABASE_URL`,
      );
      expect(readdirSync(dataDir, { recursive: true }).sort()).toEqual(before);
    }
    expect(existsSync(path.join(dataDir, "pglite"))).toBe(false);
  }, 90_000);

  it("refuses a second lock in the same process and frees the folder on release", () => {
    const dataDir = newDataFolder();
    const lock = lockDataFolder(dataDir);
    expect(() => lockDataFolder(dataDir)).toThrow(DataFolderInUseError);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    lockDataFolder(dataDir).release();
  });

  it("takes over a lock whose process was killed", async () => {
    const dataDir = newDataFolder();
    const holder = await holdLockInChild(dataDir);
    expect(() => lockDataFolder(dataDir)).toThrow(`in use by process ${holder.pid}`);

    await killHard(holder);
    // kill -9 leaves the file behind, naming a process that no longer exists.
    const lockFile = path.join(dataDir, "pglite.lock");
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({ pid: holder.pid });

    const lock = lockDataFolder(dataDir);
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
  }, 30_000);

  it("names the host of a holder on another machine or container, and how to free the folder", () => {
    const dataDir = newDataFolder();
    const lockFile = path.join(dataDir, "pglite.lock");
    writeFileSync(lockFile, JSON.stringify({ pid: 1, host: "old-container-1a2b", startTime: "1", bootId: null }));
    expect(() => lockDataFolder(dataDir)).toThrow(
      `the database in ${dataDir} is in use by process 1 on old-container-1a2b; stop it first or use DATABASE_URL (if old-container-1a2b is gone, delete ${lockFile})`,
    );
    // Unreadable leftovers (a disk that filled up mid-write) are taken over.
    writeFileSync(lockFile, "{not json");
    lockDataFolder(dataDir).release();
  });
});
