// The few bot-token calls `npm run doctor` makes besides the admin client's: who the bot token
// belongs to, and whether the bot is in a space. (Webhooks are listed by webhook-registrar.ts.)
import type { WebexHttp } from './http';
import { expectPerson } from './response-shape';
import type { WebexPerson } from './types';

/** GET /people/me with the bot's token. */
export async function getTokenOwner(http: WebexHttp): Promise<WebexPerson> {
  const response = await http.request<unknown>({ method: 'GET', path: '/people/me', route: 'people.me' });
  return expectPerson(response, 'GET', '/people/me');
}

/** GET /memberships?roomId=…&personId=…: true when the person is a member of the room. */
export async function isMemberOf(http: WebexHttp, roomId: string, personId: string): Promise<boolean> {
  const response = await http.request<unknown>({ method: 'GET', path: '/memberships', query: { roomId, personId }, route: 'memberships.list' });
  const items = (response.data as { items?: unknown } | null)?.items;
  return Array.isArray(items) && items.length > 0;
}
