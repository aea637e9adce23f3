// Workspaces (admin only): "List Workspaces" and "Get Workspace Details" (webex-device.json), and a
// workspace's calling settings, "Retrieve Transfer Numbers Settings for a Workspace" and "Retrieve
// Outgoing Permission Settings for a Workspace" (/workspaces/{workspaceId}/features/…), and the
// transfer numbers' PUT. A workspace
// without Webex Calling answers those 404.
import type { Request, Router } from 'express';
import type { WebexWorkspace } from '../../../src/webex/types';
import { requireAdmin } from '../access';
import { callerOf } from '../call-context';
import { parseMax, queryParam } from '../pagination';
import type { CallingSettings } from '../types';
import { badRequest, notFound } from '../webex-error';
import { WORKSPACES_WRITE } from '../tokens';
import { on, param, type RouteDeps } from './register';
import { transferNumbersPut } from './transfer-numbers-patch';

const CALLING_TYPES = ['freeCalling', 'hybridCalling', 'webexCalling', 'webexEdgeForDevices', 'thirdPartySipCalling', 'none'];

function view(workspace: WebexWorkspace): WebexWorkspace {
  return { ...workspace };
}

/**
 * One page by the `start` offset the reference defines. The reference declares no Link header for List
 * Workspaces (List Locations and List People declare one), so none is sent: clients ask for the next
 * page with `start`.
 */
function pageByStart<T>(req: Request, items: T[], max: number): T[] {
  const raw = queryParam(req, 'start') ?? '0';
  if (!/^\d+$/.test(raw)) throw badRequest('start must be an integer of 0 or more.');
  const start = Number(raw);
  return items.slice(start, start + max);
}

function settingsFor(req: Request, deps: RouteDeps, adminOrgId: string): CallingSettings {
  const workspace = deps.store.workspaces.get(param(req, 'workspaceId'));
  const orgId = queryParam(req, 'orgId') ?? adminOrgId;
  if (!workspace || workspace.orgId !== orgId) throw notFound('Workspace not found.');
  const settings = deps.store.calling.get(workspace.id);
  if (!settings) throw notFound('Workspace is not a Webex Calling workspace.');
  return settings;
}

export function workspaceRoutes(router: Router, deps: RouteDeps): void {
  on(router, 'workspaces.list', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    const orgId = queryParam(req, 'orgId') ?? caller.person.orgId;
    const displayName = queryParam(req, 'displayName')?.toLowerCase();
    const calling = queryParam(req, 'calling');
    if (calling !== undefined && !CALLING_TYPES.includes(calling)) throw badRequest(`calling must be one of ${CALLING_TYPES.join(', ')}.`);
    const max = parseMax(req, 100, 1000);
    // UNCONFIRMED: the reference says "List workspaces by display name" without saying how it matches;
    // the emulator matches the start of the name, case-insensitively, as People does.
    const found = [...deps.store.workspaces.values()].filter(
      (w) => w.orgId === orgId && (!displayName || (w.displayName ?? '').toLowerCase().startsWith(displayName)) && (!calling || w.calling?.type === calling),
    );
    res.json({ items: pageByStart(req, found, max).map(view) });
  });

  on(router, 'workspaces.get', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    const workspace = deps.store.workspaces.get(param(req, 'workspaceId'));
    if (!workspace) throw notFound('Workspace not found.');
    res.json(view(workspace));
  });

  on(router, 'workspaceTransferNumbers.get', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    res.json(settingsFor(req, deps, caller.person.orgId).transferNumbers);
  });

  // "Modify Transfer Numbers Settings for a Workspace" (spark-admin:workspaces_write): 204, fields left out unchanged.
  on(router, 'workspaceTransferNumbers.put', transferNumbersPut(deps, WORKSPACES_WRITE, (req, orgId) => settingsFor(req, deps, orgId)));

  on(router, 'workspaceOutgoingPermission.get', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    res.json(settingsFor(req, deps, caller.person.orgId).outgoingPermission);
  });
}
