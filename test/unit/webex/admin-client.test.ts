import { strict as assert } from 'node:assert';
import { MAX_LISTED_PEOPLE, MAX_LISTED_PEOPLE_PAGES, MIN_CALLING_PAGE_SIZE, WebexAdminClient } from '../../../src/webex/admin-client';
import { type FakeWebex, startFakeWebex } from './support/fake-webex-server';
import { createTestHttp } from './support/test-http';
import { caught } from '../../helpers/caught';

const PERSON_ID = 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xMjM0NTY3OC1hYmNk';

function person(n: number) {
  return { id: `${PERSON_ID}${n}`, emails: [`p${n}@example.com`], displayName: `Person ${n}`, orgId: 'ORG' };
}

function webexErrorBody(status: number) {
  return { message: `Message for ${status}`, errors: [{ description: `Description for ${status}`, errorCode: 4000 + status }], trackingId: `BODY_${status}` };
}


describe('webex/admin-client WebexAdminClient', () => {
  let server: FakeWebex;

  beforeEach(async () => {
    server = await startFakeWebex();
  });

  afterEach(() => server.close());

  function client(overrides: Parameters<typeof createTestHttp>[1] = {}) {
    const testHttp = createTestHttp(server.baseUrl, overrides);
    return { admin: new WebexAdminClient(testHttp.http), sleeps: testHttp.sleeps };
  }

  describe('successful calls', () => {
    it('getMe reads /people/me with the bearer token', async () => {
      server.script(() => ({ status: 200, json: person(1) }));
      assert.deepEqual(await client().admin.getMe(), person(1));
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0].method, 'GET');
      assert.equal(server.requests[0].url, '/v1/people/me');
      assert.equal(server.requests[0].headers.authorization, 'Bearer test-token');
      assert.equal(server.requests[0].headers.accept, 'application/json');
    });

    it('findPeopleByEmail sends the email and orgId as query parameters', async () => {
      server.script(() => ({ status: 200, json: { items: [person(1)], notFoundIds: null } }));
      const people = await client().admin.findPeopleByEmail('alice+help@example.com', { orgId: 'PARTNER_ORG' });
      assert.deepEqual(people, [person(1)]);
      assert.equal(server.requests[0].url, '/v1/people?email=alice%2Bhelp%40example.com&orgId=PARTNER_ORG&callingData=true');
    });

    it('findPeopleByEmail leaves orgId out when not given and returns [] for no match', async () => {
      server.script(() => ({ status: 200, json: { items: [] } }));
      assert.deepEqual(await client().admin.findPeopleByEmail('nobody@example.com'), []);
      assert.equal(server.requests[0].url, '/v1/people?email=nobody%40example.com&callingData=true');
    });

    it('findPeopleByDisplayName asks for one more than max and reports more', async () => {
      server.script(() => ({ status: 200, json: { items: [person(1), person(2), person(3), person(4)] } }));
      const result = await client().admin.findPeopleByDisplayName('Ali ce', { max: 3 });
      assert.deepEqual(result, { people: [person(1), person(2), person(3)], more: true });
      assert.equal(server.requests[0].url, '/v1/people?displayName=Ali%20ce&callingData=true&max=4');
    });

    it('findPeopleByDisplayName says no more when everything fits', async () => {
      server.script(() => ({ status: 200, json: { items: [person(1), person(2), person(3)] } }));
      assert.deepEqual(await client().admin.findPeopleByDisplayName('P', { max: 3 }), { people: [person(1), person(2), person(3)], more: false });
      assert.equal(server.requests[0].url, '/v1/people?displayName=P&callingData=true&max=4');
    });

    it('findPeopleByDisplayName reports more when Webex links a next page, and defaults max to 10', async () => {
      server.script(() => ({ status: 200, json: { items: [person(1)] }, headers: { Link: `<${server.baseUrl}/people?cursor=abc>; rel="next"` } }));
      assert.deepEqual(await client().admin.findPeopleByDisplayName('P', { orgId: 'O' }), { people: [person(1)], more: true });
      assert.equal(server.requests[0].url, '/v1/people?displayName=P&orgId=O&callingData=true&max=11');
    });

    it('getPerson encodes the ID as one path segment, asks for calling data (the location), and sends no orgId (Get Person Details defines none)', async () => {
      server.script(() => ({ status: 200, json: person(1) }));
      await client().admin.getPerson('a/b+c=?#', { orgId: 'O' } as { deadline?: number });
      assert.equal(server.requests[0].url, '/v1/people/a%2Fb%2Bc%3D%3F%23?callingData=true');
    });

    it('getTransferNumbers reads the Calling path and returns the body as Webex sent it', async () => {
      const body = { useCustomTransferNumbers: true, autoTransferNumber1: '+1205553650', autoTransferNumber2: null, autoTransferNumber3: '' };
      server.script(() => ({ status: 200, json: body }));
      assert.deepEqual(await client().admin.getTransferNumbers(PERSON_ID), body);
      assert.equal(server.requests[0].url, `/v1/telephony/config/people/${PERSON_ID}/outgoingPermission/autoTransferNumbers`);
    });

    it('getTransferNumbers passes orgId', async () => {
      server.script(() => ({ status: 200, json: { useCustomTransferNumbers: false } }));
      assert.deepEqual(await client().admin.getTransferNumbers('p/1', { orgId: 'PARTNER' }), { useCustomTransferNumbers: false });
      assert.equal(server.requests[0].url, '/v1/telephony/config/people/p%2F1/outgoingPermission/autoTransferNumbers?orgId=PARTNER');
    });

    it('getOutgoingPermission reads the person features path', async () => {
      const body = {
        useCustomEnabled: true,
        useCustomPermissions: true,
        callingPermissions: [{ callType: 'INTERNATIONAL', action: 'TRANSFER_NUMBER_2', transferEnabled: true, isCallTypeRestrictionEnabled: false }],
      };
      server.script(() => ({ status: 200, json: body }));
      assert.deepEqual(await client().admin.getOutgoingPermission(PERSON_ID, { orgId: 'O' }), body);
      assert.equal(server.requests[0].url, `/v1/people/${PERSON_ID}/features/outgoingPermission?orgId=O`);
    });

    it('listCallingWorkspacePages asks for the next page with start when a page has no Link (as the reference pages it), until one comes back empty', async () => {
      const workspace = (n: number) => ({ id: `W${n}`, displayName: `Room ${n}`, orgId: 'ORG' });
      server.script((req) => {
        const start = Number(new URL(req.url, 'http://x').searchParams.get('start') ?? '0');
        const all = Array.from({ length: 230 }, (_, i) => workspace(i));
        return { status: 200, json: { items: all.slice(start, start + 100) } };
      });
      const pages: number[] = [];
      for await (const page of client().admin.listCallingWorkspacePages({ orgId: 'O' })) pages.push(page.length);
      assert.deepEqual(pages, [100, 100, 30]);
      assert.deepEqual(
        server.requests.map((r) => r.url),
        [
          '/v1/workspaces?calling=webexCalling&max=100&orgId=O',
          '/v1/workspaces?calling=webexCalling&max=100&orgId=O&start=100',
          '/v1/workspaces?calling=webexCalling&max=100&orgId=O&start=200',
          '/v1/workspaces?calling=webexCalling&max=100&orgId=O&start=230',
        ],
      );
    });

    it('listCallingWorkspacePages follows a Link rel="next" when Webex sends one, and stops a listing that repeats itself', async () => {
      server.script(() => ({ status: 200, json: { items: [{ id: 'W1' }] }, headers: { Link: `<${server.baseUrl}/workspaces?calling=webexCalling&cursor=1>; rel="next"` } }));
      const error = await caught(
        (async () => {
          for await (const page of client().admin.listCallingWorkspacePages()) void page;
        })(),
      );
      assert.match(String((error as Error).message), /same pages of workspaces/);
    });

    it('listCallingPeople follows Link rel="next" to the last page', async () => {
      server.script((req) => {
        if (req.url.includes('cursor=2')) return { status: 200, json: { items: [person(3)] } };
        if (req.url.includes('cursor=1')) {
          return { status: 200, json: { items: [person(2)] }, headers: { Link: `<${server.baseUrl}/people?callingData=true&max=1&cursor=2>; rel="next"` } };
        }
        return { status: 200, json: { items: [person(1)] }, headers: { Link: `<${server.baseUrl}/people?callingData=true&max=1&cursor=1>; rel="next"` } };
      });
      const pages = [];
      for await (const page of client().admin.listCallingPeople({ pageSize: 1, orgId: 'O' })) pages.push(page);
      assert.deepEqual(pages, [[person(1)], [person(2)], [person(3)]]);
      assert.deepEqual(
        server.requests.map((req) => req.url),
        ['/v1/people?callingData=true&max=1&orgId=O', '/v1/people?callingData=true&max=1&cursor=1', '/v1/people?callingData=true&max=1&cursor=2'],
      );
      assert.ok(server.requests.every((req) => req.headers.authorization === 'Bearer test-token'));
    });

    it('listCallingPeople caps the page size at 100 and skips empty pages', async () => {
      server.script(() => ({ status: 200, json: { items: [] } }));
      const pages = [];
      for await (const page of client().admin.listCallingPeople({ pageSize: 500 })) pages.push(page);
      assert.deepEqual(pages, []);
      assert.equal(server.requests[0].url, '/v1/people?callingData=true&max=100');
    });

    it('listCallingPeople refuses a next link to another host, without calling it', async () => {
      server.script(() => ({ status: 200, json: { items: [person(1)] }, headers: { Link: '<https://attacker.example/v1/people?cursor=1>; rel="next"' } }));
      const pages = [];
      const error = await caught(
        (async () => {
          for await (const page of client().admin.listCallingPeople()) pages.push(page);
        })(),
      );
      assert.equal(error.message, 'Webex pointed to a next page outside the Webex API; it was not followed');
      assert.equal(pages.length, 1);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('listCallingPeople when paging goes wrong', () => {
    async function listAll(admin = client().admin): Promise<{ pages: number; error: Awaited<ReturnType<typeof caught>> }> {
      let pages = 0;
      const error = await caught(
        (async () => {
          for await (const _page of admin.listCallingPeople()) pages++;
        })(),
      );
      return { pages, error };
    }

    it('stops at the second read when page 2 links back to page 1', async () => {
      server.script((req) => {
        if (!req.url.includes('cursor=2')) return { status: 200, json: { items: [person(1)] }, headers: { Link: `<${server.baseUrl}/people?callingData=true&max=100&cursor=2>; rel="next"` } };
        // Back to where the listing began (same parameters, in another order).
        return { status: 200, json: { items: [person(2)] }, headers: { Link: `<${server.baseUrl}/people?max=100&callingData=true>; rel="next"` } };
      });
      const { pages, error } = await listAll();
      assert.deepEqual([error.kind, error.message], ['unusableResponse', 'Webex kept sending the same pages of people; the listing was stopped after 2 pages']);
      assert.deepEqual(error.paging, { what: 'people', reason: 'repeatedPage', pages: 2 });
      assert.equal(pages, 2);
      assert.equal(server.requests.length, 2, 'page 1 is not read again');
    });

    it('stops when a new link brings back the same people', async () => {
      // A cursor that changes on every page while the people do not (the listing would end after 50).
      server.script((_req, index) => ({
        status: 200,
        json: { items: [person(1), person(2)] },
        headers: index < 50 ? { Link: `<${server.baseUrl}/people?callingData=true&max=100&cursor=${index + 1}>; rel="next"` } : undefined,
      }));
      const { pages, error } = await listAll();
      assert.equal(error.message, 'Webex kept sending the same pages of people; the listing was stopped after 2 pages');
      assert.equal(pages, 1, 'the repeated page is not handed on');
      assert.equal(server.requests.length, 2);
    });

    it('stops after its page cap, however the links go on', async () => {
      // Empty pages with ever-new cursors; the listing would end a few pages past the cap.
      server.script((_req, index) => ({
        status: 200,
        json: { items: [] },
        headers: index < 25 ? { Link: `<${server.baseUrl}/people?callingData=true&max=100&cursor=${index + 1}>; rel="next"` } : undefined,
      }));
      let pages = 0;
      const error = await caught(
        (async () => {
          for await (const _page of client().admin.listCallingPeople({ maxPages: 20 })) pages++;
        })(),
      );
      assert.equal(error.message, 'Webex kept sending more pages of people; the listing was stopped after 20 pages');
      assert.deepEqual(error.paging, { what: 'people', reason: 'tooManyPages', pages: 20 });
      assert.deepEqual([pages, server.requests.length], [0, 20]);
    });

    it('caps a listing at the pages 100,000 people take at the smallest page a 504 leaves', () => {
      assert.equal(MAX_LISTED_PEOPLE_PAGES, 10_000);
      assert.equal(MAX_LISTED_PEOPLE_PAGES * MIN_CALLING_PAGE_SIZE, MAX_LISTED_PEOPLE);
    });

    it(`stops after ${MAX_LISTED_PEOPLE} people, however the links go on`, async () => {
      let n = 0;
      server.script(() => {
        const page = Array.from({ length: 100 }, (_, i) => person(n * 100 + i));
        return { status: 200, json: { items: page }, headers: { Link: `<${server.baseUrl}/people?callingData=true&max=100&cursor=${++n}>; rel="next"` } };
      });
      let people = 0;
      const error = await caught(
        (async () => {
          for await (const items of client().admin.listCallingPeople()) people += items.length;
        })(),
      );
      assert.equal(error.message, `Webex listed more than ${MAX_LISTED_PEOPLE} people, more than the bot reads in one go`);
      assert.deepEqual(error.paging, { what: 'people', reason: 'tooManyItems', pages: MAX_LISTED_PEOPLE / 100 + 1 });
      assert.equal(people, MAX_LISTED_PEOPLE);
    });

    it('halves max on a 504 (as the List People reference says), asks for the same page again, and says so each time', async () => {
      const failing = new Set(['max=100&cursor=', 'max=50&cursor=1', 'max=25&cursor=1']);
      server.script((req) => {
        const url = new URL(req.url, 'http://x');
        const max = url.searchParams.get('max');
        const cursor = url.searchParams.get('cursor') ?? '';
        if (failing.has(`max=${max}&cursor=${cursor}`)) return { status: 504, json: webexErrorBody(504) };
        if (cursor === '') return { status: 200, json: { items: [person(1)] }, headers: { Link: `<${server.baseUrl}/people?callingData=true&max=${max}&cursor=1>; rel="next"` } };
        return { status: 200, json: { items: [person(2)] } };
      });
      const reduced: Array<{ from: number; to: number }> = [];
      const pages = [];
      for await (const items of client().admin.listCallingPeople({ onPageSizeReduced: (change) => reduced.push(change) })) pages.push(items);
      assert.deepEqual(pages, [[person(1)], [person(2)]]);
      assert.deepEqual(
        server.requests.map((req) => req.url),
        [
          '/v1/people?callingData=true&max=100',
          '/v1/people?callingData=true&max=50',
          '/v1/people?callingData=true&max=50&cursor=1',
          '/v1/people?callingData=true&max=25&cursor=1',
          '/v1/people?callingData=true&max=12&cursor=1',
        ],
        'no retry of a 504 at the same size; the cursor is kept',
      );
      assert.deepEqual(reduced, [{ from: 100, to: 50 }, { from: 50, to: 25 }, { from: 25, to: 12 }], 'told each time');
    });

    it(`gives up with the 504 once max is down to ${MIN_CALLING_PAGE_SIZE}`, async () => {
      server.script(() => ({ status: 504, json: webexErrorBody(504) }));
      const error = await caught(
        (async () => {
          for await (const _items of client({ retry: { maxRetries: 0 } }).admin.listCallingPeople({ pageSize: 20 })) {
            // nothing comes
          }
        })(),
      );
      assert.equal(error.status, 504);
      assert.deepEqual(
        server.requests.map((req) => req.url),
        ['/v1/people?callingData=true&max=20', '/v1/people?callingData=true&max=10'],
      );
    });
  });

  describe('Webex error statuses', () => {
    const statuses = [400, 401, 403, 404, 405, 409, 410, 415, 423, 428, 429, 500, 502, 503, 504];

    for (const status of statuses) {
      it(`${status} with a Webex error body becomes a WebexApiError with Webex's fields`, async () => {
        const headers: Record<string, string> = { TrackingID: `HEADER_${status}` };
        if (status === 423 || status === 429) headers['Retry-After'] = '7';
        server.script(() => ({ status, json: webexErrorBody(status), headers }));
        const error = await caught(client({ retry: { maxRetries: 0 } }).admin.getTransferNumbers(PERSON_ID, { orgId: 'alice@example.com' }));
        assert.deepEqual(error.toJSON(), {
          name: 'WebexApiError',
          status,
          kind: 'http',
          message: `Message for ${status}`,
          errorCode: 4000 + status,
          trackingId: `HEADER_${status}`,
          retryAfterSeconds: status === 423 || status === 429 ? 7 : undefined,
          method: 'GET',
          path: '/telephony/config/people/{id}/outgoingPermission/autoTransferNumbers',
        });
      });
    }

    const attemptsByStatus: [number, number][] = [
      [400, 1],
      [401, 1],
      [403, 1],
      [404, 1],
      [405, 1],
      [409, 1],
      [410, 1],
      [415, 1],
      [423, 4],
      [428, 1],
      [429, 4],
      [500, 2],
      [502, 4],
      [503, 4],
      [504, 4],
    ];
    for (const [status, attempts] of attemptsByStatus) {
      it(`${status} is tried ${attempts} time(s) in all under the default policy`, async () => {
        server.script(() => ({ status, json: webexErrorBody(status) }));
        const error = await caught(client().admin.getPerson(PERSON_ID));
        assert.equal(error.status, status);
        assert.equal(server.requests.length, attempts);
      });
    }

    it('uses the body trackingId when the header is missing', async () => {
      server.script(() => ({ status: 404, json: webexErrorBody(404) }));
      const error = await caught(client().admin.getPerson(PERSON_ID));
      assert.equal(error.trackingId, 'BODY_404');
      assert.equal(error.path, '/people/{id}');
    });

    it('uses the first error description when there is no message', async () => {
      server.script(() => ({ status: 404, json: { errors: [{ description: 'User is not a Webex Calling user', errorCode: 4008 }] }, headers: { trackingid: 'ROUTER_X' } }));
      const error = await caught(client().admin.getTransferNumbers(PERSON_ID));
      assert.deepEqual([error.message, error.errorCode, error.trackingId], ['User is not a Webex Calling user', 4008, 'ROUTER_X']);
    });

    it('gives a neutral message when the body is missing', async () => {
      server.script(() => ({ status: 403, headers: { trackingid: 'ROUTER_EMPTY' } }));
      const error = await caught(client().admin.getOutgoingPermission(PERSON_ID));
      assert.deepEqual(error.toJSON(), {
        name: 'WebexApiError',
        status: 403,
        kind: 'http',
        message: 'Webex answered 403 Forbidden',
        errorCode: undefined,
        trackingId: 'ROUTER_EMPTY',
        retryAfterSeconds: undefined,
        method: 'GET',
        path: '/people/{id}/features/outgoingPermission',
      });
    });

    it('gives a neutral message when the body is not JSON', async () => {
      server.script(() => ({ status: 502, text: '<html><h1>502 Bad Gateway</h1><p>upstream https://internal.example/x?token=1</p></html>' }));
      const error = await caught(client({ retry: { maxRetries: 0 } }).admin.findPeopleByEmail('alice@example.com'));
      assert.equal(error.message, 'Webex answered 502 Bad Gateway');
      assert.equal(error.path, '/people');
      assert.equal(error.errorCode, undefined);
    });

    it('rejects a 200 body it cannot use', async () => {
      server.script(() => ({ status: 200, json: { people: [] }, headers: { trackingid: 'ROUTER_ODD' } }));
      const error = await caught(client().admin.findPeopleByEmail('alice@example.com'));
      assert.deepEqual([error.status, error.message, error.trackingId], [200, 'Webex sent a response this bot cannot read', 'ROUTER_ODD']);
    });

    it('rejects a non-JSON 200 body for a person', async () => {
      server.script(() => ({ status: 200, text: 'hello' }));
      const error = await caught(client().admin.getMe());
      assert.equal(error.message, 'Webex sent a response this bot cannot read');
    });
  });

  describe('deadline', () => {
    const calls: [string, (admin: WebexAdminClient, deadline: number) => Promise<unknown>][] = [
      ['getMe', (admin, deadline) => admin.getMe({ deadline })],
      ['findPeopleByEmail', (admin, deadline) => admin.findPeopleByEmail('a@example.com', { deadline })],
      ['findPeopleByDisplayName', (admin, deadline) => admin.findPeopleByDisplayName('A', { deadline })],
      ['getPerson', (admin, deadline) => admin.getPerson(PERSON_ID, { deadline })],
      ['getTransferNumbers', (admin, deadline) => admin.getTransferNumbers(PERSON_ID, { deadline })],
      ['getOutgoingPermission', (admin, deadline) => admin.getOutgoingPermission(PERSON_ID, { deadline })],
      [
        'listCallingPeople',
        async (admin, deadline) => {
          for await (const _page of admin.listCallingPeople({ deadline })) {
            // drain
          }
        },
      ],
    ];
    for (const [name, call] of calls) {
      it(`${name} passes the deadline on: a 429 asking for 30 s fails at once when 10 s remain`, async () => {
        const now = Date.now();
        server.script(() => ({ status: 429, json: webexErrorBody(429), headers: { 'Retry-After': '30' } }));
        const { admin, sleeps } = client({ retry: { now: () => now } });
        const error = await caught(call(admin, now + 10_000));
        assert.deepEqual([error.status, error.retryAfterSeconds], [429, 30]);
        assert.equal(server.requests.length, 1);
        assert.deepEqual(sleeps, []);
      });
    }
  });
});
