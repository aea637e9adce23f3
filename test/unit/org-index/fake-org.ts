// A fake AdminApi holding a small organization: people (with calling locations), workspaces and
// locations, each with transfer numbers and outgoing permissions; failures can be set per ID.
import sinon from 'sinon';
import type { AdminApi } from '../../../src/lookup/ports';
import { WebexApiError } from '../../../src/webex/errors';

export interface FakeEntity {
  id: string;
  name: string;
  email?: string;
  locationId?: string;
  workspace?: boolean;
  custom?: boolean;
  numbers?: (string | null)[];
  /** callType → TRANSFER_NUMBER_n (their own; used when customPermissions). */
  permissions?: Record<string, 1 | 2 | 3>;
  customPermissions?: boolean;
  /** Their numbers read fails with this status. */
  fails?: number;
}

export interface FakeLocation {
  id: string;
  name?: string;
  numbers?: (string | null)[];
  permissions?: Record<string, 1 | 2 | 3>;
}

function numbersBody(custom: boolean | undefined, numbers: (string | null)[] | undefined) {
  const [a = null, b = null, c = null] = numbers ?? [];
  return { useCustomTransferNumbers: custom ?? true, autoTransferNumber1: a, autoTransferNumber2: b, autoTransferNumber3: c };
}

function permissionBody(customPermissions: boolean | undefined, permissions: Record<string, number> | undefined) {
  return {
    useCustomPermissions: customPermissions ?? true,
    callingPermissions: Object.entries(permissions ?? {}).map(([callType, slot]) => ({ callType, action: `TRANSFER_NUMBER_${slot}` })),
  };
}

export function fakeOrg(org: { people: FakeEntity[]; workspaces?: FakeEntity[]; locations?: FakeLocation[]; pageSize?: number; workspaceListing?: WebexApiError; peopleListing?: WebexApiError }) {
  const everyone = new Map([...org.people, ...(org.workspaces ?? [])].map((e) => [e.id, e]));
  const locations = new Map((org.locations ?? []).map((l) => [l.id, l]));
  const entity = (id: string) => {
    const found = everyone.get(id);
    if (!found) throw new WebexApiError({ status: 404, message: 'Not found' });
    if (found.fails) throw new WebexApiError({ status: found.fails, message: `failed ${found.fails}`, trackingId: `TRACK-${id}` });
    return found;
  };
  const location = (id: string) => {
    const found = locations.get(id);
    if (!found) throw new WebexApiError({ status: 404, message: 'Location not found' });
    return found;
  };
  const pageSize = org.pageSize ?? 2;
  const api: Record<keyof AdminApi, sinon.SinonStub> = {
    findPeopleByEmail: sinon.stub().resolves([]),
    findPeopleByDisplayName: sinon.stub().resolves({ people: [], more: false }),
    getPerson: sinon.stub().callsFake(async (id: string) => ({ id, locationId: entity(id).locationId })),
    getTransferNumbers: sinon.stub().callsFake(async (id: string) => numbersBody(entity(id).custom, entity(id).numbers)),
    getOutgoingPermission: sinon.stub().callsFake(async (id: string) => permissionBody(entity(id).customPermissions, entity(id).permissions)),
    getLocation: sinon.stub().callsFake(async (id: string) => ({ id, name: location(id).name })),
    getLocationTransferNumbers: sinon.stub().callsFake(async (id: string) => numbersBody(true, location(id).numbers)),
    getLocationOutgoingPermission: sinon.stub().callsFake(async (id: string) => permissionBody(true, location(id).permissions)),
    findWorkspacesByDisplayName: sinon.stub().resolves({ workspaces: [], more: false }),
    getWorkspace: sinon.stub().callsFake(async (id: string) => ({ id, displayName: entity(id).name })),
    getWorkspaceTransferNumbers: sinon.stub().callsFake(async (id: string) => numbersBody(entity(id).custom, entity(id).numbers)),
    getWorkspaceOutgoingPermission: sinon.stub().callsFake(async (id: string) => permissionBody(entity(id).customPermissions, entity(id).permissions)),
    listCallingWorkspacePages: sinon.stub().callsFake(async function* () {
      if (org.workspaceListing) throw org.workspaceListing;
      const all = (org.workspaces ?? []).map((w) => ({ id: w.id, displayName: w.name, locationId: w.locationId, orgId: 'ORG' }));
      for (let i = 0; i < all.length; i += pageSize) yield all.slice(i, i + pageSize);
    }),
    listCallingPeople: sinon.stub().callsFake(async function* () {
      const all = org.people.map((p) => ({ id: p.id, displayName: p.name, emails: p.email ? [p.email] : [], orgId: 'ORG', locationId: p.locationId }));
      for (let i = 0; i < all.length; i += pageSize) {
        if (org.peopleListing && i > 0) throw org.peopleListing;
        yield all.slice(i, i + pageSize);
      }
    }),
  };
  return api;
}
