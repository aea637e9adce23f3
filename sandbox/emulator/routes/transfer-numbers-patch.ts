// The body of "Modify Transfer Numbers for a Person" and "Modify Transfer Numbers Settings for a
// Workspace" (schema TransferNumberPatch, the same in both references): useCustomTransferNumbers is
// required, each autoTransferNumberN is an optional string, and a field left out stays as it is.
import type { WebexTransferNumbers } from '../../../src/webex/types';
import { badRequest } from '../webex-error';

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
