import { strict as assert } from 'node:assert';
import { createEmulator, SEED_EMAILS, SEED_ORG, SEED_WORKSPACE_NAMES, seedWorkspaceId, type Emulator } from '../../../sandbox/emulator';
import { WebexAdminClient } from '../../../src/webex/admin-client';
import { isWebexApiError } from '../../../src/webex/errors';
import { caught } from '../../helpers/caught';
import { createTestHttp } from './support/test-http';

describe('webex/admin-client writes of transfer numbers (against the emulator)', () => {
  let emu: Emulator;
  let admin: WebexAdminClient;

  beforeEach(async () => {
    emu = createEmulator();
    const base = await emu.listen();
    admin = new WebexAdminClient(createTestHttp(base, { token: () => emu.tokens.admin }).http);
  });
  afterEach(() => emu.close());

  it('setTransferNumbers PUTs the patch to the person, orgId as a query parameter only when given', async () => {
    const personId = emu.people.id(SEED_EMAILS.alice);
    await admin.setTransferNumbers(personId, { useCustomTransferNumbers: true, autoTransferNumber2: '+12055550002', autoTransferNumber3: '' });
    const put = emu.requests.find((r) => r.method === 'PUT');
    assert.equal(put?.query, '', 'no orgId without one');
    assert.equal(put?.route, 'transferNumbers.put');
    assert.equal(put?.path, `/telephony/config/people/${personId}/outgoingPermission/autoTransferNumbers`);
    assert.deepEqual(await admin.getTransferNumbers(personId), {
      useCustomTransferNumbers: true,
      autoTransferNumber1: '+1205553650',
      autoTransferNumber2: '+12055550002',
      autoTransferNumber3: null,
    });
    await admin.setTransferNumbers(personId, { useCustomTransferNumbers: true }, { orgId: SEED_ORG.id });
    assert.equal(emu.requests.filter((r) => r.method === 'PUT')[1]?.query, `orgId=${encodeURIComponent(SEED_ORG.id)}`);
  });

  it("setWorkspaceTransferNumbers PUTs to the workspace's features path", async () => {
    const workspaceId = seedWorkspaceId(SEED_WORKSPACE_NAMES.lobby);
    await admin.setWorkspaceTransferNumbers(workspaceId, { useCustomTransferNumbers: false });
    assert.equal(emu.requests.find((r) => r.method === 'PUT')?.route, 'workspaceTransferNumbers.put');
    assert.equal((await admin.getWorkspaceTransferNumbers(workspaceId)).useCustomTransferNumbers, false);
  });

  it('a token without the write scope rejects with a 403 WebexApiError, not retried', async () => {
    emu.withholdScopes(['spark-admin:telephony_config_write']);
    const err = await caught(admin.setTransferNumbers(emu.people.id(SEED_EMAILS.alice), { useCustomTransferNumbers: true }));
    assert.ok(isWebexApiError(err));
    assert.equal(err.status, 403);
    assert.equal(emu.requests.filter((r) => r.method === 'PUT').length, 1);
  });
});
