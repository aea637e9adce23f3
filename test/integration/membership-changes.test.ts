// An outsider who joins a space (or joins it again) is noticed before the next answer, by the instance
// that received the membership event and by every other instance sharing Redis.
import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SEED_EMAILS } from '../../sandbox/emulator';
import type { WebexMessage } from '../../src/webex/types';
import { requireRedis, testRedisUrl } from '../helpers/redis';
import { removeWebhooksOf, startBotUnderTest, TEST_WEBHOOK_SECRET, type BotUnderTest } from './harness';

const ASK = 'transfer numbers for alice@example.com';
const ALICES_NUMBER = '+1205553650';
const OUTSIDER = SEED_EMAILS.olga;

function markdownOf(m: WebexMessage): string {
  return m.markdown ?? m.text ?? '';
}

/** True when the answer was posted in the space itself (a card with Alice's number). */
function answeredInSpace(reply: WebexMessage): boolean {
  return JSON.stringify(reply).includes(ALICES_NUMBER);
}

function assertSentPrivately(reply: WebexMessage): void {
  assert.ok(!answeredInSpace(reply), 'the numbers must not be posted in a space with an outsider');
  assert.match(markdownOf(reply), /Dana Desk, I sent the answer to you in a private message/);
}

describe('integration: an outsider added to a space, removed, and added back', function () {
  this.timeout(60_000);
  let t: BotUnderTest;

  before(async () => {
    t = await startBotUnderTest();
  });
  after(async () => {
    const room = t?.emulator.rooms.helpDesk;
    if (t && (await isMember(t, room, OUTSIDER))) await t.emulator.removeMember({ roomId: room, email: OUTSIDER });
    await t?.stop();
  });

  async function askInHelpDesk(): Promise<WebexMessage> {
    await t.emulator.deliveriesSettled();
    return t.ask(ASK, { roomId: t.emulator.rooms.helpDesk, mentionBot: true });
  }

  it('answers privately each time the outsider is there, and in the space when they are not', async () => {
    const room = t.emulator.rooms.helpDesk;
    assert.ok(answeredInSpace(await askInHelpDesk()), 'only insiders at first');

    await t.emulator.addMember({ roomId: room, email: OUTSIDER });
    assertSentPrivately(await askInHelpDesk());

    await t.emulator.removeMember({ roomId: room, email: OUTSIDER });
    assert.ok(answeredInSpace(await askInHelpDesk()), 'the outsider has left');

    // Webex keeps one membership ID per person and space: this memberships:created has the same data.id.
    await t.emulator.addMember({ roomId: room, email: OUTSIDER });
    assertSentPrivately(await askInHelpDesk());
  });
});

describe('integration: two instances on Redis, behind one webhook URL', function () {
  this.timeout(60_000);
  const bots: BotUnderTest[] = [];
  let balancer: http.Server | undefined;

  before(async function () {
    await requireRedis(this);
  });
  after(async () => {
    const t = bots[0];
    if (t && (await isMember(t, t.emulator.rooms.helpDesk, OUTSIDER))) await t.emulator.removeMember({ roomId: t.emulator.rooms.helpDesk, email: OUTSIDER });
    if (t) await removeWebhooksPointingAt(t, balancerUrl());
    while (bots.length > 0) await bots.pop()!.stop();
    await new Promise((resolve) => balancer?.close(resolve));
  });

  function balancerUrl(): string {
    return `http://127.0.0.1:${(balancer?.address() as AddressInfo | undefined)?.port ?? 0}/webhooks/webex`;
  }

  it('the instance that did not receive the membership event still answers privately', async () => {
    const a = await startBotUnderTest({ REDIS_URL: testRedisUrl() });
    bots.push(a);
    const b = await startBotUnderTest({ REDIS_URL: testRedisUrl() });
    bots.push(b);
    const emulator = a.emulator;
    const room = emulator.rooms.helpDesk;

    // One webhook URL for both, as behind a load balancer; this one happens to route membership
    // events to instance A and everything else to instance B.
    balancer = await startBalancer((resource) => (resource === 'memberships' ? a.bot.port : b.bot.port));
    await removeWebhooksOf(emulator, a.bot.port);
    await removeWebhooksOf(emulator, b.bot.port);
    await createWebhooks(a, balancerUrl());

    const ask = async () => {
      await emulator.deliveriesSettled();
      return a.ask(ASK, { roomId: room, mentionBot: true });
    };
    assert.ok(answeredInSpace(await ask()), 'B answers in the space and remembers who is there');

    await emulator.addMember({ roomId: room, email: OUTSIDER });
    assertSentPrivately(await ask());
  });
});

async function isMember(t: BotUnderTest, roomId: string, email: string): Promise<boolean> {
  const query = new URLSearchParams({ roomId, personEmail: email });
  const res = await fetch(`${t.emulator.baseUrl}/memberships?${query}`, { headers: { authorization: `Bearer ${t.emulator.tokens.bot}` } });
  return ((await res.json()) as { items: unknown[] }).items.length > 0;
}

/** Forwards each delivery, bytes and headers untouched, to the instance `route` picks. */
async function startBalancer(route: (resource: string) => number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let resource = '';
      try {
        resource = String((JSON.parse(body.toString('utf8')) as { resource?: unknown }).resource ?? '');
      } catch {
        // Forwarded as is; the instance answers it.
      }
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'x-spark-signature']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      fetch(`http://127.0.0.1:${route(resource)}${req.url}`, { method: 'POST', headers, body })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function createWebhooks(t: BotUnderTest, targetUrl: string): Promise<void> {
  const headers = { authorization: `Bearer ${t.emulator.tokens.bot}`, 'content-type': 'application/json' };
  for (const [resource, event] of [
    ['all', 'all'],
    ['attachmentActions', 'created'],
  ]) {
    const res = await fetch(`${t.emulator.baseUrl}/webhooks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'behind a load balancer', targetUrl, resource, event, secret: TEST_WEBHOOK_SECRET }),
    });
    assert.equal(res.status, 200, await res.text());
  }
}

async function removeWebhooksPointingAt(t: BotUnderTest, targetUrl: string): Promise<void> {
  const headers = { authorization: `Bearer ${t.emulator.tokens.bot}` };
  const res = await fetch(`${t.emulator.baseUrl}/webhooks`, { headers });
  const body = (await res.json()) as { items: Array<{ id: string; targetUrl: string }> };
  for (const w of body.items.filter((x) => x.targetUrl === targetUrl)) {
    await fetch(`${t.emulator.baseUrl}/webhooks/${w.id}`, { method: 'DELETE', headers });
  }
}
