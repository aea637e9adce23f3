// The deployer's contract: the built bot started as `node dist/src/index.js` (what `npm start` runs),
// configured only by environment variables, stopped by SIGTERM.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/paths';
import { SEED_EMAILS } from '../../sandbox/emulator';
import { sharedEmulator, viewCard } from './harness';

const ENTRY = path.join(packageRoot, 'dist', 'src', 'index.js');

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Running {
  // A clean environment (no inherited WEBEX_* or .env): only what a deployer would set.
  const child = spawn(process.execPath, [ENTRY], {
    cwd: os.tmpdir(),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c) => (out += c));
  child.stderr?.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

describe('integration: the built bot as a process', function () {
  this.timeout(60_000);
  const children: Running[] = [];
  after(() => children.forEach((c) => c.child.kill('SIGKILL')));

  it('runs the sandbox with no token: one banner line with the page URL, then exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const bot = run({ PORT: String(port), LOG_LEVEL: 'warn' });
    children.push(bot);
    await until(() => bot.stdout().includes('\n'), 'the banner');
    assert.equal(
      bot.stdout().split('\n')[0],
      `Sandbox mode: no WEBEX_BOT_TOKEN set, so the bot runs against the built-in Webex emulator. Open http://localhost:${port}/ to chat with it.`,
    );
    await until(async () => (await status(`http://127.0.0.1:${port}/readyz`)) === 200, 'readiness');
    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.match(await page.text(), /Transfer Numbers bot/);
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited, 0);
  });

  it('refuses a half-configured environment with one line per problem and a non-zero exit', async () => {
    const bot = run({ WEBEX_BOT_TOKEN: 'a-bot-token', WEBHOOK_URL: 'https://bot.example.com/hooks' });
    children.push(bot);
    assert.equal(await bot.exited, 2);
    assert.deepEqual(bot.stderr().trim().split('\n'), [
      'Configuration error: WEBEX_ADMIN_TOKEN: required when WEBEX_BOT_TOKEN is set (or set WEBEX_ADMIN_CLIENT_ID, WEBEX_ADMIN_CLIENT_SECRET and WEBEX_ADMIN_REFRESH_TOKEN)',
      'Configuration error: WEBHOOK_SECRET: required when WEBHOOK_URL is set (webhooks are verified with it)',
      'See .env.example and the README for every variable.',
    ]);
  });

  it('runs for real against a Webex stand-in given by WEBEX_API_URL, answers, and stops cleanly', async () => {
    const emulator = await sharedEmulator();
    emulator.faults.clear();
    const port = await freePort();
    const bot = run({
      WEBEX_BOT_TOKEN: emulator.tokens.bot,
      WEBEX_ADMIN_TOKEN: emulator.tokens.admin,
      WEBEX_API_URL: emulator.baseUrl,
      WEBHOOK_URL: `http://127.0.0.1:${port}/webex/events`,
      WEBHOOK_SECRET: 'process-test-secret-7c2e1d',
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    children.push(bot);
    await until(async () => (await status(`http://127.0.0.1:${port}/readyz`)) === 200, 'readiness');
    assert.equal(await status(`http://127.0.0.1:${port}/healthz`), 200);
    assert.equal(await status(`http://127.0.0.1:${port}/`), 404, 'real mode serves no sandbox page');
    const room = emulator.rooms.direct;
    const before = emulator.botMessages(room).length;
    await emulator.say({ from: SEED_EMAILS.agent, roomId: room, text: 'transfer numbers for alice@example.com' });
    const [reply] = await emulator.waitForBotMessages({ roomId: room, count: 1, after: before, timeoutMs: 15_000 });
    assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited, 0);
    const lines = bot
      .stdout()
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string });
    assert.ok(lines.some((l) => l.msg === 'bot.started'));
    // Log lines of concurrent work may be flushed in either order; what matters is that the shutdown completed and was logged.
    assert.ok(lines.some((l) => l.msg === 'shutdown.complete'), 'shutdown.complete logged before exit');
  });
});
