// Typed calls to the Webex endpoints this bot reads with its admin token. IDs are URL-encoded;
// each method takes an optional deadline that bounds its retries.
import type { WebexHttp, WebexResponse } from './http';
import { parseLinkNext } from './link-header';
import { expectObject, expectPeopleList, expectPerson } from './response-shape';
import type { WebexOutgoingPermission, WebexPeopleList, WebexPerson, WebexTransferNumbers } from './types';

export interface CallOptions {
  /** Epoch ms; see WebexRequest.deadline. */
  deadline?: number;
}

export interface OrgCallOptions extends CallOptions {
  /** Only for admins of another org (partners); the token's own org otherwise. */
  orgId?: string;
}

export interface DisplayNameSearchOptions extends OrgCallOptions {
  /** Most people returned. Default 10. */
  max?: number;
}

export interface CallingPeopleOptions extends OrgCallOptions {
  /** People per page, 1..100 (Webex's limit with callingData). Default 100. */
  pageSize?: number;
}

export const DEFAULT_DISPLAY_NAME_MAX = 10;
export const MAX_CALLING_PAGE_SIZE = 100;

const pathSegment = encodeURIComponent;

export class WebexAdminClient {
  constructor(private readonly http: WebexHttp) {}

  async getMe(opts: CallOptions = {}): Promise<WebexPerson> {
    const response = await this.http.request<unknown>({ method: 'GET', path: '/people/me', route: 'people.me', deadline: opts.deadline });
    return expectPerson(response, 'GET', '/people/me');
  }

  async findPeopleByEmail(email: string, opts: OrgCallOptions = {}): Promise<WebexPerson[]> {
    const response = await this.http.request<unknown>({
      method: 'GET',
      path: '/people',
      query: { email, orgId: opts.orgId },
      route: 'people.list',
      deadline: opts.deadline,
    });
    return expectPeopleList(response, 'GET', '/people').items;
  }

  /** Webex matches display names by prefix. `more` is true when there are more than `max` matches. */
  async findPeopleByDisplayName(prefix: string, opts: DisplayNameSearchOptions = {}): Promise<{ people: WebexPerson[]; more: boolean }> {
    const max = Math.max(1, Math.floor(opts.max ?? DEFAULT_DISPLAY_NAME_MAX));
    // Asking for one extra tells "exactly max" apart from "more than max".
    const response = await this.http.request<unknown>({
      method: 'GET',
      path: '/people',
      query: { displayName: prefix, orgId: opts.orgId, max: max + 1 },
      route: 'people.list',
      deadline: opts.deadline,
    });
    const items = expectPeopleList(response, 'GET', '/people').items;
    const hasNextPage = parseLinkNext(response.headers.link) !== undefined;
    return { people: items.slice(0, max), more: items.length > max || hasNextPage };
  }

  async getPerson(personId: string, opts: OrgCallOptions = {}): Promise<WebexPerson> {
    const path = `/people/${pathSegment(personId)}`;
    const response = await this.http.request<unknown>({ method: 'GET', path, query: { orgId: opts.orgId }, route: 'people.get', deadline: opts.deadline });
    return expectPerson(response, 'GET', '/people/{id}');
  }

  getTransferNumbers(personId: string, opts: OrgCallOptions = {}): Promise<WebexTransferNumbers> {
    return this.getPersonSetting('/telephony/config/people/{id}/outgoingPermission/autoTransferNumbers', personId, 'telephony.transferNumbers.get', opts);
  }

  getOutgoingPermission(personId: string, opts: OrgCallOptions = {}): Promise<WebexOutgoingPermission> {
    return this.getPersonSetting('/people/{id}/features/outgoingPermission', personId, 'people.outgoingPermission.get', opts);
  }

  /** A person's calling setting: `template` names the path with {id}, and is what errors and logs show. */
  private async getPersonSetting<T>(template: string, personId: string, route: string, opts: OrgCallOptions): Promise<T> {
    const path = template.replace('{id}', pathSegment(personId));
    const response = await this.http.request<unknown>({ method: 'GET', path, query: { orgId: opts.orgId }, route, deadline: opts.deadline });
    return expectObject<T>(response, 'GET', template);
  }

  /** Pages of people with Calling data, following Link rel="next" until the last page. */
  async *listCallingPeople(opts: CallingPeopleOptions = {}): AsyncIterable<WebexPerson[]> {
    const pageSize = Math.min(MAX_CALLING_PAGE_SIZE, Math.max(1, Math.floor(opts.pageSize ?? MAX_CALLING_PAGE_SIZE)));
    let response: WebexResponse<unknown> = await this.http.request<unknown>({
      method: 'GET',
      path: '/people',
      query: { callingData: true, max: pageSize, orgId: opts.orgId },
      route: 'people.list',
      deadline: opts.deadline,
    });
    for (;;) {
      const page: WebexPeopleList = expectPeopleList(response, 'GET', '/people');
      if (page.items.length > 0) yield page.items;
      const next = parseLinkNext(response.headers.link);
      if (!next) return;
      // The next link already carries every query parameter.
      response = await this.http.request<unknown>({ method: 'GET', path: next, route: 'people.list', deadline: opts.deadline });
    }
  }
}
