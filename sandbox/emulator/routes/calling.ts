// Webex Calling settings of a person (admin only): auto transfer numbers (GET/PUT) and outgoing calling
// permissions. A person without Webex Calling answers 404 with errorCode 4008.
import type { Request, Router } from 'express';
import type { WebexTransferNumbers } from '../../../src/webex/types';
import { requireAdmin } from '../access';
import { callerOf } from '../call-context';
import { queryParam } from '../pagination';
import type { CallingSettings } from '../types';
import { badRequest, EmulatorHttpError, notFound } from '../webex-error';
import { on, param, type RouteDeps } from './register';

export const NO_CALLING_ERROR_CODE = 4008;

const NUMBER_KEYS = ['autoTransferNumber1', 'autoTransferNumber2', 'autoTransferNumber3'] as const;

function settingsFor(req: Request, deps: RouteDeps, adminOrgId: string): CallingSettings {
  const person = deps.store.people.get(param(req, 'personId'));
  // orgId lets a partner admin reach another org; without it only the token's own org is searched.
  const orgId = queryParam(req, 'orgId') ?? adminOrgId;
  if (!person || person.orgId !== orgId) throw notFound('Person not found.');
  const settings = deps.store.calling.get(person.id);
  if (!settings) throw new EmulatorHttpError(404, 'User is not a Webex Calling user.', NO_CALLING_ERROR_CODE);
  return settings;
}

function parseTransferNumbersPut(raw: unknown): Partial<WebexTransferNumbers> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('The request body must be a JSON object.');
  const body = raw as Record<string, unknown>;
  const update: Partial<WebexTransferNumbers> = {};
  if (body.useCustomTransferNumbers !== undefined) {
    if (typeof body.useCustomTransferNumbers !== 'boolean') throw badRequest('useCustomTransferNumbers must be a boolean.');
    update.useCustomTransferNumbers = body.useCustomTransferNumbers;
  }
  for (const key of NUMBER_KEYS) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || (value !== '' && !/^\+?[0-9]{2,20}$/.test(value))) {
      throw badRequest(`${key} must be a phone number, or "" to clear it.`);
    }
    // "" clears the number; Webex then reports it as unset.
    update[key] = value === '' ? null : value;
  }
  return update;
}

export function callingRoutes(router: Router, deps: RouteDeps): void {
  on(router, 'transferNumbers.get', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    res.json(settingsFor(req, deps, caller.person.orgId).transferNumbers);
  });

  on(router, 'transferNumbers.put', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    const settings = settingsFor(req, deps, caller.person.orgId);
    settings.transferNumbers = { ...settings.transferNumbers, ...parseTransferNumbersPut(req.body) };
    res.status(204).end();
  });

  on(router, 'outgoingPermission.get', (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    res.json(settingsFor(req, deps, caller.person.orgId).outgoingPermission);
  });
}
