// `npm run doctor` against the emulator: each check passes on a good setup and names the fix when
// the emulator's fault injection (or a bad setting) breaks what it checks. The command itself: exit
// codes, --json, the sandbox, and no token or secret in what it prints.
import { strict as assert } from 'node:assert';
import type { DoctorReport } from '../../src/doctor/types';
import { SEED_EMAILS, SEED_ORG, type Emulator, type FaultSpec } from '../../sandbox/emulator';
import { requireRedis, testRedisUrl } from '../helpers/redis';
import { doctorEnv, HOOK_URL, lineOf, runChecks, runCommand } from './doctor-kit';
import { sharedEmulator, TEST_WEBHOOK_SECRET } from './harness';

describe('integration: npm run doctor', function () {
  this.timeout(60_000);
  let emu: Emulator;
  const created: string[] = [];

  before(async () => {
    emu = await sharedEmulator();
  });
  beforeEach(() => {
    emu.faults.clear();
  });
  afterEach(async () => {
    emu.faults.clear();
    while (created.length > 0) await botCall('DELETE', `/webhooks/${created.pop()}`);
  });

  async function botCall(method: string, p: string, body?: unknown): Promise<Response> {
    return fetch(`${emu.baseUrl}${p}`, {
      method,
      headers: { authorization: `Bearer ${emu.tokens.bot}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function createHook(resource: string, event: string, targetUrl = HOOK_URL): Promise<string> {
    const res = await botCall('POST', '/webhooks', { name: 'doctor test', targetUrl, resource, event, secret: TEST_WEBHOOK_SECRET });
    const id = ((await res.json()) as { id: string }).id;
    created.push(id);
    return id;
  }

  const env = (overrides: Record<string, string> = {}) => doctorEnv(emu, overrides);
  const doctor = (overrides: Record<string, string> = {}, faults: FaultSpec[] = [], person?: string): Promise<DoctorReport> =>
    runChecks(emu, { env: env(overrides), faults, person });
  const line = lineOf;

  it('passes every required check on a good setup, one line each', async () => {
    await createHook('all', 'all');
    await createHook('attachmentActions', 'created');
    const report = await doctor();
    assert.equal(report.ok, true, report.checks.map((c) => line(report, c.id)).join('\n'));
    assert.equal(line(report, 'botToken'), `✓ Bot token: accepted; it belongs to the bot ${SEED_EMAILS.bot}.`);
    assert.equal(line(report, 'adminToken'), `✓ Admin token: accepted; it serves organization ${SEED_ORG.id}.`);
    assert.equal(line(report, 'peopleRead'), '✓ Reads people (spark-admin:people_read): listed calling users.');
    assert.match(line(report, 'transferNumbersRead'), /^✓ Reads transfer numbers \(spark-admin:telephony_config_read\): read the transfer numbers of \S+@example\.com\.$/);
    assert.equal(line(report, 'webhooks'), `✓ Webhooks: one firehose and one card-submit webhook for ${HOOK_URL}, both active and signed with WEBHOOK_SECRET.`);
    assert.match(line(report, 'locationDefaults'), /^✓ Reads location defaults \(spark-admin:telephony_config_read\): read the transfer numbers and outgoing permissions of the location of \S+@example\.com\.$/);
    assert.match(line(report, 'locationNames'), /^✓ Reads location names \(spark-admin:people_read\): read the name of location (Birmingham HQ|Huntsville Lab)\.$/);
    assert.equal(line(report, 'workspacesRead'), '✓ Reads workspaces (spark-admin:workspaces_read): listed Webex Calling workspaces.');
  });

  it("fails when the location's defaults may not be read, and warns (exit 0) when only names or workspaces are refused", async () => {
    const refusedDefaults = await doctor({}, [{ route: 'locationTransferNumbers.get', token: 'admin', status: 403 }]);
    assert.equal(refusedDefaults.ok, false);
    assert.equal(
      line(refusedDefaults, 'locationDefaults'),
      '✗ Reads location defaults (spark-admin:telephony_config_read): Webex refused (403): the admin token lacks spark-admin:telephony_config_read, or API access is restricted in Control Hub. Fix: Create the admin token (or the integration or service app) with the spark-admin:telephony_config_read scope, as a full or read-only administrator.',
    );
    emu.faults.clear();
    const warned = await doctor({}, [
      { route: 'locations.get', token: 'admin', status: 403 },
      { route: 'workspaces.list', token: 'admin', status: 403 },
    ]);
    assert.equal(warned.ok, true, warned.checks.map((c) => line(warned, c.id)).join('\n'));
    assert.equal(
      line(warned, 'locationNames'),
      '! Reads location names (spark-admin:people_read): Webex refused (403): cards will name locations by their ID. Fix: Give the admin token spark-admin:people_read (or spark-admin:locations_read).',
    );
    assert.equal(
      line(warned, 'workspacesRead'),
      "! Reads workspaces (spark-admin:workspaces_read): Webex refused (403): look-ups of workspaces (common-area phones) will not work, and names are searched among people only. Fix: Add spark-admin:workspaces_read to the admin token's scopes (or the integration's or service app's) to look up workspaces.",
    );
  });

  it('names the missing scope when Webex answers 403 to the people list', async () => {
    const report = await doctor({}, [{ route: 'people.list', token: 'admin', status: 403 }]);
    assert.equal(report.ok, false);
    assert.equal(
      line(report, 'peopleRead'),
      '✗ Reads people (spark-admin:people_read): Webex refused (403): the admin token lacks spark-admin:people_read, or API access is restricted in Control Hub. ' +
        'Fix: Create the admin token (or the integration or service app) with the spark-admin:people_read scope, as a full or read-only administrator.',
    );
    assert.equal(line(report, 'transferNumbersRead'), '– Reads transfer numbers (spark-admin:telephony_config_read): not checked: it is tried on a person, and people could not be listed.');
    assert.deepEqual(report.checks.filter((c) => c.status === 'fail').map((c) => c.id), ['peopleRead']);
  });

  it('names spark-admin:telephony_config_read when the transfer numbers read is refused, tried on --person', async () => {
    const report = await doctor({}, [{ route: 'transferNumbers.get', token: 'admin', status: 403 }], SEED_EMAILS.alice);
    assert.match(line(report, 'transferNumbersRead'), /^✗ Reads transfer numbers \(spark-admin:telephony_config_read\): Webex refused \(403\): the admin token lacks spark-admin:telephony_config_read/);
    assert.equal(report.ok, false);
  });

  it('says when --person is not someone it can find', async () => {
    const report = await doctor({}, [], 'nobody@example.com');
    assert.equal(line(report, 'transferNumbersRead'), '✗ Reads transfer numbers (spark-admin:telephony_config_read): --person nobody@example.com: no one with that email. Fix: Pass the email address of a Webex Calling user of the organization.');
  });

  it('says which variable to set when the admin token may not read /people/me, and skips what needs it', async () => {
    const report = await doctor({}, [{ route: 'people.me', token: 'admin', status: 403 }]);
    assert.match(line(report, 'adminToken'), /^✗ Admin token: WEBEX_ADMIN_TOKEN may not read GET \/people\/me \(403\), so the bot cannot tell which organization it serves: set DEFAULT_ORG_ID/);
    assert.equal(report.checks.find((c) => c.id === 'peopleRead')?.status, 'skip');
    const withDefault = await doctor({ DEFAULT_ORG_ID: SEED_ORG.id }, [{ route: 'people.me', token: 'admin', status: 403 }]);
    assert.match(line(withDefault, 'adminToken'), /^✓ Admin token: accepted; it may not read GET \/people\/me, so the bot serves DEFAULT_ORG_ID /);
  });

  it('tells a person token from a bot token', async () => {
    const report = await doctor({ WEBEX_BOT_TOKEN: emu.tokens.admin });
    assert.equal(
      line(report, 'botToken'),
      `✗ Bot token: WEBEX_BOT_TOKEN belongs to ${SEED_EMAILS.admin}, a person, not a bot. Fix: Use the access token shown when the bot was created at developer.webex.com (My Webex Apps → your bot → Regenerate access token).`,
    );
  });

  it('reports missing (warning), duplicate and inactive webhooks, and ones pointing elsewhere', async () => {
    const none = await doctor();
    assert.match(line(none, 'webhooks'), /^! Webhooks: none for https:\/\/bot\.example\.com\/webhooks\/webex yet\. Fix: `npm start` creates/);

    await createHook('all', 'all');
    await createHook('all', 'all');
    await createHook('attachmentActions', 'created');
    await createHook('messages', 'created', 'https://old.example.org/hook?token=secret-in-query');
    const duplicates = await doctor();
    assert.match(line(duplicates, 'webhooks'), /^✗ Webhooks: for https:\/\/bot\.example\.com\/webhooks\/webex: 2 firehose webhooks where one belongs\. Fix: `npm start` repairs them/);
    assert.equal(line(duplicates, 'webhooksElsewhere'), '! Other webhooks of this bot: 1 point elsewhere (https://old.example.org). Fix: Delete them if no other deployment of this bot uses them: each one gets every event too.');

    await botCall('DELETE', `/webhooks/${created.splice(0, 1)[0]}`);
    await botCall('PUT', `/webhooks/${created[0]}`, { name: 'doctor test', targetUrl: HOOK_URL, status: 'inactive' });
    const inactive = await doctor();
    assert.match(line(inactive, 'webhooks'), /^✗ Webhooks: for https:\/\/bot\.example\.com\/webhooks\/webex: 1 inactive/);
  });

  it('never shows the query of WEBHOOK_URL (a secret may ride there)', async () => {
    const report = await doctor({ WEBHOOK_URL: 'https://bot.example.com/webhooks/webex?key=s3cr3t-in-url' });
    const text = JSON.stringify(report);
    assert.ok(!text.includes('s3cr3t-in-url'), text);
    assert.match(line(report, 'config'), /WEBHOOK_URL https:\/\/bot\.example\.com\/webhooks\/webex;/);
  });

  it('checks REDIS_URL, naming only its host', async function () {
    const down = await doctor({ REDIS_URL: 'redis://:hunter2-password@127.0.0.1:1' });
    assert.equal(down.checks.find((c) => c.id === 'redis')?.status, 'fail');
    assert.match(line(down, 'redis'), /^✗ Redis: redis:\/\/127\.0\.0\.1:1 does not answer \(ECONNREFUSED\)/);
    assert.ok(!JSON.stringify(down).includes('hunter2'));
    await requireRedis(this);
    const up = await doctor({ REDIS_URL: testRedisUrl() });
    assert.match(line(up, 'redis'), /^✓ Redis: redis:\/\/127\.0\.0\.1:\d+ answers\.$/);
  });

  it('checks that the bot is in WEBEX_OPS_ROOM_ID', async () => {
    const member = await doctor({ WEBEX_OPS_ROOM_ID: emu.rooms.helpDesk });
    assert.equal(line(member, 'opsRoom'), '✓ Ops space: the bot is a member of WEBEX_OPS_ROOM_ID.');
    const outside = await doctor({ WEBEX_OPS_ROOM_ID: emu.rooms.onboarding });
    assert.equal(line(outside, 'opsRoom'), '✗ Ops space: the bot is not a member of WEBEX_OPS_ROOM_ID. Fix: Add the bot to that space, or unset WEBEX_OPS_ROOM_ID.');
  });

  describe('as a command', () => {
    const run = runCommand;

    it('exits 1 when a check fails, prints JSON with --json, and never prints a token or secret', async () => {
      emu.faults.add({ route: 'people.list', token: 'admin', status: 403 });
      const done = await run(['--json'], env());
      assert.equal(done.status, 1, done.stderr);
      const report = JSON.parse(done.stdout) as DoctorReport;
      assert.equal(report.ok, false);
      assert.equal(report.checks.find((c) => c.id === 'peopleRead')?.status, 'fail');
      for (const secret of [emu.tokens.bot, emu.tokens.admin, TEST_WEBHOOK_SECRET]) assert.ok(!done.stdout.includes(secret) && !done.stderr.includes(secret));
    });

    it('exits 2 with the start-up messages when the configuration is invalid', async () => {
      const done = await run([], { WEBEX_BOT_TOKEN: 'x', WEBEX_ADMIN_TOKEN: 'y', WEBHOOK_URL: HOOK_URL });
      assert.equal(done.status, 2);
      assert.match(done.stdout, /^✗ Configuration: WEBHOOK_SECRET: required when WEBHOOK_URL is set \(webhooks are verified with it\)\. Fix: See \.env\.example/m);
    });

    it('prints no token, secret or password in text or JSON, whatever it reports', async () => {
      const secrets = {
        clientSecret: 'sandbox-client-secret',
        refreshToken: emu.tokens.refreshToken(),
        redisPassword: 'hunter2-redis-password',
        urlKey: 's3cr3t-url-key',
        otherSecret: 'an-older-secret-0123456789',
        elsewhereToken: 'elsewhere-query-token',
      };
      await createHook('all', 'all');
      const other = await botCall('POST', '/webhooks', { name: 'doctor test', targetUrl: HOOK_URL, resource: 'attachmentActions', event: 'created', secret: secrets.otherSecret });
      created.push(((await other.json()) as { id: string }).id);
      await createHook('messages', 'created', `https://old.example.org/hook?token=${secrets.elsewhereToken}`);
      const setup = env({
        WEBEX_ADMIN_CLIENT_ID: 'sandbox-client-id',
        WEBEX_ADMIN_CLIENT_SECRET: secrets.clientSecret,
        WEBEX_ADMIN_REFRESH_TOKEN: secrets.refreshToken,
        REDIS_URL: `redis://:${secrets.redisPassword}@127.0.0.1:1/0?password=${secrets.redisPassword}`,
        WEBHOOK_URL: `${HOOK_URL}?key=${secrets.urlKey}`,
        WEBEX_OPS_ROOM_ID: emu.rooms.helpDesk,
      });
      delete setup.WEBEX_ADMIN_TOKEN;
      emu.faults.add({ route: 'people.list', token: 'admin', status: 403 });
      for (const args of [[], ['--json']]) {
        const done = await run(args, setup);
        assert.equal(done.status, 1, done.stdout + done.stderr);
        const printed = done.stdout + done.stderr;
        for (const secret of [emu.tokens.bot, TEST_WEBHOOK_SECRET, 'sandbox-access-', ...Object.values(secrets)]) assert.ok(!printed.includes(secret), `${secret} in:\n${printed}`);
      }
    });

    it('checks the sandbox when no Webex credentials are set, as `npm start` would run it', async () => {
      const done = await run(['--json'], {});
      assert.equal(done.status, 0, done.stdout + done.stderr);
      const report = JSON.parse(done.stdout) as DoctorReport;
      assert.equal(report.mode, 'sandbox');
      assert.equal(line(report, 'config'), '✓ Configuration: no Webex credentials: checking the built-in sandbox emulator.');
      assert.match(line(report, 'webhooks'), /^✓ Webhooks: one firehose and one card-submit webhook for http:\/\/127\.0\.0\.1:\d+\/webhooks\/webex, both active and signed with WEBHOOK_SECRET\.$/);
      assert.deepEqual(report.checks.filter((c) => c.status === 'fail'), []);
    });

    it('exits 2 on an option it does not know', async () => {
      const done = await run(['--bogus'], {});
      assert.equal(done.status, 2);
      assert.equal(done.stderr, 'npm run doctor: unknown option --bogus (options: --json, --person <email>)\n');
    });

    it('exits 0 on a good setup', async () => {
      await createHook('all', 'all');
      await createHook('attachmentActions', 'created');
      const done = await run([], env());
      assert.equal(done.status, 0, done.stdout + done.stderr);
      assert.match(done.stdout, /Every required check passed\.\n$/);
    });
  });
});
