import { strict as assert } from 'node:assert';
import { AxiosError, AxiosHeaders, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { WebexApiError } from '../../../src/webex/errors';
import { toWebexApiError } from '../../../src/webex/to-webex-api-error';

const PERSON_URL = '/people/Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xMjM0NTY3OC1hYmNk?orgId=abc';

function axiosConfig(): InternalAxiosRequestConfig {
  return {
    method: 'get',
    url: PERSON_URL,
    baseURL: 'https://webexapis.com/v1',
    headers: new AxiosHeaders({ Authorization: 'Bearer secret-token-123' }),
  };
}

function axiosHttpError(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const config = axiosConfig();
  const response: AxiosResponse = { status, statusText: '', data, headers: new AxiosHeaders(headers), config };
  return new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_REQUEST, config, {}, response);
}

function axiosTransportError(message: string, code: string): AxiosError {
  return new AxiosError(message, code, axiosConfig(), {});
}

const webexBody = {
  message: 'Person not found.',
  errors: [{ description: 'Person not found.', errorCode: 4008 }],
  trackingId: 'ROUTER_BODY',
};

describe('webex/to-webex-api-error toWebexApiError', () => {
  describe('axios errors with a response', () => {
    it('copies Webex message, errorCode and the trackingid header, and templates the path', () => {
      const error = toWebexApiError(axiosHttpError(404, webexBody, { TrackingID: 'ROUTER_HEADER' }));
      assert.ok(error instanceof WebexApiError);
      assert.deepEqual(error.toJSON(), {
        name: 'WebexApiError',
        status: 404,
        kind: 'http',
        message: 'Person not found.',
        errorCode: 4008,
        trackingId: 'ROUTER_HEADER',
        retryAfterSeconds: undefined,
        method: 'GET',
        path: '/people/{id}',
      });
    });

    it('falls back to the body trackingId, then to the first error description', () => {
      const error = toWebexApiError(axiosHttpError(400, { errors: [{ description: 'Invalid orgId', errorCode: '1234' }], trackingId: 'ROUTER_B' }));
      assert.equal(error.trackingId, 'ROUTER_B');
      assert.equal(error.message, 'Invalid orgId');
      assert.equal(error.errorCode, 1234);
    });

    it('parses a JSON body that arrived as a string or a Buffer', () => {
      assert.equal(toWebexApiError(axiosHttpError(403, JSON.stringify(webexBody))).errorCode, 4008);
      assert.equal(toWebexApiError(axiosHttpError(403, Buffer.from(JSON.stringify(webexBody)))).message, 'Person not found.');
    });

    it('uses a neutral message, never axios text, for an empty or non-JSON body', () => {
      assert.equal(toWebexApiError(axiosHttpError(404, '')).message, 'Webex answered 404 Not Found');
      assert.equal(toWebexApiError(axiosHttpError(502, '<html><body>Bad gateway at https://x/y?token=1</body></html>')).message, 'Webex answered 502 Bad Gateway');
      assert.equal(toWebexApiError(axiosHttpError(418, null)).message, 'Webex answered HTTP 418');
    });

    it('reads Retry-After as seconds or as an HTTP date', () => {
      assert.equal(toWebexApiError(axiosHttpError(429, webexBody, { 'Retry-After': '12' })).retryAfterSeconds, 12);
      const now = Date.parse('2026-01-02T03:04:05Z');
      const dated = axiosHttpError(423, webexBody, { 'retry-after': 'Fri, 02 Jan 2026 03:04:25 GMT' });
      assert.equal(toWebexApiError(dated, { now }).retryAfterSeconds, 20);
    });

    it('prefers the context method and path', () => {
      const error = toWebexApiError(axiosHttpError(404, webexBody), { method: 'put', path: '/people/alice@example.com?x=1' });
      assert.equal(error.method, 'PUT');
      assert.equal(error.path, '/people/{id}');
    });

    it('scrubs a token Webex might echo in its message', () => {
      const error = toWebexApiError(axiosHttpError(401, { message: 'Bad header Bearer abc.def' }));
      assert.equal(error.message, 'Bad header Bearer [redacted]');
    });
  });

  describe('axios errors without a response', () => {
    const cases: [string, string, string, string][] = [
      ['socket hang up', 'ECONNRESET', 'network', 'Could not reach Webex (connection reset)'],
      ['connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED', 'network', 'Could not reach Webex (connection refused)'],
      ['write EPIPE', 'EPIPE', 'network', 'Could not reach Webex (connection closed)'],
      ['Network Error', 'ERR_NETWORK', 'network', 'Could not reach Webex'],
      ['timeout of 10000ms exceeded', 'ECONNABORTED', 'timeout', 'Webex did not answer in time'],
      ['timeout of 10000ms exceeded', 'ETIMEDOUT', 'timeout', 'Webex did not answer in time'],
      ['canceled', 'ERR_CANCELED', 'timeout', 'Webex did not answer in time'],
    ];
    for (const [message, code, kind, expected] of cases) {
      it(`${code} → ${kind}`, () => {
        const error = toWebexApiError(axiosTransportError(message, code));
        assert.equal(error.status, 0);
        assert.equal(error.kind, kind);
        assert.equal(error.message, expected);
        assert.equal(error.method, 'GET');
        assert.equal(error.path, '/people/{id}');
      });
    }

    it('treats "socket hang up" without a code as a network failure', () => {
      const error = toWebexApiError(axiosTransportError('socket hang up', ''));
      assert.equal(error.kind, 'network');
      assert.equal(error.message, 'Could not reach Webex (connection reset)');
    });
  });

  describe('Webex JS SDK errors', () => {
    it('reads statusCode, body, headers and options', () => {
      const sdkError = Object.assign(new Error('WebexHttpError: 404 Not Found'), {
        statusCode: 404,
        body: webexBody,
        headers: { trackingid: 'ROUTER_SDK', 'retry-after': '3' },
        options: { uri: 'https://webexapis.com/v1/people?email=alice%40example.com', method: 'GET', headers: { authorization: 'Bearer secret-token-123' } },
      });
      assert.deepEqual(toWebexApiError(sdkError).toJSON(), {
        name: 'WebexApiError',
        status: 404,
        kind: 'http',
        message: 'Person not found.',
        errorCode: 4008,
        trackingId: 'ROUTER_SDK',
        retryAfterSeconds: 3,
        method: 'GET',
        path: '/v1/people',
      });
    });

    it('maps status 0 to a network failure', () => {
      const error = toWebexApiError({ statusCode: 0, body: undefined, options: { uri: 'https://webexapis.com/v1/people/me', method: 'get' } });
      assert.equal(error.kind, 'network');
      assert.equal(error.status, 0);
      assert.equal(error.message, 'Could not reach Webex');
      assert.equal(error.method, 'GET');
    });
  });

  describe('anything else', () => {
    it('returns a WebexApiError unchanged', () => {
      const original = new WebexApiError({ status: 409, message: 'Conflict' });
      assert.equal(toWebexApiError(original), original);
    });

    it('classifies bare socket errors and fetch-style causes', () => {
      const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      assert.equal(toWebexApiError(reset).kind, 'network');
      const fetchFailure = new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) });
      assert.equal(toWebexApiError(fetchFailure).message, 'Could not reach Webex (connection refused)');
      assert.equal(toWebexApiError(new DOMException('The operation timed out.', 'TimeoutError')).kind, 'timeout');
    });

    it('gives a neutral message for programming errors and odd values', () => {
      for (const thrown of [new TypeError('Cannot read properties of undefined (token abc)'), 'boom', 42, null, undefined]) {
        const error = toWebexApiError(thrown, { method: 'GET', path: '/people/me' });
        assert.deepEqual(
          [error.status, error.kind, error.message, error.method, error.path],
          [0, 'http', 'Unexpected error while calling Webex', 'GET', '/people/me'],
        );
      }
    });
  });
});
