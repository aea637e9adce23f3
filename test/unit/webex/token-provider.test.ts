import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sinon from 'sinon';
import type { AdminAuth } from '../../../src/config';
import { createEmulator, type Emulator } from '../../../sandbox/emulator';
import { fingerprint } from '../../../src/store/refresh-token-file';
import { WebexApiError } from '../../../src/webex/errors';
import { createWebexHttp } from '../../../src/webex/http';
import {
  type AdminTokenProvider,
  type AdminTokenProviderOptions,
  type TokenRenewal,
  RECENT_RENEWAL_MS,
  createAdminTokenProvider,
} from '../../../src/webex/token-provider';
import { captureLogs } from '../../helpers/logs';

interface TokenRequest {
  contentType: string | undefined;
  authorization: string | undefined;
  form: Record<string, string>;
}

type GrantReply = { status: number; json: unknown };

/** A stand-in for POST /access_token that records each form and answers from a script. */
interface TokenServer {
  baseUrl: string;
  requests: TokenRequest[];
  reply: (index: number) => GrantReply;
  close(): Promise<void>;
}

async function startTokenServer(): Promise<TokenServer> {
  const requests: TokenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      requests.push({ contentType: req.headers['content-type'], authorization: req.headers.authorization, form });
      const { status, json } = tokens.reply(requests.length - 1);
      res.writeHead(status, { 'content-type': 'application/json', trackingid: `TRACK_${requests.length}` });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const tokens: TokenServer = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    reply: (i) => grant(i + 1),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return tokens;
}

function grant(n: number, expiresIn = 1000, refreshToken = 'refresh-1'): GrantReply {
  return {
    status: 200,
    json: { access_token: `access-${n}`, expires_in: expiresIn, refresh_token: refreshToken, refresh_token_expires_in: 7_776_000, token_type: 'Bearer' },
  };
}

const REFRESH_AUTH: AdminAuth = { kind: 'refresh', clientId: 'client-1', clientSecret: 'client-secret-xyz', refreshToken: 'refresh-1' };

/** Resolves with the next renewal the provider reports. */
function renewals(): { options: Pick<AdminTokenProviderOptions, 'onRenewed' | 'onRenewalFailed'>; next(): Promise<TokenRenewal | WebexApiError> } {
  const waiting: Array<(value: TokenRenewal | WebexApiError) => void> = [];
  const happened: Array<TokenRenewal | WebexApiError> = [];
  const push = (value: TokenRenewal | WebexApiError) => {
    const resolve = waiting.shift();
    if (resolve) resolve(value);
    else happened.push(value);
  };
  return {
    options: { onRenewed: push, onRenewalFailed: push },
    next: () => (happened.length > 0 ? Promise.resolve(happened.shift() as TokenRenewal) : new Promise((resolve) => waiting.push(resolve))),
  };
}

