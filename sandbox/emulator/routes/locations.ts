// Locations and the calling defaults of everyone there without custom settings (admin only):
// "Get Location Details" (GET /locations/{locationId}, webex-device.json), "Get Outgoing Permission Auto
// Transfer Number" and "Get Location Outgoing Permission" (/telephony/config/locations/{locationId}/…,
// location call settings). `orgId` reaches another org (partners); the token's own org otherwise.
import type { Request, Router } from 'express';
import { requireAdmin } from '../access';
import { callerOf } from '../call-context';
import { queryParam } from '../pagination';
import { compact } from '../presenters';
import { callingPermissions } from '../seed';
import type { SeedLocation } from '../types';
import { notFound } from '../webex-error';
import { on, param, type RouteDeps } from './register';


function locationFor(req: Request, deps: RouteDeps, adminOrgId: string): SeedLocation {
  const location = deps.store.locations.get(param(req, 'locationId'));
  const orgId = queryParam(req, 'orgId') ?? adminOrgId;
  if (!location || location.orgId !== orgId) throw notFound('Location not found.');
  return location;
}

export function locationRoutes(router: Router, deps: RouteDeps): void {
  on(router, 'locations.get', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    const location = locationFor(req, deps, caller.person.orgId);
    // The reference's example answers with `name` (its schema, shared with workspace locations, says displayName).
    res.json(compact({ id: location.id, name: location.name, orgId: location.orgId }));
  });

  on(router, 'locationTransferNumbers.get', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    // The reference's schema has three optional strings: a number not set is left out.
    res.json(locationFor(req, deps, caller.person.orgId).transferNumbers ?? {});
  });

  on(router, 'locationOutgoingPermission.get', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    res.json(locationFor(req, deps, caller.person.orgId).outgoingPermission ?? { callingPermissions: callingPermissions() });
  });
}
