// Per-request facts the middleware chain shares: tracking id, route name, who is calling.
import type { Response } from 'express';
import type { Caller } from './access';
import type { RouteName } from './route-table';
import type { CallerRole } from './types';
import { EmulatorHttpError } from './webex-error';

export interface CallContext {
  trackingId: string;
  route: RouteName | 'unknown';
  role: CallerRole;
  caller?: Caller;
  /** Path below /v1, without the query. */
  path: string;
  query: string;
  startedAt: number;
}

const KEY = 'webexEmulatorCall';

export function setCallContext(res: Response, ctx: CallContext): void {
  res.locals[KEY] = ctx;
}

export function callContext(res: Response): CallContext {
  return res.locals[KEY] as CallContext;
}

/** The authenticated caller; routes only run after authentication, so a missing one is a wiring bug. */
export function callerOf(res: Response): Caller {
  const caller = callContext(res).caller;
  if (!caller) throw new EmulatorHttpError(401, 'The request requires a valid access token set in the Authorization request header.');
  return caller;
}
