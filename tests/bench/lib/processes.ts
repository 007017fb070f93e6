/**
 * Child processes for the bench: each runs in its own process group, its output is kept
 * (bounded) for error messages, and whatever is still running when the bench ends, however it
 * ends, is killed with its whole group.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { performance } from "node:perf_hooks";

const OUTPUT_LIMIT_CHARS = 20_000;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** performance.now() when the process exited. */
  at: number;
}

export interface ManagedProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  /** performance.now() just before spawn. */
  spawnedAt: number;
  /** Resolves when the process exits (never rejects). */
  exited: Promise<ExitInfo>;
  exitInfo: ExitInfo | undefined;
  /** The last OUTPUT_LIMIT_CHARS of stdout and stderr, interleaved. */
  output(): string;
}

const running = new Set<ManagedProcess>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  if (!Number.isInteger(pid) || pid <= 1) return; // never signal init or "every process"
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ManagedProcess {
  let output = "";
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_LIMIT_CHARS);
  };
  const spawnedAt = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    // Its own process group, so the bench can signal everything it started (tsx's esbuild too).
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined)
    throw new Error(`could not start ${name}: ${command} ${args.join(" ")}`);
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);

  const managed: ManagedProcess = {
    name,
    pid: child.pid,
    child,
    spawnedAt,
    exitInfo: undefined,
    exited: new Promise<ExitInfo>((resolve) => {
      child.once("exit", (code, signal) => {
        const info: ExitInfo = { code, signal, at: performance.now() };
        managed.exitInfo = info;
        running.delete(managed);
        // Anything it left behind in its group (e.g. esbuild's service process) goes too.
        killGroup(managed.pid, "SIGKILL");
        resolve(info);
      });
    }),
    output: () => output,
  };
  running.add(managed);
  return managed;
}

export interface StopResult {
  /** From SIGTERM to the process's exit, in milliseconds. */
  shutdownMs: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when it did not exit within the timeout and had to be SIGKILLed. */
  forced: boolean;
}

/** SIGTERM to the process itself (as a process manager would), SIGKILL to its group after timeoutMs. */
export async function stopGracefully(proc: ManagedProcess, timeoutMs: number): Promise<StopResult> {
  if (proc.exitInfo)
    throw new Error(`${proc.name} had already exited (${describeExit(proc.exitInfo)})`);
  const sentAt = performance.now();
  process.kill(proc.pid, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const outcome = await Promise.race([proc.exited, timedOut]);
  clearTimeout(timer);
  if (outcome === "timeout") {
    killGroup(proc.pid, "SIGKILL");
    const info = await proc.exited;
    return { shutdownMs: info.at - sentAt, code: info.code, signal: info.signal, forced: true };
  }
  return {
    shutdownMs: outcome.at - sentAt,
    code: outcome.code,
    signal: outcome.signal,
    forced: false,
  };
}

/** SIGKILL to every process group the bench started that is still running. Synchronous, so it also works in an exit handler. */
export function killAllSync(): void {
  for (const proc of running) killGroup(proc.pid, "SIGKILL");
}

export async function killAll(): Promise<void> {
  const waiting = [...running].map((proc) => proc.exited);
  killAllSync();
  await Promise.all(waiting);
}

export function describeExit(info: ExitInfo): string {
  return info.signal ? `killed by ${info.signal}` : `exit code ${String(info.code)}`;
}

// ---------------------------------------------------------------------------------------------
// /proc helpers (Linux).

function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": comm may contain spaces and parentheses, so split after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ppid = Number(fields[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** rootPid and all its descendants, root first. */
export function processTree(rootPid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const ppid = parentPid(pid);
    if (ppid === undefined) continue;
    const siblings = childrenOf.get(ppid) ?? [];
    siblings.push(pid);
    childrenOf.set(ppid, siblings);
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    if (pid === undefined) break;
    tree.push(pid);
    queue.push(...(childrenOf.get(pid) ?? []));
  }
  return tree;
}

function listeningSocketInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const columns = line.trim().split(/\s+/);
      const local = columns[1];
      const state = columns[3];
      const inode = columns[9];
      if (!local || !inode || state !== "0A") continue; // 0A = LISTEN
      const localPort = parseInt(local.slice(local.lastIndexOf(":") + 1), 16);
      if (localPort === port) inodes.add(inode);
    }
  }
  return inodes;
}

/**
 * The process in rootPid's tree that holds the socket listening on `port`: the one whose
 * memory is worth measuring, whether it was started directly or through wrappers (npm, tsx).
 */
export function findListeningPid(rootPid: number, port: number): number | undefined {
  const inodes = listeningSocketInodes(port);
  if (inodes.size === 0) return undefined;
  for (const pid of processTree(rootPid)) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match?.[1] && inodes.has(match[1])) return pid;
      } catch {
        // The descriptor closed while we looked.
      }
    }
  }
  return undefined;
}

export interface MemorySample {
  pid: number;
  /** VmRSS: resident set size now, in MiB. */
  rssMb: number;
  /** VmHWM: peak resident set size so far, in MiB. */
  peakRssMb: number;
}

export function readMemory(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status);
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]);
  };
  return { pid, rssMb: kib("VmRSS") / 1024, peakRssMb: kib("VmHWM") / 1024 };
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return "?";
  }
}
