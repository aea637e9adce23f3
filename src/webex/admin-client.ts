// Typed calls to the Webex endpoints this bot reads with its admin token. IDs are URL-encoded;
// each method takes an optional deadline that bounds its retries.
import type { WebexHttp, WebexResponse } from './http';
import { isWebexApiError } from './errors';
import { parseLinkNext } from './link-header';
import { PageGuard } from './page-guard';
import { toQueryString } from './query-string';
import { expectObject, expectPeopleList, expectPerson, expectIdentified, expectWorkspaceList } from './response-shape';
import type {
  WebexLocation,
  WebexLocationOutgoingPermission,
  WebexLocationTransferNumbers,
  WebexOutgoingPermission,
  WebexPeopleList,
  WebexPerson,
  TransferNumbersPatch,
  WebexTransferNumbers,
  WebexWorkspace,
} from './types';

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
  /** Told each time Webex answered 504 and the page size was halved. */
  onPageSizeReduced?: (change: { from: number; to: number }) => void;
  /** Most pages read before the listing fails. Default (and at most) MAX_LISTED_PEOPLE_PAGES. */
  maxPages?: number;
}

export const DEFAULT_DISPLAY_NAME_MAX = 10;
export const MAX_CALLING_PAGE_SIZE = 100;
/** The smallest page size a 504 halves `max` down to. */
export const MIN_CALLING_PAGE_SIZE = 10;
/**
 * Most people one listing reads: also the most transfer-number reads one reverse scan makes. Large
 * Webex Calling deployments are tens of thousands of users; a listing past this is Webex misbehaving.
 */
export const MAX_LISTED_PEOPLE = 100_000;
/**
 * Most pages one listing reads: MAX_LISTED_PEOPLE at the smallest page a 504 leaves (10 a page). At the
 * usual 100 a page the largest listing is 1,000 pages; this cap only ends a listing of endless pages.
 */
