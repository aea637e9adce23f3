// The body of "Modify Transfer Numbers for a Person" and "Modify Transfer Numbers Settings for a
// Workspace" (schema TransferNumberPatch, the same in both references): useCustomTransferNumbers is
// required, each autoTransferNumberN is an optional string, and a field left out stays as it is.
import type { Request } from 'express';
import type { WebexTransferNumbers } from '../../../src/webex/types';
import { requireAdmin } from '../access';
import { callerOf } from '../call-context';
import type { CallingSettings } from '../types';
import { badRequest } from '../webex-error';
import type { RouteDeps, RouteHandler } from './register';

const NUMBER_KEYS = ['autoTransferNumber1', 'autoTransferNumber2', 'autoTransferNumber3'] as const;

export function parseTransferNumberPatch(raw: unknown): Partial<WebexTransferNumbers> & { useCustomTransferNumbers: boolean } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('The request body must be a JSON object.');
  const body = raw as Record<string, unknown>;
  if (typeof body.useCustomTransferNumbers !== 'boolean') throw badRequest('useCustomTransferNumbers is required and must be a boolean.');
  const update: Partial<WebexTransferNumbers> & { useCustomTransferNumbers: boolean } = { useCustomTransferNumbers: body.useCustomTransferNumbers };
  for (const key of NUMBER_KEYS) {
    const value = body[key];
    if (value === undefined) continue;
    // UNCONFIRMED: the reference types the numbers as strings without a format; the emulator refuses what
    // is not digits (with an optional +) so a client that sends formatting fails here, not in production.
    if (typeof value !== 'string' || (value !== '' && !/^\+?[0-9]{2,20}$/.test(value))) {
      throw badRequest(`${key} must be a phone number, or "" to clear it.`);
    }
    // "" clears the number; the GET then reports it as unset.
    update[key] = value === '' ? null : value;
  }
  return update;
}

/**
 * The PUT of a person's or a workspace's numbers: admins only, 403 without `scope` (before the ID or
 * the body is looked at), 400 for a bad body, then the fields sent replace those stored; 204.
 */
export function transferNumbersPut(deps: RouteDeps, scope: string, settingsOf: (req: Request, adminOrgId: string) => CallingSettings): RouteHandler {
  return (req, res) => {
    const caller = callerOf(res);
    requireAdmin(caller);
    deps.tokens.requireScope(caller, scope);
    const patch = parseTransferNumberPatch(req.body);
    const settings = settingsOf(req, caller.person.orgId);
    settings.transferNumbers = { ...settings.transferNumbers, ...patch };
    res.status(204).end();
  };
}
