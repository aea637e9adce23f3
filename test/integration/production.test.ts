// Issue "runs unattended": renewing admin tokens, readiness, metrics, graceful stop, several instances.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SEED_EMAILS, SEED_ORG } from '../../sandbox/emulator';
import { requireRedis, testRedisUrl } from '../helpers/redis';
import { loadConfig } from '../../src/config';
import { signBody } from '../../src/http/signature';
import { startBot } from '../../src/start';
import { captureLogs } from '../helpers/logs';
import { emulatorEnv, removeWebhooksOf, sharedEmulator, startBotUnderTest, TEST_WEBHOOK_SECRET, viewCard, type BotUnderTest } from './harness';

const ASK = 'transfer numbers for alice@example.com';

describe('integration: running unattended', function () {
  this.timeout(60_000);
  const bots: BotUnderTest[] = [];
  async function start(env: Record<string, string> = {}): Promise<BotUnderTest> {
    const t = await startBotUnderTest(env);
    bots.push(t);
    return t;
  }
  afterEach(async () => {
    while (bots.length > 0) await bots.pop()!.stop();
  });

  it('gets an admin access token from a refresh token, and renews it when Webex answers 401 mid-flight', async () => {
    const emulator = await sharedEmulator();
    emulator.clearRequests();
    const t = await start({
      WEBEX_ADMIN_TOKEN: '',
      WEBEX_ADMIN_CLIENT_ID: 'sandbox-client-id',
      WEBEX_ADMIN_CLIENT_SECRET: 'sandbox-client-secret',
      WEBEX_ADMIN_REFRESH_TOKEN: emulator.tokens.refreshToken(),
    });
    assert.equal(viewCard(await t.ask(ASK)).facts['Transfer number 1'], '+1205553650');
    emulator.faults.add({ route: 'transferNumbers.get', status: 401, times: 1 });
    assert.equal(viewCard(await t.ask(ASK)).facts['Transfer number 1'], '+1205553650');
    const routes = emulator.requests.filter((r) => r.role !== 'user' && r.role !== 'bot').map((r) => `${r.route} ${r.status}`);
    // The access token came from the refresh token before any admin call; after the 401 the call was
    // retried once with a renewed (or, this soon after the last renewal, the current) token.
    assert.equal(routes[0], 'accessToken 200', routes.join(', '));
    const unauthorized = routes.indexOf('transferNumbers.get 401');
    assert.ok(unauthorized > 0, routes.join(', '));
    assert.ok(routes.indexOf('transferNumbers.get 200', unauthorized) > unauthorized, routes.join(', '));
  });

  it('is ready only once started, and exposes Prometheus metrics that count commands and Webex calls', async () => {
    // The port is bound before the admin token is checked (slowed down here): readiness says "not yet".
    const whileStarting: number[] = [];
    const t = await startBotUnderTest(
      {},
      {
        faults: [{ route: 'people.me', token: 'admin', delayMs: 800, times: 1 }],
        whileStarting: async (bot) => {
          whileStarting.push((await fetch(`http://127.0.0.1:${bot.port}/readyz`)).status);
          whileStarting.push((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status);
        },
      },
    );
    bots.push(t);
    assert.deepEqual(whileStarting, [503, 200], 'not ready while starting, but alive');
    const ready = await fetch(`http://127.0.0.1:${t.bot.port}/readyz`);
    assert.equal(ready.status, 200);

    await t.ask(ASK);
    // The reply is in Webex a moment before the bot has counted it.
    let text = '';
    for (let i = 0; i < 50 && !/tnbot_commands_total\{/.test(text); i++) {
      const res = await fetch(`http://127.0.0.1:${t.bot.port}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
      text = await res.text();
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.match(text, /tnbot_commands_total\{[^}]*outcome="lookup\.found"[^}]*\} [1-9]/);
    assert.match(text, /tnbot_webex_requests_total\{[^}]*route="telephony\.transferNumbers\.get"[^}]*\} [1-9]/);
    assert.match(text, /tnbot_reply_latency_seconds_count [1-9]/);
    assert.match(text, /tnbot_webhook_events_total\{[^}]*result="accepted"[^}]*\} [1-9]/);
  });

  it('finishes a command in flight when asked to stop, then stops taking events', async () => {
    const t = await start();
    t.emulator.faults.add({ route: 'transferNumbers.get', delayMs: 600, times: 1 });
    const room = t.emulator.rooms.direct;
    const before = t.emulator.botMessages(room).length;
    await t.emulator.say({ from: SEED_EMAILS.agent, roomId: room, text: ASK });
    await new Promise((r) => setTimeout(r, 150));
    await t.bot.stop();
    const replies = t.emulator.botMessages(room).slice(before);
    assert.equal(replies.length, 1, 'the command in flight was answered before stop() returned');
    assert.equal(viewCard(replies[0]).facts['Transfer number 1'], '+1205553650');
    assert.equal(t.bot.isReady(), false);
  });

  it('keeps exactly one firehose and one card webhook per URL when several instances start at once, and never deletes them', async () => {
    const emulator = await sharedEmulator();
    const first = await start();
    const url = `http://127.0.0.1:${first.bot.port}/webhooks/webex`;
    // Two more instances behind the same public URL, starting together.
    await Promise.all([start({ WEBHOOK_URL: url }), start({ WEBHOOK_URL: url })]);
    const list = async () => {
      const res = await fetch(`${emulator.baseUrl}/webhooks`, { headers: { authorization: `Bearer ${emulator.tokens.bot}` } });
      return ((await res.json()) as { items: Array<{ targetUrl: string; resource: string; event: string }> }).items.filter((w) => w.targetUrl === url);
    };
    const hooks = await list();
    assert.deepEqual(hooks.map((w) => `${w.resource}/${w.event}`).sort(), ['all/all', 'attachmentActions/created']);
    await bots.pop()!.stop();
    assert.equal((await list()).length, 2, 'stopping an instance leaves the shared webhooks');
  });
});

describe('integration: two instances sharing Redis', function () {
  this.timeout(60_000);
  const bots: BotUnderTest[] = [];
  before(async function () {
    await requireRedis(this);
  });
  after(async () => {
    while (bots.length > 0) await bots.pop()!.stop();
  });

  it('answer an event Webex delivers to both of them exactly once', async () => {
    // Each instance registers its own webhook, so the emulator delivers every event twice.
    bots.push(await startBotUnderTest({ REDIS_URL: testRedisUrl() }));
    bots.push(await startBotUnderTest({ REDIS_URL: testRedisUrl() }));
    const emulator = bots[0].emulator;
    const room = emulator.rooms.direct;
    const before = emulator.botMessages(room).length;
    await emulator.say({ from: SEED_EMAILS.agent, roomId: room, text: ASK });
    await emulator.waitForBotMessages({ roomId: room, count: 1, after: before, timeoutMs: 10_000 });
    await emulator.deliveriesSettled();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(emulator.botMessages(room).length - before, 1);
    const delivered = emulator.deliveries.filter((d) => d.statusCode === 200).length;
    assert.ok(delivered >= 2);
  });
});

describe('integration: when webhook registration fails', function () {
  this.timeout(30_000);

  it('keeps handling events posted to its route, but is not ready', async () => {
    const emulator = await sharedEmulator();
    emulator.faults.clear();
    emulator.faults.add({ route: 'webhooks.create', status: 403 });
    const logs = captureLogs();
    const config = loadConfig(emulatorEnv(emulator));
    const bot = await startBot({
      config,
      webex: config.webex!,
      logger: logs.logger,
      host: '127.0.0.1',
      webhookUrlForPort: (port) => `http://127.0.0.1:${port}/webhooks/webex`,
    });
    try {
      for (let i = 0; i < 200 && !logs.lines().some((l) => String(l.msg).startsWith('webhooks.registration_failed')); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      assert.ok(logs.lines().some((l) => String(l.msg).startsWith('webhooks.registration_failed')));
      assert.equal((await fetch(`http://127.0.0.1:${bot.port}/readyz`)).status, 503);
      emulator.faults.clear();

      // Webex could not be told where to deliver; an event that reaches the route anyway is answered.
      const room = emulator.rooms.direct;
      const message = await emulator.say({ from: SEED_EMAILS.agent, roomId: room, text: ASK });
      const before = emulator.botMessages(room).length;
      const body = JSON.stringify({
        id: 'WH-DIRECT',
        name: 'direct delivery',
        resource: 'messages',
        event: 'created',
        actorId: message.personId,
        data: { id: message.id, roomId: room, roomType: 'direct', personId: message.personId, personEmail: SEED_EMAILS.agent, created: message.created },
      });
      const res = await fetch(`http://127.0.0.1:${bot.port}/webhooks/webex`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(body, TEST_WEBHOOK_SECRET) },
        body,
      });
      assert.equal(res.status, 200);
      const [reply] = await emulator.waitForBotMessages({ roomId: room, count: 1, after: before, timeoutMs: 10_000 });
      assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
    } finally {
      await bot.stop();
    }
  });
});

describe('integration: a delivery replayed after a restart, without Redis', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnbot-state-'));
  const env = { TOKEN_STORE_FILE: path.join(dir, 'refresh-token.json') };
  let t: BotUnderTest | undefined;
  after(async () => {
    await t?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is recognised as already handled when TOKEN_STORE_FILE gives the bot a state directory', async () => {
    t = await startBotUnderTest(env);
    const emulator = t.emulator;
    await removeWebhooksOf(emulator, t.bot.port);
    const room = emulator.rooms.direct;
    const message = await emulator.say({ from: SEED_EMAILS.agent, roomId: room, text: ASK });
    const body = JSON.stringify({
      id: 'WH-REPLAY',
      name: 'replayed delivery',
      resource: 'messages',
      event: 'created',
      actorId: message.personId,
      data: { id: message.id, roomId: room, roomType: 'direct', personId: message.personId, personEmail: SEED_EMAILS.agent, created: message.created },
    });
    const deliver = async (port: number) => {
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/webex`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(body, TEST_WEBHOOK_SECRET) },
        body,
      });
      return (await res.json()) as { status: string };
    };
    const before = emulator.botMessages(room).length;
    assert.deepEqual(await deliver(t.bot.port), { status: 'accepted' });
    await emulator.waitForBotMessages({ roomId: room, count: 1, after: before, timeoutMs: 10_000 });
    await t.stop();

    t = await startBotUnderTest(env);
    assert.deepEqual(await deliver(t.bot.port), { status: 'duplicate' });
    assert.equal(fs.statSync(path.join(dir, 'handled-webhook-events.jsonl')).mode & 0o777, 0o600);
  });
});

describe('integration: an admin token that may not read /people/me', function () {
  this.timeout(30_000);
  let t: BotUnderTest | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });
  const refuseMe = [{ route: 'people.me' as const, token: 'admin' as const, status: 403 }];

  it('starts with DEFAULT_ORG_ID as its organization, says so once, and answers', async () => {
    t = await startBotUnderTest({ DEFAULT_ORG_ID: SEED_ORG.id }, { faults: refuseMe });
    const lines = t.logs.lines().filter((l) => String(l.msg).startsWith('startup.admin_org_from_default'));
    assert.equal(lines.length, 1);
    assert.equal(viewCard(await t.ask(ASK)).facts['Transfer number 1'], '+1205553650');
  });

  it('without DEFAULT_ORG_ID, stops with one line that names the variable to set', async () => {
    const emulator = await sharedEmulator();
    emulator.faults.clear();
    emulator.faults.add(refuseMe[0]);
    const config = loadConfig(emulatorEnv(emulator));
    const bot = await startBot({ config, webex: config.webex!, logger: captureLogs().logger, host: '127.0.0.1' });
    try {
      await assert.rejects(bot.started, (err: Error) => {
        assert.equal(
          err.message,
          'WEBEX_ADMIN_TOKEN may not read GET /people/me (403), so the bot cannot tell which organization it serves: set DEFAULT_ORG_ID to that organization\'s ID',
        );
        return true;
      });
    } finally {
      emulator.faults.clear();
      await bot.stop();
    }
  });
});
