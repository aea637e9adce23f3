import { strict as assert } from 'node:assert';
import { createEmulator, type Emulator } from '../../../sandbox/emulator';
import { WebexApiError } from '../../../src/webex/errors';
import type { WebexHttp } from '../../../src/webex/http';
import { type Webhook, ensureWebhooks } from '../../../src/webex/webhook-registrar';
import { call } from '../sandbox/emulator-test-kit';
import { startFakeWebex } from './support/fake-webex-server';
import { createTestHttp } from './support/test-http';

const TARGET = 'https://bot.example.com/webhooks/webex';
const ELSEWHERE = 'https://other-app.example.com/hooks';
const NAME = Buffer.from('bot.example.com transfer-bot@example.com').toString('base64');
const SECRET = 'current-secret-0123456789';

/** What the emulator keeps of a webhook (it echoes the secret, which real Webex never does). */
type ListedHook = Webhook & { secret?: string };

describe('webex/webhook-registrar ensureWebhooks', () => {
  let emu: Emulator;
  let base: string;
  let http: WebexHttp;
  // Each webhook the emulator creates gets the next second, so "oldest" is under the test's control.
  let clockMs: number;

  beforeEach(async () => {
    clockMs = Date.parse('2024-06-01T10:00:00.000Z');
    emu = createEmulator({ clock: () => new Date(clockMs) });
    base = await emu.listen();
    http = createTestHttp(base, { token: () => emu.tokens.bot }).http;
  });

  afterEach(() => emu.close());

  async function createHook(body: Record<string, unknown>): Promise<ListedHook> {
    const r = await call('POST', `${base}/webhooks`, { token: emu.tokens.bot, body: { name: 'old-name', secret: 'old-secret-0123456789', ...body } });
    assert.equal(r.status, 200, r.raw);
    clockMs += 1000;
    return r.body as ListedHook;
  }

  async function listHooks(): Promise<ListedHook[]> {
    const r = await call('GET', `${base}/webhooks?max=1000`, { token: emu.tokens.bot });
    assert.equal(r.status, 200, r.raw);
    return (r.body as { items: ListedHook[] }).items;
  }

  const routes = () => emu.requests.map((r) => `${r.route} ${r.status}`);
  const ours = (hooks: ListedHook[]) => hooks.filter((h) => h.targetUrl === TARGET);
  const kinds = (hooks: ListedHook[]) => hooks.map((h) => `${h.resource}/${h.event}`).sort();

  it('creates the firehose and the card-submit webhook when there are none, then settles with one look', async () => {
    const result = await ensureWebhooks(http, { targetUrl: TARGET, secret: SECRET, name: NAME });

    const hooks = await listHooks();
    assert.deepEqual(kinds(hooks), ['all/all', 'attachmentActions/created']);
    for (const hook of hooks) {
      assert.equal(hook.name, NAME);
      assert.equal(hook.targetUrl, TARGET);
      assert.equal(hook.secret, SECRET);
      assert.equal(hook.status, 'active');
    }
    assert.equal(result.firehose.id, hooks.find((h) => h.resource === 'all')?.id);
    assert.equal(result.firehose.resource, 'all');
    assert.equal(result.cards.id, hooks.find((h) => h.resource === 'attachmentActions')?.id);
    assert.equal(result.cards.event, 'created');
    // What it just created already has the current secret: no update needed.
    assert.deepEqual(routes().slice(0, 4), ['webhooks.list 200', 'webhooks.create 200', 'webhooks.create 200', 'webhooks.list 200']);
    assert.ok(!routes().some((r) => r.startsWith('webhooks.update')));
  });

  it('replaces an existing webhook by delete-and-create where PUT is not supported (405)', async () => {
    const old = await createHook({ targetUrl: TARGET, resource: 'all', event: 'all' });
    emu.faults.add({ route: 'webhooks.update', status: 405 });
    const result = await ensureWebhooks(http, { targetUrl: TARGET, secret: SECRET, name: NAME });
    const hooks = await listHooks();
    assert.deepEqual(kinds(hooks), ['all/all', 'attachmentActions/created']);
    assert.notEqual(result.firehose.id, old.id, 'the old firehose was replaced');
    for (const hook of hooks) assert.equal(hook.secret, SECRET);
  });

  it('repairs existing webhooks in place: current name and secret, active again, same ids', async () => {
    const firehose = await createHook({ targetUrl: TARGET, resource: 'all', event: 'all' });
    const cards = await createHook({ targetUrl: TARGET, resource: 'attachmentActions', event: 'created' });
    const deactivated = await call('PUT', `${base}/webhooks/${firehose.id}`, { token: emu.tokens.bot, body: { name: 'old-name', targetUrl: TARGET, status: 'inactive' } });
    assert.equal(deactivated.status, 200);
    emu.clearRequests();

    const result = await ensureWebhooks(http, { targetUrl: TARGET, secret: SECRET, name: NAME });

    assert.equal(result.firehose.id, firehose.id);
    assert.equal(result.cards.id, cards.id);
    const hooks = await listHooks();
    assert.deepEqual(
      hooks.map((h) => [h.id, h.name, h.secret, h.status]),
      [
        [firehose.id, NAME, SECRET, 'active'],
        [cards.id, NAME, SECRET, 'active'],
      ],
    );
    assert.deepEqual(routes().slice(0, 3), ['webhooks.list 200', 'webhooks.update 200', 'webhooks.update 200']);
  });

  it('keeps the oldest of exact duplicates and never touches webhooks that point elsewhere or differ', async () => {
    const elsewhere = await createHook({ targetUrl: ELSEWHERE, resource: 'all', event: 'all' });
    const oldestFirehose = await createHook({ targetUrl: TARGET, resource: 'all', event: 'all' });
    const filtered = await createHook({ targetUrl: TARGET, resource: 'all', event: 'all', filter: 'roomType=direct' });
    const messages = await createHook({ targetUrl: TARGET, resource: 'messages', event: 'created' });
    const newerFirehose = await createHook({ targetUrl: TARGET, resource: 'all', event: 'all' });
    const oldestCards = await createHook({ targetUrl: TARGET, resource: 'attachmentActions', event: 'created' });
    const newerCards = await createHook({ targetUrl: TARGET, resource: 'attachmentActions', event: 'created' });
    const newestFirehose = await createHook({ targetUrl: TARGET, resource: 'all', event: 'all' });
    const elsewhereCards = await createHook({ targetUrl: ELSEWHERE, resource: 'attachmentActions', event: 'created' });

    const result = await ensureWebhooks(http, { targetUrl: TARGET, secret: SECRET, name: NAME });

    assert.equal(result.firehose.id, oldestFirehose.id);
    assert.equal(result.cards.id, oldestCards.id);
    const remaining = await listHooks();
    assert.deepEqual(
      remaining.map((h) => h.id),
      [elsewhere.id, oldestFirehose.id, filtered.id, messages.id, oldestCards.id, elsewhereCards.id],
    );
    const deleted = emu.requests.filter((r) => r.route === 'webhooks.delete').map((r) => r.path);
    assert.deepEqual(deleted.sort(), [`/webhooks/${newerFirehose.id}`, `/webhooks/${newestFirehose.id}`, `/webhooks/${newerCards.id}`].sort());
    // Webhooks that are not ours keep their name and secret.
    assert.equal(remaining.find((h) => h.id === elsewhere.id)?.name, 'old-name');
    assert.equal(remaining.find((h) => h.id === filtered.id)?.secret, 'old-secret-0123456789');
  });

  it('reads every page of GET /webhooks before deciding to create', async () => {
    for (let i = 0; i < 105; i += 1) await createHook({ targetUrl: `${ELSEWHERE}/${i}`, resource: 'messages', event: 'created' });
    const firehose = await createHook({ targetUrl: TARGET, resource: 'all', event: 'all' });
    const cards = await createHook({ targetUrl: TARGET, resource: 'attachmentActions', event: 'created' });
    emu.clearRequests();

    const result = await ensureWebhooks(http, { targetUrl: TARGET, secret: SECRET, name: NAME });

    assert.equal(result.firehose.id, firehose.id);
    assert.equal(result.cards.id, cards.id);
    assert.deepEqual(routes().slice(0, 4), ['webhooks.list 200', 'webhooks.list 200', 'webhooks.update 200', 'webhooks.update 200']);
    assert.equal((await listHooks()).length, 107);
  });

  for (const instances of [2, 5]) {
    it(`converges to exactly one of each when ${instances} instances start at the same moment`, async () => {
      // The emulator clock stands still here, so every webhook has the same "created": the id decides.
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const targetUrl = `${TARGET}?attempt=${attempt}`;
        const runs = Array.from({ length: instances }, () => ensureWebhooks(http, { targetUrl, secret: SECRET, name: NAME }));
        const results = await Promise.all(runs);

        const hooks = (await listHooks()).filter((h) => h.targetUrl === targetUrl);
        assert.deepEqual(kinds(hooks), ['all/all', 'attachmentActions/created'], `attempt ${attempt}`);
        for (const result of results) {
          assert.equal(result.firehose.targetUrl, targetUrl);
          assert.equal(result.cards.resource, 'attachmentActions');
        }
      }
    });
  }

  it('starts over when the webhook it kept disappears before the repair', async () => {
    await createHook({ targetUrl: TARGET, resource: 'all', event: 'all' });
    await createHook({ targetUrl: TARGET, resource: 'attachmentActions', event: 'created' });
    emu.faults.add({ route: 'webhooks.update', status: 404, times: 1, token: 'bot' });
    emu.clearRequests();

    await ensureWebhooks(http, { targetUrl: TARGET, secret: SECRET, name: NAME });

    assert.deepEqual(routes().slice(0, 4), ['webhooks.list 200', 'webhooks.update 404', 'webhooks.list 200', 'webhooks.update 200']);
    assert.equal(ours(await listHooks()).length, 2);
  });

  it('fails with the WebexApiError when Webex refuses to create a webhook', async () => {
    emu.faults.add({ route: 'webhooks.create', status: 403, token: 'bot' });

    await assert.rejects(ensureWebhooks(http, { targetUrl: TARGET, secret: SECRET, name: NAME }), (err: unknown) => {
      assert.ok(err instanceof WebexApiError);
      assert.equal(err.status, 403);
      assert.equal(err.method, 'POST');
      assert.equal(err.path, '/webhooks');
      return true;
    });
  });
});

