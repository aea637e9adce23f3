// Property-based fuzzing of the webhook route: whatever arrives (any bytes, any JSON, event look-alikes,
// any content type or encoding, with or without a valid signature), the answer is the exact status the
// receiver's contract says (200 only for a validly signed, well-formed event; otherwise a 4xx), the
// server keeps running, and only validly signed events are handed on.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { createHttpApp } from '../../../src/http/app';
import { MemoryEventMemory } from '../../../src/store';
import { signBody } from '../../../src/http/signature';
import { createWebhookReceiver, MAX_WEBHOOK_BYTES } from '../../../src/http/webhook-receiver';
import type { WebexWebhookEvent } from '../../../src/webex/types';
import { listen, type Listening } from '../../helpers/http';
import { captureLogs } from '../../helpers/logs';

const SECRET = 'fuzz-webhook-secret-0123456789';
const NOW = Date.parse('2026-11-29T10:00:00Z');
const MAX_EVENT_AGE_MS = 60 * 60 * 1000;
const PATH = '/webhooks/webex';
const RUNS = Number(process.env.FUZZ_RUNS) || 150;

// ---- what is sent ---------------------------------------------------------------------------------

type SignatureKind = 'valid' | 'validUpperCase' | 'none' | 'otherSecret' | 'garbage';

interface Delivery {
  body: Buffer;
  contentType?: string;
  contentEncoding?: string;
  signature: SignatureKind;
  garbageSignature: string;
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8'];
const OTHER_TYPES = [
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/jsonx',
  'application/vnd.api+json',
  'not a type',
];

const recentIso = fc.integer({ min: -5 * 60_000, max: 5 * 60_000 }).map((offset) => new Date(NOW + offset).toISOString());
const oldIso = fc.integer({ min: MAX_EVENT_AGE_MS + 1, max: 30 * 24 * MAX_EVENT_AGE_MS }).map((age) => new Date(NOW - age).toISOString());

/** Two events delivered again and again (redeliveries), and later events about the same objects. */
const REPEATED_DATA = [
  { id: 'MSG-1', roomId: 'R1', personId: 'P1', created: new Date(NOW - 1000).toISOString() },
  { id: 'MSG-2', roomId: 'R2', personId: 'P2', created: new Date(NOW - 2000).toISOString() },
];

/** Mostly Webex-shaped IDs, sometimes anything (which must be refused). */
const idArb = fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });

/** Webhook envelopes as Webex sends them; some repeat whole (redeliveries), some repeat only data IDs. */
const eventArb = fc.record(
  {
    id: fc.uuid(),
    name: fc.string({ maxLength: 20 }),
    resource: fc.constantFrom('messages', 'attachmentActions', 'memberships', 'rooms'),
    event: fc.constantFrom('created', 'updated', 'deleted'),
    actorId: idArb,
    data: fc.oneof(
      fc.record(
        {
          id: fc.oneof(fc.uuid(), fc.constantFrom('MSG-1', 'MSG-2')),
          roomId: idArb,
          personId: idArb,
          created: fc.oneof(recentIso, oldIso, fc.string({ maxLength: 30 })),
        },
        { requiredKeys: ['id'] },
      ),
      fc.constantFrom(...REPEATED_DATA),
    ),
  },
  { requiredKeys: ['resource', 'event', 'data'] },
);

/** Objects that look like events but are off in some field. */
const nearEventArb = fc.record(
  {
    id: fc.anything(),
    resource: fc.oneof(fc.constantFrom('messages', 'memberships'), fc.anything()),
    event: fc.oneof(fc.constant('created'), fc.anything()),
    data: fc.oneof(
      fc.record({ id: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null), fc.string()), created: fc.anything() }, { requiredKeys: [] }),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

const bodyArb: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 4, arbitrary: eventArb.map((e) => Buffer.from(JSON.stringify(e))) },
  { weight: 3, arbitrary: nearEventArb.map((e) => Buffer.from(JSON.stringify(e) ?? 'undefined')) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }).map((text) => Buffer.from(text)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: fc.constant(Buffer.from(JSON.stringify({ resource: 'messages', event: 'created', data: { id: 'BIG' }, pad: 'x'.repeat(MAX_WEBHOOK_BYTES) }))) },
);

const deliveryArb: fc.Arbitrary<Delivery> = fc.record({
  body: bodyArb,
  contentType: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...JSON_TYPES) }, { weight: 2, arbitrary: fc.constantFrom(...OTHER_TYPES) }, { weight: 1, arbitrary: fc.constant(undefined) }),
  contentEncoding: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('identity', 'gzip', 'bogus') }),
  signature: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom<SignatureKind>('valid', 'validUpperCase') },
    { weight: 3, arbitrary: fc.constantFrom<SignatureKind>('none', 'otherSecret', 'garbage') },
  ),
  garbageSignature: fc.oneof(fc.stringMatching(/^[ -~]{0,60}$/), fc.stringMatching(/^[0-9a-f]{40}$/)),
});

function headersOf(d: Delivery): Record<string, string> {
  const headers: Record<string, string> = {};
  if (d.contentType !== undefined) headers['content-type'] = d.contentType;
  if (d.contentEncoding !== undefined) headers['content-encoding'] = d.contentEncoding;
  const valid = signBody(d.body, SECRET);
  if (d.signature === 'valid') headers['x-spark-signature'] = valid;
  if (d.signature === 'validUpperCase') headers['x-spark-signature'] = valid.toUpperCase();
  if (d.signature === 'otherSecret') headers['x-spark-signature'] = signBody(d.body, 'a-different-secret-entirely');
  if (d.signature === 'garbage') headers['x-spark-signature'] = d.garbageSignature;
  return headers;
}

// ---- what the contract says the answer is ---------------------------------------------------------

