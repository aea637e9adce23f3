// The real bot as a deployer runs it: `node dist/src/index.js` in its own process, configured only by
// environment variables, pointed at the emulator. Never left running after the bench ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The Node flags `npm start` runs the bot with (package.json "start": "node <flags> dist/src/index.js"). */
export function startScriptNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const match = /^node\s+(.*?)\s*dist\/src\/index\.js\s*$/.exec(pkg.scripts?.start ?? '');
  return match && match[1] ? match[1].split(/\s+/) : [];
}

export interface BotExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BotProcessOptions {
  apiUrl: string;
  botToken: string;
  adminToken: string;
  webhookSecret: string;
  /** Extra environment variables (documented bot settings only). */
  env: Record<string, string>;
}

export interface BotProcess {
  pid: number;
  port: number;
  /** Base URL of the bot's HTTP server, e.g. http://127.0.0.1:PORT */
  url: string;
  webhookUrl: string;
  /** Resident memory of the bot process in bytes (VmRSS). */
  rssBytes(): number;
  /** CPU time the bot process has used so far (user + system), in milliseconds. */
  cpuMs(): number;
  /** The last lines the bot wrote, for diagnosing a failed run. */
  outputTail(): string[];
  /** Whether the process has exited (and how). */
  exited(): BotExit | undefined;
  /** Rejects if the bot exits before `work` settles: a crash fails the scenario at once, not after timeouts. */
  whileRunning<T>(work: Promise<T>): Promise<T>;
  /** SIGTERM, then SIGKILL if it does not exit in time. */
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const BOT_ENTRY = path.join(REPO_ROOT, 'dist', 'src', 'index.js');
const STOP_GRACE_MS = 12_000;
const TAIL_LINES = 40;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last resort: a bench that exits for any reason takes its bot with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startBotProcess(opts: BotProcessOptions): Promise<BotProcess> {
  installExitHook();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const webhookUrl = `${url}/webhooks/webex`;
  // Only what a deployment would set: nothing leaks in from the shell running the bench.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    WEBEX_BOT_TOKEN: opts.botToken,
    WEBEX_ADMIN_TOKEN: opts.adminToken,
    WEBEX_API_URL: opts.apiUrl,
    WEBHOOK_URL: webhookUrl,
    WEBHOOK_SECRET: opts.webhookSecret,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // To measure the bot with the Node flags a deployment uses (e.g. a heap cap), without touching the bench's own Node.
    ...(process.env.BOT_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BOT_NODE_OPTIONS } : {}),
    ...opts.env,
  };
  const child = spawn(process.execPath, [...startScriptNodeFlags(), BOT_ENTRY], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      // Stack traces name the checkout's location; results are shared, the location is not.
      tail.push(line.split(REPO_ROOT).join('.'));
      if (tail.length > TAIL_LINES) tail.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: BotExit | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      running.delete(child);
      resolve();
    });
  });
  if (child.pid === undefined) throw new Error('could not start the bot process');
  const pid = child.pid;

  return {
    pid,
    port,
    url,
    webhookUrl,
    rssBytes: () => readRssBytes(pid),
    cpuMs: () => readCpuMs(pid),
    outputTail: () => [...tail],
    exited: () => exit,
    whileRunning: (work) => {
      if (exit) return Promise.reject(new Error(`the bot has exited (code ${exit.code}, signal ${exit.signal})`));
      let onExit: (() => void) | undefined;
      const crashed = new Promise<never>((_resolve, reject) => {
        onExit = () => reject(new Error(`the bot exited unexpectedly (code ${exit?.code}, signal ${exit?.signal})`));
        child.once('exit', onExit);
      });
      return Promise.race([work, crashed]).finally(() => {
        if (onExit) child.off('exit', onExit);
      });
    },
    async stop() {
      if (exit) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** VmRSS from /proc/<pid>/status (Linux), in bytes. */
export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** Kernel clock ticks per second for /proc/<pid>/stat; 100 on every common Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime from /proc/<pid>/stat (Linux), in milliseconds. */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return ((userTicks + systemTicks) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Polls GET /readyz until it answers 200. */
export async function waitUntilReady(bot: BotProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exit = bot.exited();
    if (exit) throw new Error(`the bot exited during start-up (code ${exit.code}, signal ${exit.signal}):\n${bot.outputTail().join('\n')}`);
    try {
      const res = await fetch(`${bot.url}/readyz`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  throw new Error(`the bot was not ready within ${timeoutMs} ms:\n${bot.outputTail().join('\n')}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
