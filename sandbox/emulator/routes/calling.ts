// Webex Calling settings of a person (admin only): auto transfer numbers (GET/PUT) and outgoing calling
// permissions. A person without Webex Calling answers 404 with errorCode 4008.
import type { Request, Router } from 'express';
import { requireAdmin } from '../access';
import { callerOf } from '../call-context';
import { queryParam } from '../pagination';
import type { CallingSettings } from '../types';
import { TELEPHONY_CONFIG_WRITE } from '../tokens';
import { EmulatorHttpError, notFound } from '../webex-error';
import { on, param, type RouteDeps } from './register';
import { transferNumbersPut } from './transfer-numbers-patch';

export const NO_CALLING_ERROR_CODE = 4008;

function settingsFor(req: Request, deps: RouteDeps, adminOrgId: string): CallingSettings {
  const person = deps.store.people.get(param(req, 'personId'));
  // orgId lets a partner admin reach another org; without it only the token's own org is searched.
  const orgId = queryParam(req, 'orgId') ?? adminOrgId;
  if (!person || person.orgId !== orgId) throw notFound('Person not found.');
  const settings = deps.store.calling.get(person.id);
  if (!settings) throw new EmulatorHttpError(404, 'User is not a Webex Calling user.', NO_CALLING_ERROR_CODE);
  return settings;
}

export function callingRoutes(router: Router, deps: RouteDeps): void {
  on(router, 'transferNumbers.get', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    res.json(settingsFor(req, deps, caller.person.orgId).transferNumbers);
  });

  on(router, 'transferNumbers.put', transferNumbersPut(deps, TELEPHONY_CONFIG_WRITE, (req, orgId) => settingsFor(req, deps, orgId)));

  on(router, 'outgoingPermission.get', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    res.json(settingsFor(req, deps, caller.person.orgId).outgoingPermission);
  });
}
