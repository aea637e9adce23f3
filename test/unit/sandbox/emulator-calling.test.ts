import { strict as assert } from 'node:assert';
import { createEmulator, SEED_EMAILS, SEED_PARTNER_ORG, SEED_WORKSPACE_NAMES, seedWorkspaceId, type Emulator } from '../../../sandbox/emulator';
import type { WebexOutgoingPermission } from '../../../src/webex/types';
import { call, controlUrl } from './emulator-test-kit';

describe('webex emulator: Webex Calling settings', () => {
  let emu: Emulator;
  let base: string;
  const numbersUrl = (email: string, query = '') =>
    `${base}/telephony/config/people/${emu.people.id(email)}/outgoingPermission/autoTransferNumbers${query}`;
  const permissionUrl = (email: string) => `${base}/people/${emu.people.id(email)}/features/outgoingPermission`;

  beforeEach(async () => {
    emu = createEmulator();
    base = await emu.listen();
  });
  afterEach(() => emu.close());

  it("returns alice's transfer numbers", async () => {
    const r = await call('GET', numbersUrl(SEED_EMAILS.alice), { token: emu.tokens.admin });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {
      useCustomTransferNumbers: true,
      autoTransferNumber1: '+1205553650',
      autoTransferNumber2: '+1205553651',
      autoTransferNumber3: '+1205553652',
    });
  });

  it('keeps each way of leaving a number unset: null, absent and ""', async () => {
    const bob = await call('GET', numbersUrl(SEED_EMAILS.bob), { token: emu.tokens.admin });
    const carol = await call('GET', numbersUrl(SEED_EMAILS.carol), { token: emu.tokens.admin });
    const dave = await call('GET', numbersUrl(SEED_EMAILS.dave), { token: emu.tokens.admin });
    assert.equal(bob.raw, '{"useCustomTransferNumbers":true,"autoTransferNumber1":"+12055553661","autoTransferNumber2":null,"autoTransferNumber3":null}');
    assert.equal(carol.raw, '{"useCustomTransferNumbers":true,"autoTransferNumber1":"+12055554671"}');
    assert.equal(dave.raw, '{"useCustomTransferNumbers":true,"autoTransferNumber1":"","autoTransferNumber2":"+12055554682","autoTransferNumber3":""}');
  });

  it('has someone with custom transfer numbers turned off', async () => {
    const r = await call('GET', numbersUrl(SEED_EMAILS.erin), { token: emu.tokens.admin });
    assert.equal((r.body as { useCustomTransferNumbers: boolean }).useCustomTransferNumbers, false);
  });

  it('answers 404 with errorCode 4008 for the person without Webex Calling', async () => {
    for (const url of [numbersUrl(SEED_EMAILS.grace), permissionUrl(SEED_EMAILS.grace)]) {
      const r = await call('GET', url, { token: emu.tokens.admin });
      assert.equal(r.status, 404);
      const body = r.body as { errors: { errorCode?: number }[]; trackingId: string };
      assert.equal(body.errors[0].errorCode, 4008);
      assert.equal(r.headers.trackingid, body.trackingId);
    }
  });

  it('answers 404 without an errorCode for an unknown person', async () => {
    const r = await call('GET', `${base}/telephony/config/people/nobody/outgoingPermission/autoTransferNumbers`, { token: emu.tokens.admin });
    assert.equal(r.status, 404);
    assert.deepEqual((r.body as { errors: unknown[] }).errors, [{ description: 'Person not found.' }]);
  });

  it('answers 403 to non-admin tokens', async () => {
    for (const token of [emu.tokens.bot, emu.tokens.user(SEED_EMAILS.agent)]) {
      assert.equal((await call('GET', numbersUrl(SEED_EMAILS.alice), { token })).status, 403);
      assert.equal((await call('GET', permissionUrl(SEED_EMAILS.alice), { token })).status, 403);
    }
  });

  it('reaches the person of another org only with that orgId', async () => {
    const without = await call('GET', numbersUrl(SEED_EMAILS.olga), { token: emu.tokens.admin });
    const withOrg = await call('GET', numbersUrl(SEED_EMAILS.olga, `?orgId=${SEED_PARTNER_ORG.id}`), { token: emu.tokens.admin });
    assert.equal(without.status, 404);
    assert.equal(withOrg.status, 200);
    assert.equal((withOrg.body as { autoTransferNumber1: string }).autoTransferNumber1, '+12145555731');
  });

  it("returns alice's outgoing calling permissions with the transfer actions", async () => {
    const r = await call('GET', permissionUrl(SEED_EMAILS.alice), { token: emu.tokens.admin });
    const body = r.body as WebexOutgoingPermission;
    const actions = Object.fromEntries((body.callingPermissions ?? []).map((p) => [p.callType, p.action]));
    assert.equal(body.callingPermissions?.length, 10);
    assert.equal(actions.INTERNATIONAL, 'TRANSFER_NUMBER_1');
    assert.equal(actions.PREMIUM_SERVICES_I, 'TRANSFER_NUMBER_2');
    assert.equal(actions.PREMIUM_SERVICES_II, 'TRANSFER_NUMBER_2');
    assert.equal(actions.INTERNAL_CALL, 'ALLOW');
  });

  it('has a misconfigured person: a call type sent to TRANSFER_NUMBER_3 while number 3 is unset', async () => {
    const permissions = await call('GET', permissionUrl(SEED_EMAILS.frank), { token: emu.tokens.admin });
    const numbers = await call('GET', numbersUrl(SEED_EMAILS.frank), { token: emu.tokens.admin });
    const national = (permissions.body as WebexOutgoingPermission).callingPermissions?.find((p) => p.callType === 'NATIONAL');
    assert.equal(national?.action, 'TRANSFER_NUMBER_3');
    assert.equal((numbers.body as { autoTransferNumber3: unknown }).autoTransferNumber3, null);
  });

  it('PUT stores new numbers, "" clears one, and answers 204', async () => {
    const put = await call('PUT', numbersUrl(SEED_EMAILS.alice), {
      token: emu.tokens.admin,
      body: { useCustomTransferNumbers: true, autoTransferNumber1: '+12055550000', autoTransferNumber3: '' },
    });
    assert.equal(put.status, 204);
    assert.equal(put.raw, '');
    const r = await call('GET', numbersUrl(SEED_EMAILS.alice), { token: emu.tokens.admin });
    assert.deepEqual(r.body, {
      useCustomTransferNumbers: true,
      autoTransferNumber1: '+12055550000',
      autoTransferNumber2: '+1205553651',
      autoTransferNumber3: null,
    });
  });

  it('PUT answers 400 to a malformed number', async () => {
    const r = await call('PUT', numbersUrl(SEED_EMAILS.alice), { token: emu.tokens.admin, body: { useCustomTransferNumbers: true, autoTransferNumber1: 'call me' } });
    assert.equal(r.status, 400);
  });

  it('PUT answers 400 without useCustomTransferNumbers, which TransferNumberPatch requires, and changes nothing', async () => {
    const before = await call('GET', numbersUrl(SEED_EMAILS.alice), { token: emu.tokens.admin });
    const r = await call('PUT', numbersUrl(SEED_EMAILS.alice), { token: emu.tokens.admin, body: { autoTransferNumber1: '+12055550000' } });
    assert.equal(r.status, 400);
    assert.equal((r.body as { message: string }).message, 'useCustomTransferNumbers is required and must be a boolean.');
    assert.deepEqual((await call('GET', numbersUrl(SEED_EMAILS.alice), { token: emu.tokens.admin })).body, before.body);
  });

  it('PUT answers 403 when the admin token lacks spark-admin:telephony_config_write, whoever the person', async () => {
    emu.withholdScopes(['spark-admin:telephony_config_write']);
    const body = { useCustomTransferNumbers: true, autoTransferNumber1: '+12055550000' };
    assert.equal((await call('PUT', numbersUrl(SEED_EMAILS.alice), { token: emu.tokens.admin, body })).status, 403);
    assert.equal((await call('PUT', `${base}/telephony/config/people/nobody/outgoingPermission/autoTransferNumbers`, { token: emu.tokens.admin, body: {} })).status, 403);
    assert.equal((await call('GET', numbersUrl(SEED_EMAILS.alice), { token: emu.tokens.admin })).status, 200, 'reads need no write scope');
    emu.withholdScopes([]);
    assert.equal((await call('PUT', numbersUrl(SEED_EMAILS.alice), { token: emu.tokens.admin, body })).status, 204);
  });

  it('withholds scopes over /_control/scopes, and refuses a scope it does not check', async () => {
    const withheld = await call('POST', `${controlUrl(base)}/scopes`, { body: { withhold: ['spark-admin:workspaces_write'] } });
    assert.deepEqual(withheld.body, { withheld: ['spark-admin:workspaces_write'] });
    assert.deepEqual((await call('GET', `${controlUrl(base)}/scopes`)).body, { withheld: ['spark-admin:workspaces_write'] });
    const unknown = await call('POST', `${controlUrl(base)}/scopes`, { body: { withhold: ['spark:all'] } });
    assert.equal(unknown.status, 400);
    assert.equal((unknown.body as { message: string }).message, 'scopes the emulator checks: spark-admin:telephony_config_write, spark-admin:workspaces_write; not spark:all');
    assert.equal((await call('POST', `${controlUrl(base)}/scopes`, { body: { withhold: 'spark-admin:workspaces_write' } })).status, 400);
    assert.deepEqual((await call('POST', `${controlUrl(base)}/scopes`, { body: { withhold: [] } })).body, { withheld: [] });
  });

  it("a workspace's PUT stores its numbers, leaves out what is not sent, and needs spark-admin:workspaces_write", async () => {
    const workspaceId = seedWorkspaceId(SEED_WORKSPACE_NAMES.lobby);
    const url = `${base}/workspaces/${workspaceId}/features/outgoingPermission/autoTransferNumbers`;
    const before = (await call('GET', url, { token: emu.tokens.admin })).body as Record<string, unknown>;
    const put = await call('PUT', url, { token: emu.tokens.admin, body: { useCustomTransferNumbers: true, autoTransferNumber2: '+12055550002' } });
    assert.equal(put.status, 204);
    assert.deepEqual((await call('GET', url, { token: emu.tokens.admin })).body, { ...before, useCustomTransferNumbers: true, autoTransferNumber2: '+12055550002' });
    emu.withholdScopes(['spark-admin:workspaces_write']);
    assert.equal((await call('PUT', url, { token: emu.tokens.admin, body: { useCustomTransferNumbers: false } })).status, 403);
    assert.equal((await call('PUT', numbersUrl(SEED_EMAILS.alice), { token: emu.tokens.admin, body: { useCustomTransferNumbers: true } })).status, 204, "people's writes need the other scope");
  });

  it('setTransferNumbers changes what GET returns', async () => {
    emu.setTransferNumbers(SEED_EMAILS.maria, { useCustomTransferNumbers: true, autoTransferNumber1: '+12055559999' });
    const r = await call('GET', numbersUrl(SEED_EMAILS.maria), { token: emu.tokens.admin });
    assert.deepEqual(r.body, { useCustomTransferNumbers: true, autoTransferNumber1: '+12055559999' });
  });
});
