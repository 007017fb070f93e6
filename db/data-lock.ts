/**
 * An exclusive lock on an embedded database's data folder. PGlite is a database inside one
 * process: a second process opening the same files (a migration, a seed or a reindex beside a
 * running server) would write over the first one's pages and corrupt them. Whoever opens the
 * folder first writes its process id to `<DATA_DIR>/pglite.lock` (created with O_EXCL, so only
 * one process can), and removes it when it closes the database or exits. A lock whose process
 * is gone (killed, crashed, the machine rebooted) is taken over.
 */
import { hostname } from "node:os";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    /** Set when the holder ran on another host (or container), whose processes cannot be seen. */
    readonly holderHost?: string,
  ) {
    super(
      `the database in ${dataDir} is in use by process ${holderPid}` +
        (holderHost
          ? ` on ${holderHost}; stop it first or use DATABASE_URL (if ${holderHost} is gone, delete ${path.join(dataDir, LOCK_FILE_NAME)})`
          : "; stop it first or use DATABASE_URL"),
    );
    this.name = "DataFolderInUseError";
  }
}

interface LockHolder {
  pid: number;
  host: string;
  /** The process's start time since boot (Linux), so a reused process id is not taken for it. */
  startTime: string | null;
  bootId: string | null;
}

export interface DataFolderLock {
  readonly path: string;
  release(): void;
}

const LOCK_FILE_NAME = "pglite.lock";
/** Lock files this process holds, so an exit of any kind removes them. */
const heldLocks = new Set<string>();
let exitHandlerInstalled = false;

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot. */
function processStartTime(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) is in parentheses and may hold spaces: count after its end.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[19] ?? null;
}

function currentHolder(): LockHolder {
  return {
    pid: process.pid,
    host: hostname(),
    startTime: processStartTime(process.pid),
    bootId: readOrNull("/proc/sys/kernel/random/boot_id"),
  };
}

function parseHolder(text: string | null): LockHolder | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== "number" || !Number.isInteger(value.pid) || value.pid <= 0) return null;
    return {
      pid: value.pid,
      host: typeof value.host === "string" ? value.host : "",
      startTime: typeof value.startTime === "string" ? value.startTime : null,
      bootId: typeof value.bootId === "string" ? value.bootId : null,
    };
  } catch {
    return null;
  }
}

/** Whether the process that wrote the lock `file` may still be running. */
function isHolderAlive(holder: LockHolder, file: string): boolean {
  // Another machine, or another container (its own host name and process ids), sharing the
  // folder: nothing here can tell whether it still runs, so it counts as running.
  if (holder.host !== hostname()) return true;
  const me = currentHolder();
  if (holder.bootId && me.bootId && holder.bootId !== me.bootId) return false;
  // This very process holds it now, or an earlier one with the same id (a restarted container).
  if (holder.pid === process.pid) return heldLocks.has(file);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const startTime = processStartTime(holder.pid);
  if (holder.startTime && startTime && startTime !== holder.startTime) return false;
  return true;
}

function installExitHandler() {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.on("exit", () => {
    for (const file of heldLocks) rmSync(file, { force: true });
  });
}

/**
 * Takes the lock on `dataDir` (as configured, for the message) or throws DataFolderInUseError.
 * Call before anything in the folder is read or written.
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const file = path.join(path.resolve(dataDir), LOCK_FILE_NAME);
  const content = `${JSON.stringify(currentHolder())}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(file, content, { flag: "wx" });
      heldLocks.add(file);
      installExitHandler();
      return {
        path: file,
        release() {
          if (!heldLocks.delete(file)) return;
          // Only our own lock: a folder taken over meanwhile stays locked for its new holder.
          if (parseHolder(readOrNull(file))?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const seen = readOrNull(file);
    const holder = parseHolder(seen);
    // A lock being written this instant reads empty: look again before judging it.
    if (seen === "" || (seen !== null && !holder && attempt === 0)) continue;
    if (holder && isHolderAlive(holder, file))
      throw new DataFolderInUseError(dataDir, holder.pid, holder.host === hostname() ? undefined : holder.host);
    // Stale: move it aside (one process wins the rename), then check that what was moved is the
    // stale lock and not one another process took over a moment earlier.
    const aside = `${file}.${process.pid}.stale`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readOrNull(aside);
    if (moved !== seen) {
      const newer = parseHolder(moved);
      try {
        renameSync(aside, file);
      } catch {
        // Nothing more to do: the next attempt reads whatever is there now.
      }
      if (newer) throw new DataFolderInUseError(dataDir, newer.pid);
      continue;
    }
    rmSync(aside, { force: true });
  }
  const holder = parseHolder(readOrNull(file));
  throw new DataFolderInUseError(dataDir, holder?.pid ?? 0);
}
