// Minimal checks on 2xx bodies: enough that callers can rely on the fields they index, without
// rejecting the extra fields Webex adds over time.
import { WebexApiError } from './errors';
import type { WebexResponse } from './http';
import type { WebexPeopleList, WebexPerson, WebexWorkspace, WebexWorkspaceList } from './types';

const UNEXPECTED_BODY = 'Webex sent a response this bot cannot read';

function unexpected(response: WebexResponse<unknown>, method: string, path: string): WebexApiError {
  return new WebexApiError({ status: response.status, kind: 'http', message: UNEXPECTED_BODY, method, trackingId: response.headers.trackingid, path });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isPerson(value: unknown): value is WebexPerson {
  return isObject(value) && typeof value.id === 'string';
}

export function expectObject<T>(response: WebexResponse<unknown>, method: string, path: string): T {
  if (!isObject(response.data)) throw unexpected(response, method, path);
  return response.data as T;
}

export function expectPerson(response: WebexResponse<unknown>, method: string, path: string): WebexPerson {
  if (!isPerson(response.data)) throw unexpected(response, method, path);
  return response.data;
}

export function expectPeopleList(response: WebexResponse<unknown>, method: string, path: string): WebexPeopleList {
  const data = response.data;
  if (!isObject(data) || !Array.isArray(data.items) || !data.items.every(isPerson)) throw unexpected(response, method, path);
  return data as unknown as WebexPeopleList;
}

function isWorkspace(value: unknown): value is WebexWorkspace {
  return isObject(value) && typeof value.id === 'string';
}

/** An object with a string `id` (a workspace, a location). */
export function expectIdentified<T extends { id: string }>(response: WebexResponse<unknown>, method: string, path: string): T {
  if (!isObject(response.data) || typeof response.data.id !== 'string') throw unexpected(response, method, path);
  return response.data as T;
}

export function expectWorkspaceList(response: WebexResponse<unknown>, method: string, path: string): WebexWorkspaceList {
  const data = response.data;
  if (!isObject(data) || !Array.isArray(data.items) || !data.items.every(isWorkspace)) throw unexpected(response, method, path);
  return data as unknown as WebexWorkspaceList;
}