export const MAX_LISTED_PEOPLE_PAGES = Math.ceil(MAX_LISTED_PEOPLE / MIN_CALLING_PAGE_SIZE);

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
      // callingData: the person's locationId, whose numbers apply when theirs are not custom.
      query: { email, orgId: opts.orgId, callingData: true },
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
      query: { displayName: prefix, orgId: opts.orgId, callingData: true, max: max + 1 },
      route: 'people.list',
      deadline: opts.deadline,
    });
    const items = expectPeopleList(response, 'GET', '/people').items;
    const hasNextPage = parseLinkNext(response.headers.link) !== undefined;
    return { people: items.slice(0, max), more: items.length > max || hasNextPage };
  }

  /**
   * Get Person Details defines no orgId: a person ID names one person in whatever org they are.
   * callingData=true adds their locationId (and extension, numbers).
   */
  async getPerson(personId: string, opts: CallOptions = {}): Promise<WebexPerson> {
    const path = `/people/${pathSegment(personId)}`;
    const response = await this.http.request<unknown>({ method: 'GET', path, query: { callingData: true }, route: 'people.get', deadline: opts.deadline });
    return expectPerson(response, 'GET', '/people/{id}');
  }

  getTransferNumbers(personId: string, opts: OrgCallOptions = {}): Promise<WebexTransferNumbers> {
    return this.getSetting('/telephony/config/people/{id}/outgoingPermission/autoTransferNumbers', personId, 'telephony.transferNumbers.get', opts);
  }

  getOutgoingPermission(personId: string, opts: OrgCallOptions = {}): Promise<WebexOutgoingPermission> {
    return this.getSetting('/people/{id}/features/outgoingPermission', personId, 'people.outgoingPermission.get', opts);
  }

  /** "Get Location Details" (spark-admin:people_read is one of the scopes it accepts). */
  async getLocation(locationId: string, opts: OrgCallOptions = {}): Promise<WebexLocation> {
    const path = `/locations/${pathSegment(locationId)}`;
    const response = await this.http.request<unknown>({ method: 'GET', path, query: { orgId: opts.orgId }, route: 'locations.get', deadline: opts.deadline });
    return expectIdentified<WebexLocation>(response, 'GET', '/locations/{id}');
  }

  /** "Get Outgoing Permission Auto Transfer Number" of a location (spark-admin:telephony_config_read). */
  getLocationTransferNumbers(locationId: string, opts: OrgCallOptions = {}): Promise<WebexLocationTransferNumbers> {
    return this.getSetting('/telephony/config/locations/{id}/outgoingPermission/autoTransferNumbers', locationId, 'locations.transferNumbers.get', opts);
  }

  /** "Get Location Outgoing Permission" (spark-admin:telephony_config_read). */
  getLocationOutgoingPermission(locationId: string, opts: OrgCallOptions = {}): Promise<WebexLocationOutgoingPermission> {
    return this.getSetting('/telephony/config/locations/{id}/outgoingPermission', locationId, 'locations.outgoingPermission.get', opts);
  }

  /**
   * "List Workspaces" by display name, Webex Calling workspaces only (spark-admin:workspaces_read). The
   * reference does not say whether the name is matched whole or by its start: callers handle both.
   */
  async findWorkspacesByDisplayName(displayName: string, opts: DisplayNameSearchOptions = {}): Promise<{ workspaces: WebexWorkspace[]; more: boolean }> {
    const max = Math.max(1, Math.floor(opts.max ?? DEFAULT_DISPLAY_NAME_MAX));
    const response = await this.http.request<unknown>({
      method: 'GET',
      path: '/workspaces',
      query: { displayName, orgId: opts.orgId, calling: 'webexCalling', max: max + 1 },
      route: 'workspaces.list',
      deadline: opts.deadline,
    });
    const items = expectWorkspaceList(response, 'GET', '/workspaces').items;
    const hasNextPage = parseLinkNext(response.headers.link) !== undefined;
    return { workspaces: items.slice(0, max), more: items.length > max || hasNextPage };
  }

  /** One Webex Calling workspace, if there is any: what `npm run doctor` tries spark-admin:workspaces_read on. */
  async listCallingWorkspaces(opts: OrgCallOptions & { max?: number } = {}): Promise<WebexWorkspace[]> {
    const response = await this.http.request<unknown>({
      method: 'GET',
      path: '/workspaces',
      query: { orgId: opts.orgId, calling: 'webexCalling', max: opts.max ?? 1 },
      route: 'workspaces.list',
      deadline: opts.deadline,
    });
    return expectWorkspaceList(response, 'GET', '/workspaces').items;
  }

  /**
   * Pages of the Webex Calling workspaces ("List Workspaces" with calling=webexCalling, 100 a page),
   * through a PageGuard like the people listing. The reference pages List Workspaces with `start` and
   * declares no Link header: without a Link rel="next" the next page is asked for with `start` until a
   * page comes back empty (a short page may only mean Webex caps `max` lower); a Link, when Webex sends
   * one, is followed as it is.
   */
  async *listCallingWorkspacePages(opts: OrgCallOptions = {}): AsyncIterable<WebexWorkspace[]> {
    const pageSize = MAX_CALLING_PAGE_SIZE;
    const query = (start: number) => ({ calling: 'webexCalling', max: pageSize, orgId: opts.orgId, ...(start > 0 ? { start } : {}) });
    const first = { path: '/workspaces', query: query(0) };
    const guard = new PageGuard({ what: 'workspaces', maxItems: MAX_LISTED_PEOPLE, maxPages: MAX_LISTED_PEOPLE_PAGES, firstPage: first });
    let response = await this.http.request<unknown>({ method: 'GET', ...first, route: 'workspaces.list', deadline: opts.deadline });
    let start = 0;
    for (;;) {
      const items = expectWorkspaceList(response, 'GET', '/workspaces').items;
      guard.read(items.map((w) => w.id));
      if (items.length > 0) yield items;
      start += items.length;
      const link = parseLinkNext(response.headers.link);
      if (link) {
        response = await this.http.request<unknown>({ method: 'GET', path: guard.next(link), route: 'workspaces.list', deadline: opts.deadline });
        continue;
      }
      if (items.length === 0) return;
      const nextQuery = query(start);
      guard.next(`/workspaces?${toQueryString(nextQuery)}`);
      response = await this.http.request<unknown>({ method: 'GET', path: '/workspaces', query: nextQuery, route: 'workspaces.list', deadline: opts.deadline });
    }
  }

  /** "Get Workspace Details": defines no orgId, like Get Person Details. */
  async getWorkspace(workspaceId: string, opts: CallOptions = {}): Promise<WebexWorkspace> {
    const path = `/workspaces/${pathSegment(workspaceId)}`;
    const response = await this.http.request<unknown>({ method: 'GET', path, route: 'workspaces.get', deadline: opts.deadline });
    return expectIdentified<WebexWorkspace>(response, 'GET', '/workspaces/{id}');
  }

  /** "Retrieve Transfer Numbers Settings for a Workspace" (spark-admin:workspaces_read). */
  getWorkspaceTransferNumbers(workspaceId: string, opts: OrgCallOptions = {}): Promise<WebexTransferNumbers> {
    return this.getSetting('/workspaces/{id}/features/outgoingPermission/autoTransferNumbers', workspaceId, 'workspaces.transferNumbers.get', opts);
  }

  /** "Retrieve Outgoing Permission Settings for a Workspace" (spark-admin:workspaces_read). */
  getWorkspaceOutgoingPermission(workspaceId: string, opts: OrgCallOptions = {}): Promise<WebexOutgoingPermission> {
    return this.getSetting('/workspaces/{id}/features/outgoingPermission', workspaceId, 'workspaces.outgoingPermission.get', opts);
  }

  /**
   * "Modify Transfer Numbers for a Person" (spark-admin:telephony_config_write): 204 on success. The
   * body holds absolute values, so sending it again after a timeout or a 5xx changes nothing more: it
   * takes the usual retries.
   */
  setTransferNumbers(personId: string, patch: TransferNumbersPatch, opts: OrgCallOptions = {}): Promise<void> {
    return this.putSetting('/telephony/config/people/{id}/outgoingPermission/autoTransferNumbers', personId, patch, 'telephony.transferNumbers.put', opts);
  }

  /** "Modify Transfer Numbers Settings for a Workspace" (spark-admin:workspaces_write): as for a person. */
  setWorkspaceTransferNumbers(workspaceId: string, patch: TransferNumbersPatch, opts: OrgCallOptions = {}): Promise<void> {
    return this.putSetting('/workspaces/{id}/features/outgoingPermission/autoTransferNumbers', workspaceId, patch, 'workspaces.transferNumbers.put', opts);
  }

  private async putSetting(template: string, id: string, body: TransferNumbersPatch, route: string, opts: OrgCallOptions): Promise<void> {
    const path = template.replace('{id}', pathSegment(id));
    await this.http.request<unknown>({ method: 'PUT', path, query: { orgId: opts.orgId }, body, route, deadline: opts.deadline });
  }

  /** A calling setting: `template` names the path with {id}, and is what errors and logs show. */
  private async getSetting<T>(template: string, id: string, route: string, opts: OrgCallOptions): Promise<T> {
    const path = template.replace('{id}', pathSegment(id));
    const response = await this.http.request<unknown>({ method: 'GET', path, query: { orgId: opts.orgId }, route, deadline: opts.deadline });
    return expectObject<T>(response, 'GET', template);
  }

  /**
   * Pages of people with Calling data, following Link rel="next" until the last page (through a
   * PageGuard: no page twice, at most MAX_LISTED_PEOPLE people in MAX_LISTED_PEOPLE_PAGES pages).
   * List People (GET /people) answers 504 "Gateway Timeout: An upstream server failed to respond on
   * time. If your query uses max parameter, please try to reduce it.": on a 504 the page size is
   * halved, down to MIN_CALLING_PAGE_SIZE, and the same page (same cursor) is asked for again.
   */
  async *listCallingPeople(opts: CallingPeopleOptions = {}): AsyncIterable<WebexPerson[]> {
    let pageSize = Math.min(MAX_CALLING_PAGE_SIZE, Math.max(1, Math.floor(opts.pageSize ?? MAX_CALLING_PAGE_SIZE)));
    const first = { path: '/people', query: { callingData: true, max: pageSize, orgId: opts.orgId } };
    const guard = new PageGuard({ what: 'people', maxItems: MAX_LISTED_PEOPLE, maxPages: Math.min(MAX_LISTED_PEOPLE_PAGES, opts.maxPages ?? MAX_LISTED_PEOPLE_PAGES), firstPage: first });
    const read = async (page: { path: string; query?: Record<string, string | number | boolean | undefined> }): Promise<WebexResponse<unknown>> => {
      for (;;) {
        const path = page.query ? page.path : withMax(page.path, pageSize);
        const query = page.query ? { ...page.query, max: pageSize } : undefined; // keeps max where it was
        const smallest = pageSize <= MIN_CALLING_PAGE_SIZE;
        try {
          // A 504 is answered by a smaller page, not by asking for the same one again.
          return await this.http.request<unknown>({ method: 'GET', path, query, route: 'people.list', deadline: opts.deadline, mayRetry: (e) => smallest || e.status !== 504 });
        } catch (err) {
          if (!(isWebexApiError(err) && err.status === 504) || smallest) throw err;
          const from = pageSize;
          pageSize = Math.max(MIN_CALLING_PAGE_SIZE, Math.floor(pageSize / 2));
          opts.onPageSizeReduced?.({ from, to: pageSize });
        }
      }
    };
    let response = await read(first);
    for (;;) {
      const page: WebexPeopleList = expectPeopleList(response, 'GET', '/people');
      guard.read(page.items.map((person) => person.id));
      if (page.items.length > 0) yield page.items;
      const next = parseLinkNext(response.headers.link);
      if (!next) return;
      // The next link already carries every query parameter (max is set to the current page size).
      response = await read({ path: guard.next(next) });
    }
  }
}

/** A next-page link with its `max` set to `pageSize` (other parameters and the cursor kept). */
function withMax(link: string, pageSize: number): string {
  try {
    const url = new URL(link);
    if (url.searchParams.get('max') === String(pageSize)) return link;
    url.searchParams.set('max', String(pageSize));
    return url.toString();
  } catch {
    return link;
  }
}
