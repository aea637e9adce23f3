import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createHttpApp } from '../../../src/http/app';
import { MemoryEventMemory } from '../../../src/store';
import { signBody } from '../../../src/http/signature';
import { createWebhookReceiver, MAX_WEBHOOK_BYTES } from '../../../src/http/webhook-receiver';
import type { WebexWebhookEvent } from '../../../src/webex/types';
import { listen, type Listening } from '../../helpers/http';
import { captureLogs } from '../../helpers/logs';

const SECRET = 'receiver-test-secret-0123456789';
const NOW = Date.parse('2026-11-29T10:00:00Z');

function event(id = 'MSG1', created = '2026-11-29T09:59:58Z'): WebexWebhookEvent {
  return {
    id: 'WH1',
    name: 'bot hook',
    resource: 'messages',
    event: 'created',
    actorId: 'P1',
    data: { id, roomId: 'R1', personId: 'P1', created },
  };
}

describe('http/webhook receiver', () => {
  let server: Listening;
  let received: WebexWebhookEvent[];
  let verified: WebexWebhookEvent[];
  const logs = captureLogs();

  beforeEach(async () => {
    received = [];
    verified = [];
    const app = createHttpApp({
      webhookPath: '/webhooks/webex',
      webhookHandlers: createWebhookReceiver({
        secret: SECRET,
        memory: new MemoryEventMemory(60_000),
        onVerified: (e) => {
          verified.push(e);
        },
        onEvent: (e) => {
          received.push(e);
        },
        logger: logs.logger,
        now: () => NOW,
      }),
      isReady: () => true,
    });
    server = await listen(app);
  });
  afterEach(() => server.close());

  async function post(body: string, headers: Record<string, string>): Promise<Response> {
    const res = await fetch(`${server.url}/webhooks/webex`, { method: 'POST', body, headers });
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    return res;
  }

  function signed(body: string, secret = SECRET): Record<string, string> {
    return { 'content-type': 'application/json', 'x-spark-signature': signBody(body, secret) };
  }

  it('accepts a correctly signed event and hands it on after answering', async () => {
    const body = JSON.stringify(event());
    const res = await post(body, signed(body));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'accepted' });
    assert.deepEqual(received, [event()]);
  });

  it('rejects a missing signature with 401 and hands nothing on', async () => {
    const body = JSON.stringify(event());
    const res = await post(body, { 'content-type': 'application/json' });
    assert.equal(res.status, 401);
    assert.equal(received.length, 0);
  });

  it('rejects a wrong signature, one made with another secret, and one of the wrong shape', async () => {
    const body = JSON.stringify(event());
    for (const sig of [signBody(body, 'another-secret-entirely'), 'f'.repeat(40), 'not-hex', '', signBody(body, SECRET).slice(0, 39)]) {
      const res = await post(body, { 'content-type': 'application/json', 'x-spark-signature': sig });
      assert.equal(res.status, 401, `signature ${JSON.stringify(sig)}`);
    }
    assert.equal(received.length, 0);
  });

  it('rejects a signature of the right bytes made with the wrong algorithm (HMAC-SHA256)', async () => {
    const body = JSON.stringify(event());
    const sha256 = createHmac('sha256', SECRET).update(body).digest('hex');
    const res = await post(body, { 'content-type': 'application/json', 'x-spark-signature': sha256 });
    assert.equal(res.status, 401);
    assert.equal(received.length, 0);
  });

  it('rejects the right signature over different bytes (re-spaced JSON)', async () => {
    const compact = JSON.stringify(event());
    const spaced = JSON.stringify(event(), null, 2);
    const res = await post(spaced, signed(compact));
    assert.equal(res.status, 401);
    assert.equal(received.length, 0);
  });

  it('answers a duplicate delivery of the same event only once', async () => {
    const body = JSON.stringify(event('MSG-DUP'));
    assert.equal((await post(body, signed(body))).status, 200);
    const again = await post(body, signed(body));
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { status: 'duplicate' });
    assert.equal(received.length, 1);
  });

  it('handles a person added back to a space: same membership ID, a later event, not a redelivery', async () => {
    // Webex keeps one membership ID per person and space; only `created` tells the two additions apart.
    const membership = (created: string): WebexWebhookEvent => ({
      id: 'WH1',
      name: 'bot hook',
      resource: 'memberships',
      event: 'created',
      actorId: 'P1',
      data: { id: 'MEMBERSHIP-EVE-R1', roomId: 'R1', personId: 'EVE', personOrgId: 'OTHER', created },
    });
    const first = JSON.stringify(membership('2026-11-29T09:50:00Z'));
    const again = JSON.stringify(membership('2026-11-29T09:59:00Z'));
    assert.deepEqual(await (await post(first, signed(first))).json(), { status: 'accepted' });
    assert.deepEqual(await (await post(again, signed(again))).json(), { status: 'accepted' });
    assert.equal(received.length, 2);
  });

  it('shows every verified event to onVerified, duplicates and stale ones included, before dropping them', async () => {
    const body = JSON.stringify(event('MSG-SEEN'));
    await post(body, signed(body));
    await post(body, signed(body));
    const old = JSON.stringify(event('MSG-OLD-SEEN', '2026-11-28T10:00:00Z'));
    await post(old, signed(old));
    const forged = JSON.stringify(event('MSG-FORGED'));
    await post(forged, signed(forged, 'not-the-secret'));
    assert.deepEqual(
      verified.map((e) => e.data.id),
      ['MSG-SEEN', 'MSG-SEEN', 'MSG-OLD-SEEN'],
    );
    assert.equal(received.length, 1);
  });

  it('refuses a signed event whose IDs are not Webex IDs, before anything uses them in a path', async () => {
    const shapes: Array<[Record<string, unknown>, string]> = [
      [{ data: { id: '../../people/me', roomId: 'R1' } }, 'data.id'],
      [{ data: { id: 'MSG1', roomId: 'R1/../../webhooks' } }, 'data.roomId'],
      [{ data: { id: 'MSG1', personId: 'me?x=1' } }, 'data.personId'],
      [{ data: { id: 'MSG1', messageId: 'a b' } }, 'data.messageId'],
      [{ data: { id: 'MSG1', roomId: 42 } }, 'data.roomId'],
      [{ data: { id: 'x'.repeat(257) } }, 'data.id'],
      [{ actorId: '..%2F..', data: { id: 'MSG1' } }, 'actorId'],
    ];
    for (const [shape, field] of shapes) {
      const body = JSON.stringify({ ...event('X'), ...shape });
      const res = await post(body, signed(body));
      assert.equal(res.status, 400, body);
      assert.deepEqual(await res.json(), { message: `${field} is not a Webex ID (base64url characters, at most 256)` });
    }
    assert.equal(received.length, 0);
    assert.equal(verified.length, 0);
    const padded = JSON.stringify(event('Y2lzY29zcGFyazovL3VzL01FU1NBR0UvMQ=='));
    assert.equal((await post(padded, signed(padded))).status, 200, 'base64 padding is a Webex ID shape');
  });

  it('refuses a compressed body instead of checking the signature over decompressed bytes', async () => {
    const body = JSON.stringify(event('MSG-GZ'));
    const gz = gzipSync(Buffer.from(body));
    const res = await fetch(`${server.url}/webhooks/webex`, {
      method: 'POST',
      body: gz,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-spark-signature': signBody(body, SECRET) },
    });
    assert.equal(res.status, 415);
    assert.deepEqual(await res.json(), { message: 'Content-Encoding is not supported: Webex signs the uncompressed body it sends' });
    assert.equal(received.length, 0);
  });

  it('drops events far older than the redelivery window', async () => {
    const body = JSON.stringify(event('MSG-OLD', '2026-11-28T10:00:00Z'));
    const res = await post(body, signed(body));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'stale' });
    assert.equal(received.length, 0);
  });

  it('answers malformed JSON with 400', async () => {
    const body = '{"resource": "messages", ';
    const res = await post(body, signed(body));
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { message: 'Body is not valid JSON' });
  });

  it('answers JSON that is not a webhook event with 400', async () => {
    for (const body of ['[]', '"x"', '{}', '{"resource":"messages","event":"created","data":{}}', 'null']) {
      const res = await post(body, signed(body));
      assert.equal(res.status, 400, body);
      assert.deepEqual(await res.json(), { message: 'Body is not a Webex webhook event' }, body);
    }
    assert.equal(received.length, 0);
  });

  it('answers an empty body with 401 (nothing to verify) and never hands it on', async () => {
    const res = await post('', { 'content-type': 'application/json' });
    assert.equal(res.status, 401);
    const signedEmpty = await post('', signed(''));
    assert.equal(signedEmpty.status, 400);
    assert.equal(received.length, 0);
  });

  it('answers a body over 64 KB with 413', async () => {
    const big = JSON.stringify({ ...event(), padding: 'x'.repeat(MAX_WEBHOOK_BYTES) });
    const res = await post(big, signed(big));
    assert.equal(res.status, 413);
    assert.equal(received.length, 0);
  });

  it('answers a non-JSON content type with 415', async () => {
    const body = JSON.stringify(event());
    const res = await post(body, { 'content-type': 'text/plain', 'x-spark-signature': signBody(body, SECRET) });
    assert.equal(res.status, 415);
    assert.equal(received.length, 0);
  });

  it('answers other methods on the webhook path with 405', async () => {
    const res = await fetch(`${server.url}/webhooks/webex`);
    assert.equal(res.status, 405);
  });

  it('serves health and readiness', async () => {
    assert.deepEqual(await (await fetch(`${server.url}/healthz`)).json(), { status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
  });

  it('keeps serving good events after a burst of bad ones', async () => {
    const bad = ['{', 'x'.repeat(10), JSON.stringify(event('A'))];
    await Promise.all(bad.map((b) => post(b, { 'content-type': 'application/json', 'x-spark-signature': 'f'.repeat(40) })));
    const body = JSON.stringify(event('MSG-AFTER'));
    assert.equal((await post(body, signed(body))).status, 200);
    assert.deepEqual(
      received.map((e) => e.data.id),
      ['MSG-AFTER'],
    );
  });
});
