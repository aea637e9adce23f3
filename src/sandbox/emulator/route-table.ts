// Every /v1 route the emulator serves, by the name faults and the request log use. Routers register from this table,
// so a route cannot exist without a name.

export const ROUTES = {
  'people.me': { method: 'GET', path: '/people/me' },
  'people.list': { method: 'GET', path: '/people' },
  'people.get': { method: 'GET', path: '/people/:personId' },
  'outgoingPermission.get': { method: 'GET', path: '/people/:personId/features/outgoingPermission' },
  'transferNumbers.get': { method: 'GET', path: '/telephony/config/people/:personId/outgoingPermission/autoTransferNumbers' },
  'transferNumbers.put': { method: 'PUT', path: '/telephony/config/people/:personId/outgoingPermission/autoTransferNumbers' },
  'messages.create': { method: 'POST', path: '/messages' },
  'messages.list': { method: 'GET', path: '/messages' },
  'messages.get': { method: 'GET', path: '/messages/:messageId' },
  'messages.delete': { method: 'DELETE', path: '/messages/:messageId' },
  'attachmentActions.create': { method: 'POST', path: '/attachment/actions' },
  'attachmentActions.get': { method: 'GET', path: '/attachment/actions/:actionId' },
  'rooms.list': { method: 'GET', path: '/rooms' },
  'rooms.get': { method: 'GET', path: '/rooms/:roomId' },
  'memberships.list': { method: 'GET', path: '/memberships' },
  'memberships.create': { method: 'POST', path: '/memberships' },
  'memberships.get': { method: 'GET', path: '/memberships/:membershipId' },
  'memberships.delete': { method: 'DELETE', path: '/memberships/:membershipId' },
  'webhooks.list': { method: 'GET', path: '/webhooks' },
  'webhooks.create': { method: 'POST', path: '/webhooks' },
  'webhooks.get': { method: 'GET', path: '/webhooks/:webhookId' },
  'webhooks.update': { method: 'PUT', path: '/webhooks/:webhookId' },
  'webhooks.delete': { method: 'DELETE', path: '/webhooks/:webhookId' },
  accessToken: { method: 'POST', path: '/access_token' },
} as const;

export type RouteName = keyof typeof ROUTES;

const MATCHERS = (Object.keys(ROUTES) as RouteName[]).map((name) => ({
  name,
  method: ROUTES[name].method,
  pattern: new RegExp(`^${ROUTES[name].path.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
}));

/** Strips trailing slashes: the SDK asks for `people/?id=` and `webhooks/`. */
export function normalizePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export function resolveRoute(method: string, path: string): RouteName | undefined {
  const normalized = normalizePath(path);
  return MATCHERS.find((m) => m.method === method.toUpperCase() && m.pattern.test(normalized))?.name;
}
