import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { type WebexCallInfo, type WebexRetryInfo, createWebexHttp, parseLinkNext, sharedAgents } from '../../../src/webex/http';
import type { RateGate } from '../../../src/webex/rate-gate';
import { type FakeWebex, startFakeWebex } from './support/fake-webex-server';
import { createTestHttp } from './support/test-http';
import { caught } from '../../helpers/caught';


/** A pass-through gate that records what the HTTP core asks of it. */
function spyGate(): RateGate & { scheduled: number; holds: number[] } {
  const gate = {
    scheduled: 0,
    holds: [] as number[],
    schedule<T>(fn: () => Promise<T>): Promise<T> {
      gate.scheduled += 1;
      return fn();
    },
    holdFor(seconds: number) {
      gate.holds.push(seconds);
    },
    stop: async () => undefined,
    stats: () => ({ queued: 0, running: 0, held: 0 }),
  };
  return gate;
}

const ok = { status: 200, json: { ok: true } } as const;

describe('webex/http createWebexHttp', () => {
  let server: FakeWebex;

  beforeEach(async () => {
    server = await startFakeWebex();
  });

  afterEach(() => server.close());

  it('returns data, status and lower-cased headers, and sends JSON bodies', async () => {
    server.script(() => ({ status: 201, json: { id: 'x' }, headers: { TrackingID: 'ROUTER_OK', Link: '<a>; rel="next"' } }));
    const { http } = createTestHttp(server.baseUrl);
    const response = await http.request<{ id: string }>({
      method: 'PUT',
      path: '/telephony/config/people/p1/outgoingPermission/autoTransferNumbers',
      query: { orgId: 'O', skip: undefined, flag: true },
      body: { autoTransferNumber1: '' },
      route: 'telephony.transferNumbers.put',
    });
    assert.deepEqual(response.data, { id: 'x' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.trackingid, 'ROUTER_OK');
    assert.equal(parseLinkNext(response.headers.link), 'a');
    assert.equal(server.requests[0].method, 'PUT');
    assert.equal(server.requests[0].url, '/v1/telephony/config/people/p1/outgoingPermission/autoTransferNumbers?orgId=O&flag=true');
    assert.equal(server.requests[0].headers['content-type'], 'application/json');
  });

  it('reports every attempt to onCall, and each retry to onRetry with its route', async () => {
    server.script((_req, i) => (i === 0 ? { status: 503, json: { message: 'busy' } } : ok));
    const calls: Omit<WebexCallInfo, 'durationMs'>[] = [];
    const retries: [number, number, string, string, number][] = [];
    const { http } = createTestHttp(server.baseUrl, {
      onCall: ({ durationMs, ...rest }) => {
        assert.ok(durationMs >= 0);
        calls.push(rest);
      },
      onRetry: (info: WebexRetryInfo) => retries.push([info.attempt, info.delayMs, info.method, info.route, info.error.status]),
    });
    await http.request({ method: 'GET', path: '/people/me', route: 'people.me' });
    assert.deepEqual(calls, [
      { method: 'GET', route: 'people.me', status: 503 },
      { method: 'GET', route: 'people.me', status: 200 },
    ]);
    assert.deepEqual(retries, [[1, 125, 'GET', 'people.me', 503]]);
  });

  it('keeps working when a metrics hook throws', async () => {
    server.script(() => ok);
    const { http } = createTestHttp(server.baseUrl, {
      onCall: () => {
        throw new Error('metrics broke');
      },
    });
    assert.deepEqual((await http.request({ method: 'GET', path: '/people/me', route: 'people.me' })).data, { ok: true });
  });

  describe('retry spacing against the server', () => {
    it('waits the Retry-After of a 429, then succeeds', async () => {
      server.script((_req, i) => (i === 0 ? { status: 429, json: { message: 'slow down' }, headers: { 'Retry-After': '5' } } : ok));
      const gate = spyGate();
      const { http, sleeps } = createTestHttp(server.baseUrl, { gate });
      assert.deepEqual((await http.request({ method: 'GET', path: '/people', route: 'people.list' })).data, { ok: true });
      assert.deepEqual(sleeps, [5000]);
      assert.deepEqual(gate.holds, [5]);
      assert.equal(gate.scheduled, 2, 'each attempt goes through the gate');
    });

    it('caps a long Retry-After, for the wait and for the gate hold', async () => {
      server.script(() => ({ status: 429, json: { message: 'slow down' }, headers: { 'Retry-After': '3600' } }));
      const gate = spyGate();
      const { http, sleeps } = createTestHttp(server.baseUrl, { gate, retry: { maxRetryAfterSeconds: 20 } });
      const error = await caught(http.request({ method: 'GET', path: '/people', route: 'people.list' }));
      // The error names the wait the bot observes (the cap), not Webex's hour.
      assert.deepEqual([error.status, error.retryAfterSeconds], [429, 20]);
      assert.deepEqual(sleeps, [20_000, 20_000, 20_000]);
      assert.deepEqual(gate.holds, [20, 20, 20, 20]);
      assert.equal(server.requests.length, 4);
    });

    it('backs off with jitter on a 429 without Retry-After, and does not hold the gate', async () => {
      server.script((_req, i) => (i < 2 ? { status: 429, json: {} } : ok));
      const gate = spyGate();
      const { http, sleeps } = createTestHttp(server.baseUrl, { gate });
      await http.request({ method: 'GET', path: '/people', route: 'people.list' });
      assert.deepEqual(sleeps, [125, 250]);
      assert.deepEqual(gate.holds, []);
    });

    it('honours a 423 Retry-After without holding other calls', async () => {
      server.script((_req, i) => (i === 0 ? { status: 423, json: {}, headers: { 'Retry-After': '2' } } : ok));
      const gate = spyGate();
      const { http, sleeps } = createTestHttp(server.baseUrl, { gate });
      await http.request({ method: 'GET', path: '/people', route: 'people.list' });
      assert.deepEqual(sleeps, [2000]);
      assert.deepEqual(gate.holds, []);
    });

    it('bounds backoff on repeated 504s', async () => {
      server.script(() => ({ status: 504, json: { message: 'upstream slow' } }));
      const { http, sleeps } = createTestHttp(server.baseUrl, { retry: { maxRetries: 6, random: () => 0.999999 } });
      const error = await caught(http.request({ method: 'GET', path: '/people', route: 'people.list' }));
      assert.equal(error.status, 504);
      assert.deepEqual(sleeps, [249, 499, 999, 1999, 3999, 3999]);
      assert.equal(server.requests.length, 7);
    });
  });

  describe('deadline', () => {
    it('does not call Webex at all once the deadline has passed', async () => {
      server.script(() => ok);
      const now = Date.now();
      const { http } = createTestHttp(server.baseUrl, { retry: { now: () => now } });
      const error = await caught(http.request({ method: 'GET', path: '/people/me', route: 'people.me', deadline: now }));
      assert.deepEqual([error.status, error.kind, error.message, error.path], [0, 'timeout', 'Webex did not answer in time', '/people/me']);
      assert.equal(server.requests.length, 0);
    });

    it('shortens the attempt timeout to the time left', async () => {
      server.script(() => ({ hang: true }));
      const { http } = createTestHttp(server.baseUrl, { timeoutMs: 60_000, retry: { maxRetries: 0 } });
      const error = await caught(http.request({ method: 'GET', path: '/people/me', route: 'people.me', deadline: Date.now() + 100 }));
      assert.equal(error.kind, 'timeout');
    });
  });

  describe('broken connections', () => {
    it('retries a dropped connection, then reports a network failure', async () => {
      server.script(() => ({ destroy: true }));
      const calls: number[] = [];
      const { http, sleeps } = createTestHttp(server.baseUrl, { onCall: (info) => calls.push(info.status) });
      const error = await caught(http.request({ method: 'GET', path: '/people/Y2lzY29zcGFyazovL3VzL1BFT1BMRS8x', route: 'people.get' }));
      assert.deepEqual(error.toJSON(), {
        name: 'WebexApiError',
        status: 0,
        kind: 'network',
        message: 'Could not reach Webex (connection reset)',
        errorCode: undefined,
        trackingId: undefined,
        retryAfterSeconds: undefined,
        method: 'GET',
        path: '/people/{id}',
      });
      assert.equal(server.requests.length, 4);
      assert.deepEqual(sleeps, [125, 250, 500]);
      assert.deepEqual(calls, [0, 0, 0, 0]);
    });

    it('recovers when the connection drops once', async () => {
      server.script((_req, i) => (i === 0 ? { destroy: true } : ok));
      const { http } = createTestHttp(server.baseUrl);
      assert.deepEqual((await http.request({ method: 'GET', path: '/people/me', route: 'people.me' })).data, { ok: true });
      assert.equal(server.requests.length, 2);
    });

    it('times out a server that never answers, retries, then reports a timeout', async () => {
      server.script(() => ({ hang: true }));
      const { http, sleeps } = createTestHttp(server.baseUrl, { timeoutMs: 50, retry: { maxRetries: 1 } });
      const error = await caught(http.request({ method: 'GET', path: '/people/me', route: 'people.me' }));
      assert.deepEqual([error.status, error.kind, error.message], [0, 'timeout', 'Webex did not answer in time']);
      assert.equal(server.requests.length, 2);
      assert.deepEqual(sleeps, [125]);
    });

    it('reports a refused connection as a network failure', async () => {
      const origin = server.baseUrl;
      await server.close();
      const { http } = createTestHttp(origin, { retry: { maxRetries: 0 } });
      const error = await caught(http.request({ method: 'GET', path: '/people/me', route: 'people.me' }));
      assert.deepEqual([error.status, error.kind, error.message], [0, 'network', 'Could not reach Webex (connection refused)']);
      server = await startFakeWebex();
    });
  });

  describe('tokens', () => {
    it('asks for the token on every attempt', async () => {
      server.script((_req, i) => (i === 0 ? { status: 502, json: {} } : ok));
      const tokens = ['first', 'second'];
      const { http } = createTestHttp(server.baseUrl, { token: () => tokens.shift() ?? 'none' });
      await http.request({ method: 'GET', path: '/people/me', route: 'people.me' });
      assert.deepEqual(
        server.requests.map((req) => req.headers.authorization),
        ['Bearer first', 'Bearer second'],
      );
    });

    it('on 401 renews the token once and tries again', async () => {
      let token = 'expired';
      server.script((req) => (req.headers.authorization === 'Bearer fresh' ? ok : { status: 401, json: { message: 'The request requires a valid access token set in the Authorization request header.' } }));
      const onUnauthorized = sinon.stub().callsFake(async () => {
        token = 'fresh';
        return true;
      });
      const { http } = createTestHttp(server.baseUrl, { token: () => token, onUnauthorized });
      assert.deepEqual((await http.request({ method: 'GET', path: '/people/me', route: 'people.me' })).data, { ok: true });
      assert.equal(onUnauthorized.callCount, 1);
      assert.deepEqual(
        server.requests.map((req) => req.headers.authorization),
        ['Bearer expired', 'Bearer fresh'],
      );
    });

    it('throws the 401 when the token could not be renewed', async () => {
      server.script(() => ({ status: 401, json: { message: 'Invalid token' }, headers: { trackingid: 'ROUTER_401' } }));
      const onUnauthorized = sinon.stub().resolves(false);
      const { http } = createTestHttp(server.baseUrl, { onUnauthorized });
      const error = await caught(http.request({ method: 'GET', path: '/people/me', route: 'people.me' }));
      assert.deepEqual([error.status, error.message, error.trackingId], [401, 'Invalid token', 'ROUTER_401']);
      assert.equal(server.requests.length, 1);
    });

    it('throws the 401 when renewal itself fails', async () => {
      server.script(() => ({ status: 401, json: { message: 'Invalid token' } }));
      const { http } = createTestHttp(server.baseUrl, { onUnauthorized: sinon.stub().rejects(new Error('refresh endpoint down')) });
      const error = await caught(http.request({ method: 'GET', path: '/people/me', route: 'people.me' }));
      assert.equal(error.status, 401);
    });

    it('renews only once even if the new token is refused too', async () => {
      server.script(() => ({ status: 401, json: { message: 'Invalid token' } }));
      const onUnauthorized = sinon.stub().resolves(true);
      const { http } = createTestHttp(server.baseUrl, { onUnauthorized });
      const error = await caught(http.request({ method: 'GET', path: '/people/me', route: 'people.me' }));
      assert.equal(error.status, 401);
      assert.equal(onUnauthorized.callCount, 1);
      assert.equal(server.requests.length, 2);
    });

    it('fails without calling Webex when no token can be had', async () => {
      const { http } = createTestHttp(server.baseUrl, {
        token: () => {
          throw new Error('token store unreadable: secret-token-123');
        },
      });
      const error = await caught(http.request({ method: 'GET', path: '/people/me', route: 'people.me' }));
      assert.deepEqual([error.kind, error.message], ['noToken', 'No Webex access token is available']);
      assert.ok(!JSON.stringify(error).includes('secret-token-123'));
      assert.equal(server.requests.length, 0);
    });
  });

  it('refuses absolute URLs on another origin', async () => {
    const { http } = createTestHttp(server.baseUrl);
    const error = await caught(http.request({ method: 'GET', path: 'https://webexapis.example.net/v1/people?email=a@b.c', route: 'people.list' }));
    assert.deepEqual(
      [error.status, error.kind, error.message, error.path],
      [0, 'unusableResponse', 'Webex pointed to a next page outside the Webex API; it was not followed', '/v1/people'],
    );
    assert.equal(server.requests.length, 0);
  });

  it('reuses one keep-alive connection through the shared agents', async () => {
    server.script(() => ok);
    const http = createWebexHttp({ baseUrl: server.baseUrl, token: () => 't' });
    await http.request({ method: 'GET', path: '/people/me', route: 'people.me' });
    await http.request({ method: 'GET', path: '/people/me', route: 'people.me' });
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[0].remotePort, server.requests[1].remotePort);
    assert.ok(Object.isFrozen(sharedAgents));
  });
});