describe('webex/token-provider createAdminTokenProvider', () => {
  const providers: AdminTokenProvider[] = [];
  const track = (p: AdminTokenProvider) => {
    providers.push(p);
    return p;
  };
  const agent = () => new http.Agent({ keepAlive: false });

  afterEach(() => {
    for (const p of providers.splice(0)) p.stop();
  });

  describe('with a fixed admin token', () => {
    it('hands out the token as is and never claims a renewal', async () => {
      const provider = createAdminTokenProvider({ kind: 'token', token: 'fixed-admin-token' }, { apiUrl: 'http://127.0.0.1:9/v1', logger: captureLogs().logger });
      await provider.start();
      assert.equal(await provider.getToken(), 'fixed-admin-token');
      assert.equal(await provider.renewAfterUnauthorized(), false);
      provider.stop();
      assert.equal(await provider.getToken(), 'fixed-admin-token');
    });
  });

  describe('with a refresh token (scripted /access_token)', () => {
    let server: TokenServer;
    let clock: sinon.SinonFakeTimers | undefined;

    beforeEach(async () => {
      server = await startTokenServer();
    });

    afterEach(async () => {
      clock?.restore();
      clock = undefined;
      await server.close();
    });

    it('exchanges the refresh token at start with a form-encoded refresh_token grant', async () => {
      const provider = track(createAdminTokenProvider(REFRESH_AUTH, { apiUrl: server.baseUrl, logger: captureLogs().logger, agent: agent() }));
      await provider.start();

      assert.equal(await provider.getToken(), 'access-1');
      assert.deepEqual(server.requests, [
        {
          contentType: 'application/x-www-form-urlencoded',
          authorization: undefined,
          form: { grant_type: 'refresh_token', client_id: 'client-1', client_secret: 'client-secret-xyz', refresh_token: 'refresh-1' },
        },
      ]);
    });

    it('renews at 80% of expires_in, before the access token expires', async () => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const seen = renewals();
      const provider = track(createAdminTokenProvider(REFRESH_AUTH, { apiUrl: server.baseUrl, logger: captureLogs().logger, agent: agent(), ...seen.options }));
      await provider.start();
      assert.deepEqual(await seen.next(), { expiresInSeconds: 1000, rotated: false });

      await clock.tickAsync(799_999);
      assert.equal(server.requests.length, 1);
      assert.equal(await provider.getToken(), 'access-1');

      await clock.tickAsync(1);
      assert.deepEqual(await seen.next(), { expiresInSeconds: 1000, rotated: false });
      assert.equal(server.requests.length, 2);
      assert.equal(await provider.getToken(), 'access-2');
    });

    it('never schedules a renewal sooner than 30 s after the last one', async () => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      server.reply = (i) => grant(i + 1, 10);
      const seen = renewals();
      const provider = track(createAdminTokenProvider(REFRESH_AUTH, { apiUrl: server.baseUrl, logger: captureLogs().logger, agent: agent(), ...seen.options }));
      await provider.start();
      await seen.next();

      await clock.tickAsync(29_999);
      assert.equal(server.requests.length, 1);
      await clock.tickAsync(1);
      await seen.next();
      assert.equal(server.requests.length, 2);
    });

    it('keeps serving the current token when a scheduled renewal fails, and tries again 30 s later', async () => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      server.reply = (i) => (i === 1 ? { status: 503, json: { message: 'Service Unavailable' } } : grant(i + 1));
      const seen = renewals();
      const logs = captureLogs();
      const provider = track(createAdminTokenProvider(REFRESH_AUTH, { apiUrl: server.baseUrl, logger: logs.logger, agent: agent(), ...seen.options }));
      await provider.start();
      await seen.next();

      await clock.tickAsync(800_000);
      const failure = await seen.next();
      assert.ok(failure instanceof WebexApiError);
      assert.equal(failure.status, 503);
      assert.equal(await provider.getToken(), 'access-1');
      assert.ok(logs.lines().some((l) => l.msg === 'admin_token.renewal_failed'));

      await clock.tickAsync(29_999);
      assert.equal(server.requests.length, 2);
      await clock.tickAsync(1);
      await seen.next();
      assert.equal(await provider.getToken(), 'access-3');
    });

    it('runs one renewal for many concurrent callers', async () => {
      let now = Date.parse('2024-06-01T10:00:00Z');
      const provider = track(createAdminTokenProvider(REFRESH_AUTH, { apiUrl: server.baseUrl, logger: captureLogs().logger, agent: agent(), now: () => now }));

      // Before start: concurrent getToken calls share the first exchange.
      const first = await Promise.all([provider.getToken(), provider.getToken(), provider.getToken()]);
      assert.deepEqual(first, ['access-1', 'access-1', 'access-1']);
      assert.equal(server.requests.length, 1);

      now += RECENT_RENEWAL_MS + 1;
      const renewed = await Promise.all(Array.from({ length: 5 }, () => provider.renewAfterUnauthorized()));
      assert.deepEqual(renewed, [true, true, true, true, true]);
      assert.equal(server.requests.length, 2);
      assert.equal(await provider.getToken(), 'access-2');
    });

    it('answers a 401 right after a renewal without renewing again: the failed call carried the old token', async () => {
      let now = Date.parse('2024-06-01T10:00:00Z');
      const provider = track(createAdminTokenProvider(REFRESH_AUTH, { apiUrl: server.baseUrl, logger: captureLogs().logger, agent: agent(), now: () => now }));
      await provider.start();
      now += RECENT_RENEWAL_MS - 1;
      assert.equal(await provider.renewAfterUnauthorized(), true);
      assert.equal(server.requests.length, 1);
    });

    it('renews on demand when the access token has expired', async () => {
      let now = Date.parse('2024-06-01T10:00:00Z');
      const provider = track(createAdminTokenProvider(REFRESH_AUTH, { apiUrl: server.baseUrl, logger: captureLogs().logger, agent: agent(), now: () => now, setTimer: () => () => undefined }));
      await provider.start();
      now += 1000 * 1000;
      assert.equal(await provider.getToken(), 'access-2');
    });

    it('ignores a saved refresh token from another client id or from before the configured token changed', async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'token-store-'));
      try {
        const storeFile = path.join(dir, 'admin-token.json');
        const auth: AdminAuth = { ...REFRESH_AUTH, storeFile } as AdminAuth;
        const write = (saved: Record<string, unknown>) => fs.writeFile(storeFile, JSON.stringify(saved), { mode: 0o600 });
        const savedAt = '2024-06-01T10:00:00.000Z';

        await write({ clientId: 'other-client', refreshToken: 'saved-other', configuredTokenSha256: fingerprint('refresh-1'), savedAt });
        await track(createAdminTokenProvider(auth, { apiUrl: server.baseUrl, logger: captureLogs().logger, agent: agent() })).start();
        await write({ clientId: 'client-1', refreshToken: 'saved-old-chain', configuredTokenSha256: fingerprint('an-older-configured-token'), savedAt });
        await track(createAdminTokenProvider(auth, { apiUrl: server.baseUrl, logger: captureLogs().logger, agent: agent() })).start();
        await fs.writeFile(storeFile, '{not json');
        await track(createAdminTokenProvider(auth, { apiUrl: server.baseUrl, logger: captureLogs().logger, agent: agent() })).start();
        await write({ clientId: 'client-1', refreshToken: 'saved-current', configuredTokenSha256: fingerprint('refresh-1'), savedAt });
        await track(createAdminTokenProvider(auth, { apiUrl: server.baseUrl, logger: captureLogs().logger, agent: agent() })).start();

        assert.deepEqual(
          server.requests.map((r) => r.form.refresh_token),
          ['refresh-1', 'refresh-1', 'refresh-1', 'saved-current'],
        );
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });

    it('keeps working from memory when the rotated token cannot be written, and says so', async () => {
      server.reply = (i) => grant(i + 1, 1000, `rotated-${i + 1}`);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'token-store-'));
      try {
        const blocker = path.join(dir, 'not-a-directory');
        await fs.writeFile(blocker, '');
        const logs = captureLogs();
        const auth = { ...REFRESH_AUTH, storeFile: path.join(blocker, 'admin-token.json') } as AdminAuth;
        let now = Date.parse('2024-06-01T10:00:00Z');
        const provider = track(createAdminTokenProvider(auth, { apiUrl: server.baseUrl, logger: logs.logger, agent: agent(), now: () => now }));
        await provider.start();
        now += RECENT_RENEWAL_MS + 1;
        assert.equal(await provider.renewAfterUnauthorized(), true);

        assert.deepEqual(
          server.requests.map((r) => r.form.refresh_token),
          ['refresh-1', 'rotated-1'],
        );
        assert.equal(logs.lines().filter((l) => l.msg === 'admin_token.store_write_failed').length, 2);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });
  });

  describe('against the Webex emulator', () => {
    let emu: Emulator;
    let emulatorNow: number;
    let base: string;
    let dir: string;

    async function startEmulator(opts: Parameters<typeof createEmulator>[0] = {}): Promise<void> {
      emulatorNow = Date.parse('2024-06-01T10:00:00Z');
      emu = createEmulator({ clock: () => new Date(emulatorNow), accessTokenTtlSeconds: 3600, ...opts });
      base = await emu.listen();
    }

    const sandboxAuth = (extra: Partial<Extract<AdminAuth, { kind: 'refresh' }>> = {}): AdminAuth => ({
      kind: 'refresh',
      clientId: 'sandbox-client-id',
      clientSecret: 'sandbox-client-secret',
      refreshToken: 'sandbox-refresh-token',
      ...extra,
    });

    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'token-store-'));
    });

    afterEach(async () => {
      await emu.close();
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('renews once on a 401 in the middle of a call and retries it with the new token (createWebexHttp)', async () => {
      await startEmulator();
      let providerNow = emulatorNow;
      const provider = track(createAdminTokenProvider(sandboxAuth(), { apiUrl: base, logger: captureLogs().logger, agent: agent(), now: () => providerNow }));
      await provider.start();
      const before = await provider.getToken();
      const adminHttp = createWebexHttp({
        baseUrl: base,
        token: () => provider.getToken(),
        onUnauthorized: () => provider.renewAfterUnauthorized(),
        agent: agent(),
      });

      // Webex stopped accepting the token (it expired on its clock) while this bot still thinks it is good.
      emulatorNow += 2 * 3600 * 1000;
      providerNow += 60_000;
      const response = await adminHttp.request<{ emails: string[] }>({ method: 'GET', path: '/people/me', route: 'people.me' });

      assert.equal(response.status, 200);
      assert.deepEqual(
        emu.requests.map((r) => `${r.route} ${r.status}`),
        ['accessToken 200', 'people.me 401', 'accessToken 200', 'people.me 200'],
      );
      assert.notEqual(await provider.getToken(), before);
    });

    it('keeps a rotated refresh token in a 0600 file and uses it after a restart', async () => {
      await startEmulator({ tokens: { rotateRefreshToken: true } });
      const storeFile = path.join(dir, 'state', 'admin-token.json');
      const first = track(createAdminTokenProvider(sandboxAuth({ storeFile }), { apiUrl: base, logger: captureLogs().logger, agent: agent() }));
      await first.start();
      first.stop();

      const stat = await fs.stat(storeFile);
      assert.equal(stat.mode & 0o777, 0o600);
      const saved = JSON.parse(await fs.readFile(storeFile, 'utf8')) as Record<string, unknown>;
      assert.equal(saved.clientId, 'sandbox-client-id');
      assert.equal(saved.refreshToken, emu.tokens.refreshToken());
      assert.notEqual(saved.refreshToken, 'sandbox-refresh-token');
      assert.deepEqual(await fs.readdir(path.dirname(storeFile)), ['admin-token.json']);

      // The configured refresh token is dead now: without the file a restart fails…
      const withoutFile = track(createAdminTokenProvider(sandboxAuth(), { apiUrl: base, logger: captureLogs().logger, agent: agent() }));
      await assert.rejects(withoutFile.start(), (err: unknown) => err instanceof WebexApiError && err.status === 400);

      // …with it, the restart picks up the rotated one (and saves the next rotation).
      const restarted = track(createAdminTokenProvider(sandboxAuth({ storeFile }), { apiUrl: base, logger: captureLogs().logger, agent: agent() }));
      await restarted.start();
      const adminHttp = createWebexHttp({ baseUrl: base, token: () => restarted.getToken(), agent: agent() });
      assert.equal((await adminHttp.request({ method: 'GET', path: '/people/me', route: 'people.me' })).status, 200);
      const resaved = JSON.parse(await fs.readFile(storeFile, 'utf8')) as Record<string, unknown>;
      assert.equal(resaved.refreshToken, emu.tokens.refreshToken());
      assert.equal((await fs.stat(storeFile)).mode & 0o777, 0o600);
    });

    it('fails start with a WebexApiError and logs neither the client secret nor the refresh token', async () => {
      await startEmulator();
      const logs = captureLogs();
      const provider = track(
        createAdminTokenProvider(sandboxAuth({ clientSecret: 'wrong-secret-value' }), { apiUrl: base, logger: logs.logger, agent: agent() }),
      );

      await assert.rejects(provider.start(), (err: unknown) => {
        assert.ok(err instanceof WebexApiError);
        assert.equal(err.status, 401);
        assert.equal(err.method, 'POST');
        assert.equal(err.path, '/access_token');
        assert.match(err.trackingId ?? '', /\S/);
        return true;
      });
      assert.ok(logs.lines().some((l) => l.msg === 'admin_token.renewal_failed'));
      assert.ok(!logs.text().includes('wrong-secret-value'));
      assert.ok(!logs.text().includes('sandbox-refresh-token'));
    });

    it('reports that a 401 is not worth retrying when the renewal itself fails', async () => {
      await startEmulator();
      let now = emulatorNow;
      const provider = track(createAdminTokenProvider(sandboxAuth(), { apiUrl: base, logger: captureLogs().logger, agent: agent(), now: () => now }));
      await provider.start();
      emu.faults.add({ route: 'accessToken', status: 400 });
      now += RECENT_RENEWAL_MS + 1;

      assert.equal(await provider.renewAfterUnauthorized(), false);
      provider.stop();
      assert.equal(await provider.renewAfterUnauthorized(), false);
    });
  });
});
