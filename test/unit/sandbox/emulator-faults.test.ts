import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createEmulator, SEED_EMAILS, type Emulator } from '../../../sandbox/emulator';
import { call, controlUrl, type HttpResult } from './emulator-test-kit';

/** Lets real I/O (sockets, setImmediate) run; fake timers do not touch setImmediate. */
async function ioTurns(n = 20): Promise<void> {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail(`gave up waiting for ${what}`);
}

describe('webex emulator: faults, latency, rate limit, request log', () => {
  let emu: Emulator;
  let base: string;
  let nowMs: number;

  beforeEach(async () => {
    nowMs = Date.parse('2025-01-06T09:00:00.000Z');
    emu = createEmulator({ clock: () => new Date(nowMs) });
    base = await emu.listen();
  });
  afterEach(() => emu.close());

  const me = (token = emu.tokens.bot) => call('GET', `${base}/people/me`, { token });

  /** Asserts the call is held for exactly `ms` of (fake) time before it is answered. */
  async function assertHeldFor(ms: number, start: () => Promise<HttpResult>): Promise<HttpResult> {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let answered = false;
      const pending = start().then((r) => {
        answered = true;
        return r;
      });
      await until(() => clock.countTimers() > 0, 'the emulator to start waiting');
      await clock.tickAsync(ms - 1);
      await ioTurns();
      assert.equal(answered, false, `answered before ${ms} ms`);
      await clock.tickAsync(1);
      return await pending;
    } finally {
      clock.restore();
    }
  }

  describe('faults', () => {
    it('answers with the fault status, Retry-After and errorCode in Webex error format', async () => {
      emu.faults.add({ route: 'people.me', status: 429, retryAfter: 7, errorCode: 1234 });
      const r = await me();
      assert.equal(r.status, 429);
      assert.equal(r.headers['retry-after'], '7');
      const body = r.body as { message: string; errors: { description: string; errorCode: number }[]; trackingId: string };
      assert.deepEqual(body.errors, [{ description: body.message, errorCode: 1234 }]);
      assert.equal(r.headers.trackingid, body.trackingId);
    });

    it('stops after `times` hits', async () => {
      emu.faults.add({ route: 'people.me', status: 503, times: 2 });
      assert.deepEqual([(await me()).status, (await me()).status, (await me()).status], [503, 503, 200]);
      assert.deepEqual(emu.faults.list(), []);
    });

    it('matches by method and path regex', async () => {
      emu.faults.add({ method: 'get', path: '^/telephony/', status: 502 });
      const aliceId = emu.people.id(SEED_EMAILS.alice);
      const settings = await call('GET', `${base}/telephony/config/people/${aliceId}/outgoingPermission/autoTransferNumbers`, { token: emu.tokens.admin });
      assert.equal(settings.status, 502);
      assert.equal((await me(emu.tokens.admin)).status, 200);
    });

    it("hits bot and admin calls by default, never the chat page user's", async () => {
      emu.faults.add({ route: 'people.me', status: 500 });
      assert.deepEqual(
        [(await me(emu.tokens.bot)).status, (await me(emu.tokens.admin)).status, (await me(emu.tokens.user(SEED_EMAILS.agent))).status],
        [500, 500, 200],
      );
    });

    it("hits only the user's calls when token is 'user'", async () => {
      emu.faults.add({ route: 'people.me', status: 500, token: 'user' });
      assert.deepEqual([(await me(emu.tokens.bot)).status, (await me(emu.tokens.user(SEED_EMAILS.agent))).status], [200, 500]);
    });

    it('drops the connection without an answer, and logs status 0', async () => {
      emu.faults.add({ route: 'people.me', action: 'drop' });
      await assert.rejects(me(), (err: NodeJS.ErrnoException) => err.code === 'ECONNRESET');
      await until(() => emu.requests.length === 1, 'the request record');
      assert.deepEqual([emu.requests[0].route, emu.requests[0].status], ['people.me', 0]);
    });

    it('holds the answer for delayMs, then answers normally', async () => {
      emu.faults.add({ route: 'people.me', delayMs: 5000 });
      const r = await assertHeldFor(5000, () => me());
      assert.equal(r.status, 200);
    });

    it('delays then fails when delayMs and status are both given', async () => {
      emu.faults.add({ route: 'people.me', delayMs: 250, status: 504 });
      assert.equal((await assertHeldFor(250, () => me())).status, 504);
    });

    it('hangs until close(), which ends the hung call', async () => {
      emu.faults.add({ route: 'people.me', action: 'hang', times: 1 });
      const pending = me();
      await until(() => emu.faults.list().length === 0, 'the hang fault to be taken');
      await emu.close();
      await assert.rejects(pending, (err: NodeJS.ErrnoException) => err.code === 'ECONNRESET');
    });

    it('refuses an invalid fault', () => {
      assert.throws(() => emu.faults.add({ route: 'people.nope' }), /Invalid fault/);
      assert.throws(() => emu.faults.add({ route: 'people.me' }), /needs status, delayMs or action/);
    });

    it('is managed over /_control/faults', async () => {
      const control = controlUrl(base);
      const created = await call('POST', `${control}/faults`, { body: { route: 'people.list', status: 503, times: 1 } });
      assert.equal(created.status, 201);
      const id = (created.body as { id: string }).id;
      const listed = await call('GET', `${control}/faults`);
      assert.deepEqual((listed.body as { items: { id: string; route: string }[] }).items.map((f) => [f.id, f.route]), [[id, 'people.list']]);
      assert.equal((await call('DELETE', `${control}/faults/${id}`)).status, 204);
      assert.equal((await call('DELETE', `${control}/faults/${id}`)).status, 404);
      const invalid = await call('POST', `${control}/faults`, { body: { status: 'soon' } });
      assert.equal(invalid.status, 400);
      await call('POST', `${control}/faults`, { body: { route: 'people.me', status: 500 } });
      assert.equal((await call('DELETE', `${control}/faults`)).status, 204);
      assert.equal((await me()).status, 200);
    });
  });

  describe('latency', () => {
    it('delays every /v1 call by the configured ms', async () => {
      const set = await call('POST', `${controlUrl(base)}/latency`, { body: { ms: 1500 } });
      assert.deepEqual(set.body, { ms: 1500 });
      assert.equal((await assertHeldFor(1500, () => me(emu.tokens.user(SEED_EMAILS.agent)))).status, 200);
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After beyond the limit per rolling second, for bot and admin calls', async () => {
      emu.setRateLimit(2);
      assert.deepEqual([(await me()).status, (await me(emu.tokens.admin)).status], [200, 200]);
      const limited = await me();
      assert.equal(limited.status, 429);
      assert.equal(limited.headers['retry-after'], '1');
      assert.equal(
        (limited.body as { message: string }).message,
        'Too many requests have been sent in a given amount of time and the request has been rate limited.',
      );
      assert.equal((await me(emu.tokens.user(SEED_EMAILS.agent))).status, 200);
      nowMs += 1000;
      assert.equal((await me()).status, 200);
    });

    it('is set and lifted over /_control/rate-limit', async () => {
      await call('POST', `${controlUrl(base)}/rate-limit`, { body: { perSecond: 1 } });
      assert.deepEqual([(await me()).status, (await me()).status], [200, 429]);
      const lifted = await call('POST', `${controlUrl(base)}/rate-limit`, { body: { perSecond: null } });
      assert.deepEqual(lifted.body, { perSecond: null });
      assert.equal((await me()).status, 200);
      assert.equal((await call('POST', `${controlUrl(base)}/rate-limit`, { body: { perSecond: 0 } })).status, 400);
    });
  });

  describe('request log', () => {
    it('records method, path, query, route, status and role of each /v1 call', async () => {
      await me();
      await call('GET', `${base}/people?email=${SEED_EMAILS.alice}`, { token: emu.tokens.admin });
      await call('GET', `${base}/webhooks/`, { token: emu.tokens.user(SEED_EMAILS.agent) });
      await call('GET', `${base}/nowhere`, { token: emu.tokens.bot });
      await call('GET', `${base}/people/me`);
      await until(() => emu.requests.length === 5, 'five records');
      assert.deepEqual(
        emu.requests.map((r) => [r.method, r.path, r.query, r.route, r.status, r.role, r.at]),
        [
          ['GET', '/people/me', '', 'people.me', 200, 'bot', '2025-01-06T09:00:00.000Z'],
          ['GET', '/people', `email=${SEED_EMAILS.alice}`, 'people.list', 200, 'admin', '2025-01-06T09:00:00.000Z'],
          ['GET', '/webhooks', '', 'webhooks.list', 200, 'user', '2025-01-06T09:00:00.000Z'],
          ['GET', '/nowhere', '', 'unknown', 404, 'bot', '2025-01-06T09:00:00.000Z'],
          ['GET', '/people/me', '', 'people.me', 401, 'none', '2025-01-06T09:00:00.000Z'],
        ],
      );
      const overHttp = await call('GET', `${controlUrl(base)}/requests`);
      assert.equal((overHttp.body as unknown[]).length, 5);
      assert.equal((await call('DELETE', `${controlUrl(base)}/requests`)).status, 204);
      assert.equal(emu.requests.length, 0);
    });
  });
});
