import { strict as assert } from 'node:assert';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, SEED_EMAILS, SEED_ROOMS, SEED_TOKENS, type Emulator } from '../../../sandbox/emulator';
import type { WebexPerson } from '../../../src/webex/types';
import { call, controlUrl } from './emulator-test-kit';

describe('webex emulator: session, tokens, mounting, seed', () => {
  let emu: Emulator;
  let base: string;
  let nowMs: number;

  beforeEach(async () => {
    nowMs = Date.parse('2025-01-06T09:00:00.000Z');
    emu = createEmulator({ clock: () => new Date(nowMs), accessTokenTtlSeconds: 60 });
    base = await emu.listen();
  });
  afterEach(() => emu.close());

  it('GET /_control/session gives the chat page its user, token, bot, rooms and examples', async () => {
    const r = await call('GET', `${controlUrl(base)}/session`);
    assert.equal(r.status, 200);
    assert.match(String(r.headers.trackingid), /^EMU_/);
    const session = r.body as Record<string, unknown>;
    assert.deepEqual(session.user, { id: emu.people.id(SEED_EMAILS.agent), displayName: 'Dana Desk', email: SEED_EMAILS.agent });
    assert.equal(session.token, emu.tokens.user(SEED_EMAILS.agent));
    assert.deepEqual(session.bot, { id: emu.bot.id, displayName: 'Transfer Bot', email: SEED_EMAILS.bot });
    assert.deepEqual(session.rooms, [
      { id: SEED_ROOMS.direct, title: 'Transfer Bot', type: 'direct' },
      { id: SEED_ROOMS.helpDesk, title: 'Help desk', type: 'group' },
      { id: SEED_ROOMS.partner, title: 'Partner escalations', type: 'group' },
    ]);
    assert.ok((session.examples as string[]).includes('transfer numbers for alice@example.com'));
  });

  it('GET /_control/deliveries lists webhook deliveries', async () => {
    const r = await call('GET', `${controlUrl(base)}/deliveries`);
    assert.deepEqual(r.body, []);
  });

  describe('POST /access_token', () => {
    const form = (extra: Record<string, string> = {}) => ({
      grant_type: 'refresh_token',
      client_id: 'sandbox-client-id',
      client_secret: 'sandbox-client-secret',
      refresh_token: 'sandbox-refresh-token',
      ...extra,
    });

    it('issues an access token that acts as the admin until it expires', async () => {
      const r = await call('POST', `${base}/access_token`, { form: form() });
      assert.equal(r.status, 200);
      const grant = r.body as Record<string, unknown>;
      assert.deepEqual(Object.keys(grant).sort(), ['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'token_type']);
      assert.equal(grant.expires_in, 60);
      assert.equal(grant.token_type, 'Bearer');
      assert.equal(grant.refresh_token, 'sandbox-refresh-token');
      assert.ok(!String(grant.access_token).includes('_'));
      const token = String(grant.access_token);
      assert.equal(((await call('GET', `${base}/people/me`, { token })).body as WebexPerson).emails[0], SEED_EMAILS.admin);
      nowMs += 60_000;
      assert.equal((await call('GET', `${base}/people/me`, { token })).status, 401);
    });

    it('answers 401 to wrong client credentials and 400 to a wrong refresh token or grant', async () => {
      assert.equal((await call('POST', `${base}/access_token`, { form: form({ client_secret: 'nope' }) })).status, 401);
      assert.equal((await call('POST', `${base}/access_token`, { form: form({ refresh_token: 'nope' }) })).status, 400);
      assert.equal((await call('POST', `${base}/access_token`, { form: form({ grant_type: 'password' }) })).status, 400);
    });

    it('rotates the refresh token when asked to', async () => {
      const rotating = createEmulator({ tokens: { rotateRefreshToken: true } });
      const url = await rotating.listen();
      try {
        const first = await call('POST', `${url}/access_token`, { form: form() });
        const next = String((first.body as { refresh_token: string }).refresh_token);
        assert.notEqual(next, 'sandbox-refresh-token');
        assert.equal(rotating.tokens.refreshToken(), next);
        assert.equal((await call('POST', `${url}/access_token`, { form: form() })).status, 400);
        assert.equal((await call('POST', `${url}/access_token`, { form: form({ refresh_token: next }) })).status, 200);
      } finally {
        await rotating.close();
      }
    });

    it('can be failed with the accessToken fault route', async () => {
      emu.faults.add({ route: 'accessToken', status: 503 });
      assert.equal((await call('POST', `${base}/access_token`, { form: form() })).status, 503);
    });
  });

  it('is mountable under a prefix, and next links keep the prefix', async () => {
    const host = express();
    host.use('/sandbox/webex', emu.app);
    const server = http.createServer(host);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const mounted = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/webex/v1`;
      const r = await call('GET', `${mounted}/people?displayName=Chris&max=1`, { token: emu.tokens.admin });
      assert.equal(r.status, 200);
      assert.match(String(r.headers.link), new RegExp(`^<${mounted}/people\\?`));
      const session = await call('GET', `${mounted.replace(/\/v1$/, '')}/_control/session`);
      assert.equal(session.status, 200);
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });

  describe('seed', () => {
    it('has about twenty people over two locations, an outsider, and the bot in the same org as the agent', () => {
      const people = emu.people.all();
      assert.equal(people.length, 21);
      assert.equal(emu.bot.type, 'bot');
      assert.equal(emu.bot.orgId, emu.people.get(SEED_EMAILS.agent)?.orgId);
      assert.notEqual(emu.people.get(SEED_EMAILS.olga)?.orgId, emu.bot.orgId);
      for (const p of people) {
        assert.match(Buffer.from(p.id, 'base64url').toString(), /^ciscospark:\/\/us\/PEOPLE\/[0-9a-f-]{36}$/);
      }
    });

    it('keeps the same ids from run to run', () => {
      const again = createEmulator();
      assert.equal(again.people.id(SEED_EMAILS.alice), emu.people.id(SEED_EMAILS.alice));
      assert.deepEqual(again.rooms, emu.rooms);
      assert.deepEqual({ direct: again.rooms.direct, helpDesk: again.rooms.helpDesk, partner: again.rooms.partner }, SEED_ROOMS);
      assert.equal(again.tokens.bot, SEED_TOKENS.bot);
    });

    it('takes extra people and rooms from the options', async () => {
      const extended = createEmulator({
        seed: {
          extraPeople: [{ email: 'nina.new@example.com', displayName: 'Nina New' }],
          extraRooms: [{ key: 'ops', title: 'Ops', type: 'group', members: [SEED_EMAILS.agent, 'nina.new@example.com', SEED_EMAILS.bot] }],
        },
      });
      const url = await extended.listen();
      try {
        const r = await call('GET', `${url}/rooms/${extended.rooms.ops}`, { token: extended.tokens.user('nina.new@example.com') });
        assert.equal((r.body as { title: string }).title, 'Ops');
      } finally {
        await extended.close();
      }
    });
  });
});

describe('webex emulator: synthetic calling users', () => {
  let emu: Emulator;
  let base: string;

  beforeEach(async () => {
    emu = createEmulator();
    base = await emu.listen();
  });
  afterEach(() => emu.close());

  it('POST /_control/people adds N calling users, the same ones in every run, listed with their calling data', async () => {
    const before = emu.people.all().length;
    const r = await call('POST', `${controlUrl(base)}/people`, { body: { count: 250 } });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body, { synthetic: 250 });
    assert.equal(emu.people.all().length, before + 250);
    assert.equal(emu.people.addSynthetic(10), 260);
    const first = emu.people.get('synthetic.user00001@example.com');
    assert.ok(first?.locationId, 'a calling user');
    const numbers = await call('GET', `${base}/telephony/config/people/${first!.id}/outgoingPermission/autoTransferNumbers`, { token: emu.tokens.admin });
    assert.deepEqual(numbers.body, { useCustomTransferNumbers: true, autoTransferNumber1: '+12056000000', autoTransferNumber2: '+12056010000', autoTransferNumber3: null });
    const follower = emu.people.get('synthetic.user00004@example.com');
    const followerNumbers = await call('GET', `${base}/telephony/config/people/${follower!.id}/outgoingPermission/autoTransferNumbers`, { token: emu.tokens.admin });
    assert.deepEqual(followerNumbers.body, { useCustomTransferNumbers: false }, 'one in four follows the location');
    const page = await call('GET', `${base}/people?callingData=true&max=100&displayName=Synthetic`, { token: emu.tokens.admin });
    assert.equal((page.body as { items: unknown[] }).items.length, 100);
    assert.match(String(page.headers.link), /rel="next"/);
  });

  it('refuses a count that is not from 1 to 20,000', async () => {
    for (const count of [0, -1, 1.5, 20_001, '10']) {
      const r = await call('POST', `${controlUrl(base)}/people`, { body: { count } });
      assert.equal(r.status, 400, String(count));
    }
  });
});
