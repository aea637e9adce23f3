import { strict as assert } from 'node:assert';
import http from 'node:http';
import axios, { AxiosError } from 'axios';
import { WebexApiError } from '../../../src/webex/errors';
import { redactForLog } from '../../../src/webex/redact';
import { toWebexApiError } from '../../../src/webex/to-webex-api-error';
import { type FakeWebex, startFakeWebex } from './support/fake-webex-server';

const SECRET = 'secret-token-123';

/** Makes a real axios call the way careless code would, and returns what axios throws. */
async function rawAxiosFailure(url: string, timeout = 2000): Promise<AxiosError> {
  try {
    await axios.get(url, {
      headers: { Authorization: `Bearer ${SECRET}` },
      timeout,
      httpAgent: new http.Agent({ keepAlive: false }),
    });
  } catch (err) {
    assert.ok(err instanceof AxiosError);
    return err;
  }
  return assert.fail('expected axios to throw');
}

function assertNothingLeaks(serialized: string, origin: string): void {
  assert.ok(!serialized.includes(SECRET), `token leaked: ${serialized}`);
  assert.ok(!serialized.includes('alice'), `email leaked: ${serialized}`);
  assert.ok(!serialized.includes(origin), `URL leaked: ${serialized}`);
  assert.ok(!serialized.includes('Request failed with status code'), `axios text leaked: ${serialized}`);
}

describe('webex/redact', () => {
  let server: FakeWebex;

  beforeEach(async () => {
    server = await startFakeWebex();
  });

  afterEach(() => server.close());

  it('an axios 404 for a request with a bearer token yields no token, URL or email', async () => {
    server.script(() => ({ status: 404, json: { message: 'Person not found', trackingId: 'ROUTER_1' } }));
    const err = await rawAxiosFailure(`${server.baseUrl}/people?email=alice%40example.com`);
    // The raw error does carry the secret: that is what this module protects against.
    assert.ok(JSON.stringify(err.config?.headers).includes(SECRET));

    const apiError = toWebexApiError(err);
    assertNothingLeaks(JSON.stringify(apiError), server.origin);
    assertNothingLeaks(apiError.message, server.origin);
    const log = redactForLog(err);
    assertNothingLeaks(JSON.stringify(log), server.origin);
    assert.deepEqual(log, {
      name: 'WebexApiError',
      message: 'Person not found',
      status: 404,
      kind: 'http',
      trackingId: 'ROUTER_1',
      method: 'GET',
      path: '/v1/people',
      code: 'ERR_BAD_REQUEST',
    });
  });

  it('an axios error with an empty body yields a neutral message', async () => {
    server.script(() => ({ status: 500 }));
    const err = await rawAxiosFailure(`${server.baseUrl}/people/alice@example.com`);
    assert.equal(err.message, 'Request failed with status code 500');
    const log = redactForLog(err);
    assertNothingLeaks(JSON.stringify(log), server.origin);
    assert.equal(log.message, 'Webex answered 500 Internal Server Error');
    assert.equal(log.path, '/v1/people/{id}');
  });

  it('a dropped connection and a timeout yield no token or URL', async () => {
    server.script((_req, i) => (i === 0 ? { destroy: true } : { hang: true }));
    const dropped = await rawAxiosFailure(`${server.baseUrl}/people?email=alice%40example.com`);
    const timedOut = await rawAxiosFailure(`${server.baseUrl}/people?email=alice%40example.com`, 30);
    for (const err of [dropped, timedOut]) {
      assertNothingLeaks(JSON.stringify(toWebexApiError(err)), server.origin);
      assertNothingLeaks(JSON.stringify(redactForLog(err)), server.origin);
    }
    assert.equal(redactForLog(dropped).kind, 'network');
    assert.equal(redactForLog(timedOut).kind, 'timeout');
  });

  it('logs a WebexApiError by its own fields, without empty ones', () => {
    const error = new WebexApiError({ status: 423, message: 'Locked', retryAfterSeconds: 4, path: '/people/{id}' });
    assert.deepEqual(redactForLog(error), { name: 'WebexApiError', message: 'Locked', status: 423, kind: 'http', retryAfterSeconds: 4, path: '/people/{id}' });
  });

  it('logs SDK errors without their request options', () => {
    const sdkError = Object.assign(new Error(`WebexHttpError: 403 Forbidden ${SECRET}`), {
      statusCode: 403,
      body: { message: 'Forbidden', trackingId: 'ROUTER_SDK' },
      headers: {},
      options: { uri: 'https://webexapis.com/v1/people?email=alice%40example.com', method: 'GET', headers: { authorization: `Bearer ${SECRET}` } },
    });
    const serialized = JSON.stringify(redactForLog(sdkError));
    assertNothingLeaks(serialized, 'webexapis.com');
    assert.deepEqual(JSON.parse(serialized), { name: 'WebexApiError', message: 'Forbidden', status: 403, kind: 'http', trackingId: 'ROUTER_SDK', method: 'GET', path: '/v1/people' });
  });

  it('scrubs tokens and URLs from ordinary errors, and keeps stack frames without the message', () => {
    const bug = new Error(`failed calling https://webexapis.com/v1/people?email=alice@example.com with Bearer ${SECRET} and access_token=${SECRET}`);
    const log = redactForLog(bug);
    assertNothingLeaks(JSON.stringify(log), 'webexapis.com');
    assert.equal(log.message, 'failed calling /v1/people with Bearer [redacted] and access_token=[redacted]');
    assert.ok(log.stack?.startsWith('at '));
    assert.ok(!log.stack?.includes('failed calling'));
  });

  it('handles thrown strings and other values', () => {
    assert.deepEqual(redactForLog(`Bearer ${SECRET}`), { name: 'NonErrorThrown', message: 'Bearer [redacted]' });
    assert.deepEqual(redactForLog(null), { name: 'NonErrorThrown', message: 'a value of type null was thrown' });
    assert.deepEqual(redactForLog({ token: SECRET }), { name: 'NonErrorThrown', message: 'a value of type object was thrown' });
  });
});
