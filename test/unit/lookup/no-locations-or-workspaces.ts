// The location and workspace calls of AdminApi for fake admins whose tests are about people: one
// location (with a number and a permission) and no workspaces.
import sinon from 'sinon';
import type { AdminApi } from '../../../src/lookup/ports';
import { WebexApiError } from '../../../src/webex/errors';

type LocationAndWorkspaceCalls =
  | 'getLocation'
  | 'getLocationTransferNumbers'
  | 'getLocationOutgoingPermission'
  | 'findWorkspacesByDisplayName'
  | 'getWorkspace'
  | 'getWorkspaceTransferNumbers'
  | 'getWorkspaceOutgoingPermission'
  | 'listCallingWorkspacePages';

export function locationAndWorkspaceStubs(): Record<Extract<keyof AdminApi, LocationAndWorkspaceCalls>, sinon.SinonStub> {
  return {
    getLocation: sinon.stub().callsFake(async (id: string) => ({ id, name: `Location ${id}` })),
    getLocationTransferNumbers: sinon.stub().resolves({ autoTransferNumber1: '+12055550100', autoTransferNumber2: null, autoTransferNumber3: null }),
    getLocationOutgoingPermission: sinon.stub().resolves({ callingPermissions: [{ callType: 'INTERNATIONAL', action: 'TRANSFER_NUMBER_1' }] }),
    findWorkspacesByDisplayName: sinon.stub().resolves({ workspaces: [], more: false }),
    getWorkspace: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'Workspace not found' })),
    getWorkspaceTransferNumbers: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'no calling' })),
    getWorkspaceOutgoingPermission: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'no calling' })),
    listCallingWorkspacePages: sinon.stub().callsFake(async function* () {}),
  };
}
