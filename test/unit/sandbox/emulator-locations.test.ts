// The emulator's locations and workspaces, as the API reference defines them: Get Location Details,
// a location's outgoing permission and auto transfer numbers, List Workspaces, Get Workspace Details
// and a workspace's outgoing permission and auto transfer numbers (admin only, orgId for partners).
import { strict as assert } from 'node:assert';
import { createEmulator, SEED_LOCATIONS, SEED_PARTNER_ORG, SEED_WORKSPACE_NAMES, seedWorkspaceId, type Emulator } from '../../../sandbox/emulator';
import { call } from './emulator-test-kit';

describe('webex emulator: locations and workspaces', () => {
  let emu: Emulator;
  let base: string;

  beforeEach(async () => {
    emu = createEmulator();
    base = await emu.listen();
  });
  afterEach(() => emu.close());

  const admin = () => ({ token: emu.tokens.admin });

  it("answers a location's details with its name, and its numbers and permissions", async () => {
    const hq = SEED_LOCATIONS.hq.id;
    const details = await call('GET', `${base}/locations/${hq}`, admin());
    assert.equal(details.status, 200);
    assert.deepEqual(details.body, { id: hq, name: 'Birmingham HQ', orgId: SEED_LOCATIONS.hq.orgId });
    const numbers = await call('GET', `${base}/telephony/config/locations/${hq}/outgoingPermission/autoTransferNumbers`, admin());
    assert.equal(numbers.raw, '{"autoTransferNumber1":"+12055550100","autoTransferNumber2":"+12055550101"}');
    const permission = await call('GET', `${base}/telephony/config/locations/${hq}/outgoingPermission`, admin());
    const international = (permission.body as { callingPermissions: { callType: string; action: string }[] }).callingPermissions.find((p) => p.callType === 'INTERNATIONAL');
    assert.equal(international?.action, 'TRANSFER_NUMBER_1');
  });

  it("finds another org's location only with its orgId, and refuses tokens that are not an admin's", async () => {
    const dallas = SEED_LOCATIONS.partner.id;
    assert.equal((await call('GET', `${base}/locations/${dallas}`, admin())).status, 404);
    assert.equal((await call('GET', `${base}/locations/${dallas}?orgId=${SEED_PARTNER_ORG.id}`, admin())).status, 200);
    assert.equal((await call('GET', `${base}/locations/${SEED_LOCATIONS.hq.id}`, { token: emu.tokens.bot })).status, 403);
  });

  it('refuses a query parameter the reference does not define for the operation', async () => {
    const r = await call('GET', `${base}/locations/${SEED_LOCATIONS.hq.id}?callingData=true`, admin());
    assert.equal(r.status, 400);
  });

  it('lists Webex Calling workspaces by the start of their name, without locationId where none is set', async () => {
    const r = await call('GET', `${base}/workspaces?displayName=${encodeURIComponent('Lobby')}&calling=webexCalling`, admin());
    assert.equal(r.status, 200);
    const items = (r.body as { items: { id: string; displayName: string; locationId?: string; calling: { type: string } }[] }).items;
    assert.deepEqual(
      items.map((w) => [w.displayName, w.locationId, w.calling.type]),
      [[SEED_WORKSPACE_NAMES.lobby, SEED_LOCATIONS.hq.id, 'webexCalling']],
    );
    const board = await call('GET', `${base}/workspaces?displayName=Board&calling=webexCalling`, admin());
    assert.deepEqual((board.body as { items: unknown[] }).items, []);
    const any = await call('GET', `${base}/workspaces?displayName=Board`, admin());
    const boardRoom = (any.body as { items: Record<string, unknown>[] }).items[0];
    assert.equal(boardRoom.displayName, SEED_WORKSPACE_NAMES.boardRoom);
    assert.equal('locationId' in boardRoom, false);
    assert.equal((await call('GET', `${base}/workspaces?calling=teams`, admin())).status, 400);
  });

  it('pages workspaces by start and max, without a Link header (the reference declares none)', async () => {
    const first = await call('GET', `${base}/workspaces?max=3`, admin());
    assert.equal((first.body as { items: unknown[] }).items.length, 3);
    assert.equal(first.headers.link, undefined);
    const second = await call('GET', `${base}/workspaces?max=3&start=3`, admin());
    assert.deepEqual((second.body as { items: { displayName: string }[] }).items.map((w) => w.displayName), [SEED_WORKSPACE_NAMES.boardRoom]);
    assert.equal((await call('GET', `${base}/workspaces?start=-1`, admin())).status, 400);
  });

  it("answers a workspace's details, numbers and permissions; 404 for one without Webex Calling", async () => {
    const lobby = seedWorkspaceId(SEED_WORKSPACE_NAMES.lobby);
    assert.equal(((await call('GET', `${base}/workspaces/${lobby}`, admin())).body as { displayName: string }).displayName, 'Lobby Phone');
    const numbers = await call('GET', `${base}/workspaces/${lobby}/features/outgoingPermission/autoTransferNumbers`, admin());
    assert.deepEqual(numbers.body, { useCustomTransferNumbers: true, autoTransferNumber1: '+12055550150', autoTransferNumber2: null, autoTransferNumber3: null });
    const permission = await call('GET', `${base}/workspaces/${lobby}/features/outgoingPermission`, admin());
    assert.equal((permission.body as { useCustomPermissions: boolean }).useCustomPermissions, true);
    const board = seedWorkspaceId(SEED_WORKSPACE_NAMES.boardRoom);
    assert.equal((await call('GET', `${base}/workspaces/${board}/features/outgoingPermission/autoTransferNumbers`, admin())).status, 404);
    // The reference has no /telephony/config/workspaces/… form of these.
    assert.equal((await call('GET', `${base}/telephony/config/workspaces/${lobby}/outgoingPermission/autoTransferNumbers`, admin())).status, 404);
  });
});