type Expected =
  | { status: 200; outcome: 'accepted' | 'duplicate' | 'stale'; event: WebexWebhookEvent }
  | { status: 400 | 401 | 413 | 415 }
  /** Broken compressed data: some 4xx from the body parser. */
  | { status: '4xx' };

function isJsonType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_TYPES.includes(contentType);
}

function isEventShape(v: unknown): v is WebexWebhookEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  const data = e.data as Record<string, unknown> | null | undefined;
  // IDs go into API paths: only Webex's ID alphabet (base64url, "=" padding) passes.
  const idOk = (x: unknown) => x === undefined || (typeof x === 'string' && /^[A-Za-z0-9_-]{1,256}={0,2}$/.test(x));
  return (
    typeof e.resource === 'string' &&
    typeof e.event === 'string' &&
    idOk(e.actorId) &&
    typeof data === 'object' &&
    data !== null &&
    typeof data.id === 'string' &&
    idOk(data.id) &&
    idOk(data.roomId) &&
    idOk(data.personId) &&
    idOk(data.messageId)
  );
}

function expectedAnswer(d: Delivery, remembered: Set<string>): Expected {
  if (!isJsonType(d.contentType)) return { status: 415 };
  if (d.contentEncoding === 'bogus') return { status: 415 };
  if (d.contentEncoding === 'gzip') return { status: '4xx' };
  if (d.body.length > MAX_WEBHOOK_BYTES) return { status: 413 };
  if (d.signature !== 'valid' && d.signature !== 'validUpperCase') return { status: 401 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(d.body.toString('utf8'));
  } catch {
    return { status: 400 };
  }
  if (!isEventShape(parsed)) return { status: 400 };
  const created = Date.parse(typeof parsed.data.created === 'string' ? parsed.data.created : '');
  if (Number.isFinite(created) && NOW - created > MAX_EVENT_AGE_MS) return { status: 200, outcome: 'stale', event: parsed };
  // A redelivery repeats the whole `data`; a later event about the same object differs in it.
  const key = `${parsed.resource}:${parsed.event}:${JSON.stringify(parsed.data)}`;
  if (remembered.has(key)) return { status: 200, outcome: 'duplicate', event: parsed };
  remembered.add(key);
  return { status: 200, outcome: 'accepted', event: parsed };
}

// ---- the run ------------------------------------------------------------------------------------

describe('fuzz/webhook receiver', () => {
  let server: Listening;
  let received: WebexWebhookEvent[];
  let remembered: Set<string>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const logs = captureLogs('warn');

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    received = [];
    remembered = new Set();
    let calls = 0;
    const app = createHttpApp({
      webhookPath: PATH,
      webhookHandlers: createWebhookReceiver({
        secret: SECRET,
        memory: new MemoryEventMemory(24 * MAX_EVENT_AGE_MS),
        // A hand-off that fails now and then, both ways: the receiver must contain it.
        onEvent: (event) => {
          received.push(event);
          calls++;
          if (calls % 5 === 0) throw new Error('handler failed');
          if (calls % 7 === 0) return Promise.reject(new Error('handler rejected'));
        },
        logger: logs.logger,
        maxEventAgeMs: MAX_EVENT_AGE_MS,
        now: () => NOW,
      }),
      isReady: () => true,
    });
    server = await listen(app);
  });

  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server.close();
  });

  async function deliver(d: Delivery): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${server.url}${PATH}`, { method: 'POST', body: new Uint8Array(d.body), headers: headersOf(d) });
    const text = await res.text();
    // The hand-off runs on setImmediate after the answer: let it happen before looking.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Left as text: the assertion below shows it.
    }
    return { status: res.status, body };
  }

  it('answers every delivery with the status its contract says, never 5xx, handing on only signed events', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(deliveryArb, async (d) => {
        const before = received.length;
        const expected = expectedAnswer(d, remembered);
        const answer = await deliver(d);
        const handedOn = received.slice(before);

        assert.ok(answer.status < 500, `got ${answer.status}`);
        if (expected.status === '4xx') {
          assert.ok(answer.status >= 400 && answer.status < 500, `got ${answer.status}`);
        } else {
          assert.equal(answer.status, expected.status, JSON.stringify(answer.body));
        }
        if (answer.status !== 200) {
          assert.equal(typeof (answer.body as { message?: unknown }).message, 'string', 'a 4xx says why in JSON');
        }
        if (expected.status === 200) {
          assert.deepEqual(answer.body, { status: expected.outcome });
          assert.deepEqual(handedOn, expected.outcome === 'accepted' ? [expected.event] : []);
        } else {
          assert.deepEqual(handedOn, []);
        }
        assert.deepEqual(unhandled, []);
      }),
      { numRuns: RUNS },
    );
  });

  it('covered every answer the contract has (so the property above tested something)', () => {
    const outcomes = new Set<string>();
    const seen = new Set<string>();
    for (const d of fc.sample(deliveryArb, { numRuns: 1000, seed: 7 })) {
      const expected = expectedAnswer(d, seen);
      outcomes.add(expected.status === 200 ? expected.outcome : String(expected.status));
    }
    assert.deepEqual([...outcomes].sort(), ['400', '401', '413', '415', '4xx', 'accepted', 'duplicate', 'stale']);
  });

  it('is still serving afterwards, and no rejection went unhandled', async () => {
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    const body = Buffer.from(JSON.stringify({ resource: 'messages', event: 'created', data: { id: 'AFTER-FUZZ', created: new Date(NOW).toISOString() } }));
    const answer = await deliver({ body, contentType: 'application/json', signature: 'valid', garbageSignature: '' });
    assert.equal(answer.status, 200);
    assert.equal(received[received.length - 1].data.id, 'AFTER-FUZZ');
    assert.deepEqual(unhandled, []);
  });
});
