// `npm run doctor`: each check made to fail by the emulator's fault injection or by a setup that is
// wrong in one way, asserting the exact line a deployer reads and the exit code it leads to.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OptionalFeature } from '../../src/doctor/scopes';
import { exitCodeOf } from '../../src/doctor/types';
import { createEmulator, defaultSeed, SEED_EMAILS, SEED_LOCATIONS, SEED_ORG, type Emulator, type SeedPerson } from '../../sandbox/emulator';
import { doctorEnv, HOOK_URL, lineOf, runChecks } from './doctor-kit';
import { TEST_WEBHOOK_SECRET } from './harness';

const UPDATE_FIX = '`npm start` repairs them: it creates what is missing, keeps the oldest of each kind, removes the rest, and sets WEBHOOK_SECRET and status active on the ones it keeps; run it once, then the doctor again.';

describe('integration: npm run doctor, each check failing', function () {
  this.timeout(60_000);
  let emu: Emulator;
  const created: string[] = [];

  before(async () => {
    emu = createEmulator({ tokens: { rotateRefreshToken: true } });
    await emu.listen();
  });
  after(() => emu.close());
  afterEach(async () => {
    emu.faults.clear();
    emu.withholdScopes([]);
    emu.clearRequests();
    while (created.length > 0) await botCall('DELETE', `/webhooks/${created.pop()}`);
  });

  async function botCall(method: string, p: string, body?: unknown): Promise<Response> {
    return fetch(`${emu.baseUrl}${p}`, {
      method,
      headers: { authorization: `Bearer ${emu.tokens.bot}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function createHook(resource: string, event: string, extra: { secret?: string | null; filter?: string; status?: string } = {}): Promise<void> {
    const secret = extra.secret === null ? undefined : (extra.secret ?? TEST_WEBHOOK_SECRET);
    const res = await botCall('POST', '/webhooks', { name: 'doctor test', targetUrl: HOOK_URL, resource, event, secret, filter: extra.filter });
    const id = ((await res.json()) as { id: string }).id;
    created.push(id);
    if (extra.status) await botCall('PUT', `/webhooks/${id}`, { name: 'doctor test', targetUrl: HOOK_URL, secret, status: extra.status });
  }

  it('a rejected bot token: says so, and skips what the bot token is needed for', async () => {
    const report = await runChecks(emu, { env: doctorEnv(emu, { WEBEX_OPS_ROOM_ID: emu.rooms.helpDesk }), faults: [{ route: 'people.me', token: 'bot', status: 401 }] });
    assert.equal(lineOf(report, 'botToken'), "✗ Bot token: Webex rejected WEBEX_BOT_TOKEN (401). Fix: Regenerate the bot's access token at developer.webex.com and set WEBEX_BOT_TOKEN to it.");
    assert.equal(lineOf(report, 'webhooks'), '– Webhooks: not checked: the bot token was not accepted (the bot token owns the webhooks).');
    assert.equal(lineOf(report, 'opsRoom'), '– Ops space: not checked: the bot token was not accepted.');
    assert.equal(exitCodeOf(report), 1);
  });

  it('a rejected admin token: says so, and skips the reads that need it', async () => {
    const report = await runChecks(emu, { faults: [{ route: 'people.me', token: 'admin', status: 401 }] });
    assert.equal(
      lineOf(report, 'adminToken'),
      '✗ Admin token: WEBEX_ADMIN_TOKEN was rejected by Webex (401, tracking ID <id>): renew the token. Fix: See the README section "Deploying it" for the admin token the bot needs.',
    );
    assert.equal(lineOf(report, 'peopleRead'), '– Reads people: not checked: the admin token was not accepted.');
    assert.equal(exitCodeOf(report), 1);
  });

  it('Webex out of reach: says there was no answer, not a status', async () => {
    const report = await runChecks(emu, { env: doctorEnv(emu, { WEBEX_API_URL: 'http://127.0.0.1:1/v1' }) });
    assert.equal(lineOf(report, 'botToken'), '✗ Bot token: could not check it: no answer from Webex (the connection failed). Fix: Check WEBEX_API_URL and that Webex is reachable from here.');
    assert.equal(exitCodeOf(report), 1);
  });

  describe('the refresh-token trio', () => {
    const trio = (overrides: Record<string, string> = {}) => {
      const env = doctorEnv(emu, {
        WEBEX_ADMIN_CLIENT_ID: 'sandbox-client-id',
        WEBEX_ADMIN_CLIENT_SECRET: 'sandbox-client-secret',
        WEBEX_ADMIN_REFRESH_TOKEN: emu.tokens.refreshToken(),
        ...overrides,
      });
      delete env.WEBEX_ADMIN_TOKEN;
      return env;
    };

    it('exchanges it, and keeps a rotated refresh token in TOKEN_STORE_FILE as `npm start` does', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'doctor-token-'));
      try {
        const env = trio({ TOKEN_STORE_FILE: path.join(dir, 'refresh-token.json') });
        const first = await runChecks(emu, { env });
        assert.equal(lineOf(first, 'adminToken'), `✓ Admin token: the refresh token was exchanged for an access token; it serves organization ${SEED_ORG.id}.`);
        assert.notEqual(emu.tokens.refreshToken(), env.WEBEX_ADMIN_REFRESH_TOKEN, 'the emulator rotated it');
        const second = await runChecks(emu, { env });
        assert.equal(second.checks.find((c) => c.id === 'adminToken')?.status, 'pass', lineOf(second, 'adminToken'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('names the variables to check when the exchange is refused', async () => {
      const report = await runChecks(emu, { env: trio({ WEBEX_ADMIN_CLIENT_SECRET: 'not-the-client-secret' }) });
      assert.equal(
        lineOf(report, 'adminToken'),
        '✗ Admin token: the refresh token was not exchanged: Webex answered 401 to POST /access_token. Fix: Check WEBEX_ADMIN_CLIENT_ID and WEBEX_ADMIN_CLIENT_SECRET; if they are right, the refresh token expired or was revoked: authorize the integration (or service app) again and set WEBEX_ADMIN_REFRESH_TOKEN to the new one.',
      );
      assert.equal(exitCodeOf(report), 1);
    });
  });

  it('--person without Webex Calling: the settings read answers 404', async () => {
    const report = await runChecks(emu, { person: SEED_EMAILS.grace });
    assert.equal(
      lineOf(report, 'transferNumbersRead'),
      `✗ Reads transfer numbers (spark-admin:telephony_config_read): ${SEED_EMAILS.grace} has no Webex Calling settings (404). Fix: Run the doctor with --person <email of a Webex Calling user>.`,
    );
    assert.equal(exitCodeOf(report), 1);
  });

  describe('finding a calling user to try the settings read on', () => {
    const withoutCalling = (p: SeedPerson): SeedPerson => ({ ...p, calling: undefined });
    const fillers = Array.from({ length: 30 }, (_, i) => ({ email: `filler${i}@example.com`, displayName: `Filler ${i}` }));

    async function withSeed(people: SeedPerson[], test: (other: Emulator) => Promise<void>): Promise<void> {
      const other = createEmulator({ seed: { people } });
      await other.listen();
      try {
        await test(other);
      } finally {
        await other.close();
      }
    }

    it('looks past the first page for one', async () => {
      const last: SeedPerson = { email: 'zoe.last@example.com', displayName: 'Zoe Last', calling: { locationId: SEED_LOCATIONS.hq.id } };
      await withSeed([...defaultSeed().people.map(withoutCalling), ...fillers, last], async (other) => {
        const report = await runChecks(other, { env: doctorEnv(other) });
        assert.equal(lineOf(report, 'transferNumbersRead'), '✓ Reads transfer numbers (spark-admin:telephony_config_read): read the transfer numbers of zoe.last@example.com.');
      });
    });

    it('asks for --person when no one listed has Webex Calling', async () => {
      const people: SeedPerson[] = [...defaultSeed().people.map(withoutCalling), ...fillers];
      await withSeed(people, async (other) => {
        const report = await runChecks(other, { env: doctorEnv(other) });
        const listed = people.filter((p) => (p.orgId ?? SEED_ORG.id) === SEED_ORG.id).length;
        assert.equal(lineOf(report, 'peopleRead'), `✓ Reads people (spark-admin:people_read): listed ${listed} people, none of them with Webex Calling.`);
        assert.equal(
          lineOf(report, 'transferNumbersRead'),
          `✗ Reads transfer numbers (spark-admin:telephony_config_read): not tried: none of the ${listed} people listed has Webex Calling. Fix: Run the doctor with --person <email of a Webex Calling user>.`,
        );
        assert.equal(exitCodeOf(report), 1);
      });
    });
  });

  describe('webhooks', () => {
    it('fails a webhook signed with a secret other than WEBHOOK_SECRET, without showing either', async () => {
      await createHook('all', 'all', { secret: 'an-older-secret-0123456789' });
      await createHook('attachmentActions', 'created');
      const report = await runChecks(emu);
      assert.equal(lineOf(report, 'webhooks'), `✗ Webhooks: for ${HOOK_URL}: 1 is signed with a secret other than WEBHOOK_SECRET (the bot refuses their deliveries). Fix: ${UPDATE_FIX}`);
      const text = JSON.stringify(report);
      assert.ok(!text.includes('an-older-secret') && !text.includes(TEST_WEBHOOK_SECRET), text);
      assert.equal(exitCodeOf(report), 1);
    });

    it('warns when Webex shows no secret for them', async () => {
      await createHook('all', 'all', { secret: null });
      await createHook('attachmentActions', 'created', { secret: null });
      const report = await runChecks(emu);
      assert.equal(
        lineOf(report, 'webhooks'),
        `! Webhooks: one firehose and one card-submit webhook for ${HOOK_URL}, both active, but Webex shows no secret for either. Fix: A webhook without a secret gets unsigned deliveries, which the bot refuses: \`npm start\` sets WEBHOOK_SECRET on them.`,
      );
      assert.equal(exitCodeOf(report), 0);
    });

    it('names every problem at once: a missing kind, and an inactive one', async () => {
      await createHook('all', 'all', { status: 'inactive' });
      const report = await runChecks(emu);
      assert.equal(
        lineOf(report, 'webhooks'),
        `✗ Webhooks: for ${HOOK_URL}: no card-submit webhook (attachmentActions/created); 1 inactive (Webex stops using a webhook whose deliveries keep failing). Fix: ${UPDATE_FIX} If they turn inactive again, Webex cannot reach WEBHOOK_URL: check that it is reachable from the internet.`,
      );
    });

    it('does not count a filtered webhook as the firehose, and warns about webhooks for WEBHOOK_URL the bot does not need', async () => {
      await createHook('all', 'all', { filter: `roomId=${emu.rooms.helpDesk}` });
      await createHook('messages', 'created');
      await createHook('attachmentActions', 'created');
      const missing = await runChecks(emu);
      assert.equal(lineOf(missing, 'webhooks'), `✗ Webhooks: for ${HOOK_URL}: no firehose webhook (all/all). Fix: ${UPDATE_FIX}`);
      await createHook('all', 'all');
      const report = await runChecks(emu);
      assert.equal(lineOf(report, 'webhooks'), `✓ Webhooks: one firehose and one card-submit webhook for ${HOOK_URL}, both active and signed with WEBHOOK_SECRET.`);
      assert.equal(
        lineOf(report, 'webhooksExtra'),
        '! More webhooks for WEBHOOK_URL: 2 besides the two the bot needs (all/all with a filter, messages/created). Fix: Delete them: the bot needs only the firehose and the card-submit webhook, and `npm start` leaves other webhooks alone.',
      );
      assert.equal(exitCodeOf(report), 0);
    });
  });

  describe('optional features (one row each)', () => {
    const feature: OptionalFeature = {
      name: 'Call type usage',
      enabledBy: 'TEST_FEATURE',
      isEnabled: (config) => config.opsRoomId === undefined,
      scope: 'spark-admin:telephony_config_read',
      probe: async (admin, target) => {
        await admin.getOutgoingPermission(target.personId, { orgId: target.orgId });
      },
    };

    it('checks the scope of a configured feature on the calling user, naming it on a 403', async () => {
      const ok = await runChecks(emu, { features: [feature] });
      assert.equal(lineOf(ok, 'feature:spark-admin:telephony_config_read'), '✓ Call type usage (TEST_FEATURE, spark-admin:telephony_config_read): the admin token has the scope.');
      const refused = await runChecks(emu, { features: [feature], faults: [{ route: 'outgoingPermission.get', token: 'admin', status: 403 }] });
      assert.equal(
        lineOf(refused, 'feature:spark-admin:telephony_config_read'),
        '✗ Call type usage (TEST_FEATURE, spark-admin:telephony_config_read): Webex refused (403): the admin token lacks spark-admin:telephony_config_read, or API access is restricted in Control Hub. Fix: Create the admin token (or the integration or service app) with the spark-admin:telephony_config_read scope, as a full or read-only administrator.',
      );
      assert.equal(exitCodeOf(refused), 1);
    });

    it('with ALLOWED_EDITORS set, checks both write scopes without writing anything', async () => {
      const env = doctorEnv(emu, { ALLOWED_EDITORS: 'dana@example.com' });
      emu.clearRequests();
      const ok = await runChecks(emu, { env });
      assert.equal(lineOf(ok, 'feature:spark-admin:telephony_config_write'), "✓ Edits of people's transfer numbers (ALLOWED_EDITORS, spark-admin:telephony_config_write): the admin token has the scope.");
      assert.equal(lineOf(ok, 'feature:spark-admin:workspaces_write'), "✓ Edits of workspaces' transfer numbers (ALLOWED_EDITORS, spark-admin:workspaces_write): the admin token has the scope.");
      emu.withholdScopes(['spark-admin:telephony_config_write']);
      const refused = await runChecks(emu, { env });
      assert.equal(
        lineOf(refused, 'feature:spark-admin:telephony_config_write'),
        "✗ Edits of people's transfer numbers (ALLOWED_EDITORS, spark-admin:telephony_config_write): Webex refused (403): the admin token lacks spark-admin:telephony_config_write, or API access is restricted in Control Hub. Fix: Create the admin token (or the integration or service app) with the spark-admin:telephony_config_write scope, as a full administrator.",
      );
      assert.equal(lineOf(refused, 'feature:spark-admin:workspaces_write'), "✓ Edits of workspaces' transfer numbers (ALLOWED_EDITORS, spark-admin:workspaces_write): the admin token has the scope.");
      assert.equal(exitCodeOf(refused), 1);
      const writes = emu.requests.filter((r) => r.route.endsWith('ransferNumbers.put'));
      assert.equal(writes.length, 4);
      assert.deepEqual(writes.map((r) => r.status), [400, 400, 403, 400], 'every probe is refused: nothing is written');
    });

    it('without ALLOWED_EDITORS, no write scope is checked', async () => {
      emu.clearRequests();
      const report = await runChecks(emu);
      assert.equal(lineOf(report, 'optionalFeatures'), '– Optional features: none configured; look-ups need only the two scopes above.');
      assert.equal(emu.requests.filter((r) => r.route.endsWith('ransferNumbers.put')).length, 0);
    });

    it('leaves out a feature that is not configured', async () => {
      const report = await runChecks(emu, { env: doctorEnv(emu, { WEBEX_OPS_ROOM_ID: emu.rooms.helpDesk }), features: [feature] });
      assert.equal(lineOf(report, 'optionalFeatures'), '– Optional features: none configured; look-ups need only the two scopes above.');
    });
  });
});
