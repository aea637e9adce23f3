// Every /v1 route the emulator serves, by the name faults and the request log use. Routers register from this table,
// so a route cannot exist without a name.

// `query`: the query parameters the API reference defines for the operation (webex-messaging.json for
// People, Messages, Memberships, Rooms, Webhooks, Attachment Actions; the calling settings extracts for
// the person settings), plus `cursor` where Webex's own next-page links carry it. Any other parameter is
// refused with 400. The reference does not say what Webex does with one (it may ignore it, or answer
// as if the parameter meant something): the emulator is strict on purpose, so a test catches the bot
// sending one, as with `orgId` on Get Person Details.
export const ROUTES = {
  'people.me': { method: 'GET', path: '/people/me', query: ['callingData'] },
  'people.list': {
    method: 'GET',
    path: '/people',
    // showAllTypes is not listed for this operation, but Webex's own JS SDK sends it (people/?id=…), and Webex accepts it.
    query: ['email', 'displayName', 'id', 'orgId', 'roles', 'callingData', 'locationId', 'max', 'excludeStatus', 'cursor', 'showAllTypes'],
  },
  'people.get': { method: 'GET', path: '/people/:personId', query: ['callingData'] },
  'outgoingPermission.get': { method: 'GET', path: '/people/:personId/features/outgoingPermission', query: ['orgId'] },
  'transferNumbers.get': { method: 'GET', path: '/telephony/config/people/:personId/outgoingPermission/autoTransferNumbers', query: ['orgId'] },
  'transferNumbers.put': { method: 'PUT', path: '/telephony/config/people/:personId/outgoingPermission/autoTransferNumbers', query: ['orgId'] },
  // Locations (webex-device.json "Get Location Details") and their calling defaults (location call
  // settings: "Get Outgoing Permission Auto Transfer Number", "Get Location Outgoing Permission").
  'locations.get': { method: 'GET', path: '/locations/:locationId', query: ['orgId'] },
  'locationTransferNumbers.get': { method: 'GET', path: '/telephony/config/locations/:locationId/outgoingPermission/autoTransferNumbers', query: ['orgId'] },
  'locationOutgoingPermission.get': { method: 'GET', path: '/telephony/config/locations/:locationId/outgoingPermission', query: ['orgId'] },
  // Workspaces (webex-device.json "List Workspaces", "Get Workspace Details") and their calling settings
  // (workspace call settings). The reference has no /telephony/config/workspaces/… form of these.
  'workspaces.list': {
    method: 'GET',
    path: '/workspaces',
    query: [
      'orgId', 'locationId', 'workspaceLocationId', 'floorId', 'displayName', 'capacity', 'type', 'start', 'max', 'calling', 'supportedDevices',
      'calendar', 'deviceHostedMeetingsEnabled', 'devicePlatform', 'healthLevel', 'includeDevices', 'includeCapabilities', 'plannedMaintenance', 'customAttribute',
    ],
  },
  'workspaces.get': { method: 'GET', path: '/workspaces/:workspaceId', query: ['includeDevices', 'includeCapabilities'] },
  'workspaceOutgoingPermission.get': { method: 'GET', path: '/workspaces/:workspaceId/features/outgoingPermission', query: ['orgId'] },
  'workspaceTransferNumbers.get': { method: 'GET', path: '/workspaces/:workspaceId/features/outgoingPermission/autoTransferNumbers', query: ['orgId'] },
  'workspaceTransferNumbers.put': { method: 'PUT', path: '/workspaces/:workspaceId/features/outgoingPermission/autoTransferNumbers', query: ['orgId'] },
  'messages.create': { method: 'POST', path: '/messages', query: [] },
  'messages.list': { method: 'GET', path: '/messages', query: ['roomId', 'parentId', 'mentionedPeople', 'before', 'beforeMessage', 'max', 'cursor'] },
  'messages.get': { method: 'GET', path: '/messages/:messageId', query: [] },
  'messages.delete': { method: 'DELETE', path: '/messages/:messageId', query: [] },
  // A message's file, at the URL in its `files` (the Messages reference's "file attachment" guide).
  'contents.get': { method: 'GET', path: '/contents/:contentId', query: [] },
  'attachmentActions.create': { method: 'POST', path: '/attachment/actions', query: [] },
  'attachmentActions.get': { method: 'GET', path: '/attachment/actions/:actionId', query: [] },
  'rooms.list': { method: 'GET', path: '/rooms', query: ['teamId', 'type', 'orgPublicSpaces', 'from', 'to', 'sortBy', 'max', 'cursor'] },
  'rooms.get': { method: 'GET', path: '/rooms/:roomId', query: [] },
  'memberships.list': { method: 'GET', path: '/memberships', query: ['roomId', 'personId', 'personEmail', 'max', 'cursor'] },
  'memberships.create': { method: 'POST', path: '/memberships', query: [] },
  'memberships.get': { method: 'GET', path: '/memberships/:membershipId', query: [] },
  'memberships.delete': { method: 'DELETE', path: '/memberships/:membershipId', query: [] },
  'webhooks.list': { method: 'GET', path: '/webhooks', query: ['max', 'ownedBy', 'cursor'] },
  'webhooks.create': { method: 'POST', path: '/webhooks', query: [] },
  'webhooks.get': { method: 'GET', path: '/webhooks/:webhookId', query: [] },
  'webhooks.update': { method: 'PUT', path: '/webhooks/:webhookId', query: [] },
  'webhooks.delete': { method: 'DELETE', path: '/webhooks/:webhookId', query: [] },
  accessToken: { method: 'POST', path: '/access_token', query: [] },
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

/** Query parameters of `query` that the reference does not define for `route`. */
export function undefinedQueryParams(route: RouteName, query: string): string[] {
  const allowed: readonly string[] = ROUTES[route].query;
  return [...new Set([...new URLSearchParams(query).keys()])].filter((name) => !allowed.includes(name));
}