describe('webex/webhook-registrar when GET /webhooks pages loop', () => {
  it('stops with a clear error instead of reading the same pages forever', async () => {
    const server = await startFakeWebex();
    try {
      server.script((req) => {
        const back = req.url.includes('cursor=2') ? 'cursor=1' : 'cursor=2';
        return { status: 200, json: { items: [] }, headers: { Link: `<${server.baseUrl}/webhooks?max=100&${back}>; rel="next"` } };
      });
      const { http } = createTestHttp(server.baseUrl);
      await assert.rejects(
        ensureWebhooks(http, { targetUrl: TARGET, secret: SECRET, name: NAME }),
        (err: unknown) =>
          err instanceof WebexApiError && err.message === 'Webex kept sending the same pages of webhooks; the listing was stopped after 3 pages',
      );
      assert.equal(server.requests.length, 3);
    } finally {
      await server.close();
    }
  });

  it('stops at the second read when page 2 links back to the first page', async () => {
    const server = await startFakeWebex();
    try {
      server.script((req) => {
        const link = req.url.includes('cursor=2') ? `${server.baseUrl}/webhooks?max=100` : `${server.baseUrl}/webhooks?max=100&cursor=2`;
        return { status: 200, json: { items: [] }, headers: { Link: `<${link}>; rel="next"` } };
      });
      const { http } = createTestHttp(server.baseUrl);
      await assert.rejects(
        ensureWebhooks(http, { targetUrl: TARGET, secret: SECRET, name: NAME }),
        (err: unknown) => err instanceof WebexApiError && err.message === 'Webex kept sending the same pages of webhooks; the listing was stopped after 2 pages',
      );
      assert.equal(server.requests.length, 2);
    } finally {
      await server.close();
    }
  });
});
