// The caller's own webhooks: list, create, get, update, delete.
import type { Router } from 'express';
import type { Caller } from '../access';
import { callerOf } from '../call-context';
import { newHydraId, stableHydraId } from '../ids';
import { paginate, parseMax } from '../pagination';
import { webhookView } from '../presenters';
import type { EmulatorStore } from '../store';
import type { WebhookRecord } from '../types';
import { badRequest, notFound } from '../webex-error';
import { on, param, type RouteDeps } from './register';

const RESOURCES = ['all', 'attachmentActions', 'memberships', 'messages', 'rooms', 'meetings', 'recordings', 'meetingParticipants', 'meetingTranscripts', 'telephony_calls'];
const EVENTS = ['all', 'created', 'updated', 'deleted', 'started', 'ended', 'joined', 'left', 'migrated'];

function requiredString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${key} is required.`);
  return value;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${key} must be a string.`);
  return value === '' ? undefined : value;
}

function checkTargetUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('targetUrl must be an absolute http(s) URL.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badRequest('targetUrl must be an absolute http(s) URL.');
  return url;
}

function bodyOf(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('The request body must be a JSON object.');
  return raw as Record<string, unknown>;
}

function ownHook(store: EmulatorStore, caller: Caller, id: string): WebhookRecord {
  const hook = store.webhooks.get(id);
  if (!hook || hook.ownerId !== caller.person.id) throw notFound('Could not find a webhook with provided ID.');
  return hook;
}

export function webhookRoutes(router: Router, { store }: RouteDeps, now: () => string): void {
  on(router, 'webhooks.list', (req, res) => {
    const caller = callerOf(res);
    const max = parseMax(req, 100, 1000);
    const hooks = [...store.webhooks.values()].filter((h) => h.ownerId === caller.person.id);
    res.json({ items: paginate(req, res, hooks, max).map(webhookView) });
  });

  on(router, 'webhooks.create', (req, res) => {
    const caller = callerOf(res);
    const body = bodyOf(req.body);
    const resource = requiredString(body, 'resource');
    const event = requiredString(body, 'event');
    if (!RESOURCES.includes(resource)) throw badRequest(`Unsupported resource '${resource}'.`);
    if (!EVENTS.includes(event)) throw badRequest(`Unsupported event '${event}'.`);
    if ((resource === 'all') !== (event === 'all')) throw badRequest("resource 'all' goes with event 'all' only.");
    const hook: WebhookRecord = {
      id: newHydraId('WEBHOOK'),
      name: requiredString(body, 'name'),
      targetUrl: checkTargetUrl(requiredString(body, 'targetUrl')),
      resource,
      event,
      filter: optionalString(body, 'filter'),
      secret: optionalString(body, 'secret'),
      status: 'active',
      created: now(),
      ownerId: caller.person.id,
      orgId: caller.person.orgId,
      appId: stableHydraId('APPLICATION', caller.person.type === 'bot' ? caller.person.emails[0] : 'webex-client'),
    };
    store.webhooks.set(hook.id, hook);
    res.json(webhookView(hook));
  });

  on(router, 'webhooks.get', (req, res) => {
    res.json(webhookView(ownHook(store, callerOf(res), param(req, 'webhookId'))));
  });

  on(router, 'webhooks.update', (req, res) => {
    const hook = ownHook(store, callerOf(res), param(req, 'webhookId'));
    const body = bodyOf(req.body);
    const status = optionalString(body, 'status');
    if (status !== undefined && status !== 'active' && status !== 'inactive') throw badRequest("status must be 'active' or 'inactive'.");
    hook.name = requiredString(body, 'name');
    hook.targetUrl = checkTargetUrl(requiredString(body, 'targetUrl'));
    if ('secret' in body) hook.secret = optionalString(body, 'secret');
    if (status) hook.status = status;
    res.json(webhookView(hook));
  });

  on(router, 'webhooks.delete', (req, res) => {
    const hook = ownHook(store, callerOf(res), param(req, 'webhookId'));
    store.webhooks.delete(hook.id);
    res.status(204).end();
  });
}
