import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { PhoneNumber } from '../../../src/commands/types';
import type { AdminApi } from '../../../src/lookup/ports';
import { MAX_CACHED_SCANS, ReverseIndex } from '../../../src/lookup/reverse-index';
import type { ReverseScanProgress } from '../../../src/lookup/types';
import { phoneNumberOf } from '../../../src/commands/phone-number';
import { WebexApiError } from '../../../src/webex/errors';
import type { WebexPerson, WebexTransferNumbers } from '../../../src/webex/types';
import { locationAndWorkspaceStubs } from './no-locations-or-workspaces';

const T0 = Date.parse('2026-11-29T10:15:00Z');

function calling(name: string, locationId = 'LOC'): WebexPerson {
  const person: WebexPerson = { id: `P-${name}`, emails: [`${name}@example.com`], displayName: name, orgId: 'ORG' };
  if (locationId) person.locationId = locationId;
  return person;
}

const NUMBERS: Record<string, Partial<WebexTransferNumbers>> = {
  'P-alice': { autoTransferNumber1: '+1205553650', autoTransferNumber2: '+12055553651', autoTransferNumber3: '+12055553652' },
  'P-bob': { autoTransferNumber1: '+12055553661', autoTransferNumber2: null },
  'P-carol': { autoTransferNumber1: '2055553651', autoTransferNumber3: '+1 (205) 555-3651' },
  'P-dave': {},
  // Custom numbers off: the number stored on them does not apply; their location's numbers do.
  'P-erin': { useCustomTransferNumbers: false, autoTransferNumber1: '+12055553651' },
  'P-frank': { useCustomTransferNumbers: false },
};

interface FakeOptions {
  pages?: WebexPerson[][];
  /** Fails the listing when it reaches this page (0-based). */
  failListingAt?: { page: number; error: unknown };
  /** Per person: an error to throw, or a promise to wait for. */
  reads?: Record<string, unknown>;
}

function fakeAdmin(opts: FakeOptions = {}) {
  const pages = opts.pages ?? [[calling('alice'), calling('grace', ''), calling('bob')], [calling('carol'), calling('dave')]];
  let inFlight = 0;
  let mostInFlight = 0;
  const api: Record<keyof AdminApi, sinon.SinonStub> = {
    findPeopleByEmail: sinon.stub(),
    findPeopleByDisplayName: sinon.stub(),
    getPerson: sinon.stub(),
    getOutgoingPermission: sinon.stub(),
    ...locationAndWorkspaceStubs(),
    getWorkspaceTransferNumbers: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'no calling' })),
    getWorkspaceOutgoingPermission: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'no calling' })),
    listCallingPeople: sinon.stub().callsFake(async function* () {
      for (const [i, page] of pages.entries()) {
        if (opts.failListingAt?.page === i) throw opts.failListingAt.error;
        yield page;
      }
    }),
    getTransferNumbers: sinon.stub().callsFake(async (personId: string) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        await new Promise((resolve) => setImmediate(resolve));
        const planned = opts.reads?.[personId];
        if (planned instanceof Promise) await planned;
        else if (planned !== undefined) throw planned;
        return { useCustomTransferNumbers: true, ...NUMBERS[personId] };
      } finally {
        inFlight--;
      }
    }),
  };
  return { api, mostInFlight: () => mostInFlight };
}

function typed(text: string): PhoneNumber {
  return phoneNumberOf(text);
}

function clock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('lookup/ReverseIndex', () => {
  it('finds every calling user with the number, in listing order, with the slots it is in', async () => {
    const { api } = fakeAdmin();
    const index = new ReverseIndex(api, { now: clock().now });
    const result = await index.find(typed('(205) 555-3651'));
    assert.deepEqual(
      result.matches.map((m) => [m.person.email, m.slots]),
      [
        ['alice@example.com', [{ slot: 2, number: '+12055553651' }]],
        [
          'carol@example.com',
          [
            { slot: 1, number: '2055553651' },
            { slot: 3, number: '+1 (205) 555-3651' },
          ],
        ],
      ],
    );
    assert.deepEqual(
      { scanned: result.scanned, listed: result.listed, failed: result.failed, complete: result.complete, stoppedEarly: result.stoppedEarly },
      { scanned: 4, listed: 4, failed: 0, complete: true, stoppedEarly: false },
    );
    assert.equal(result.readAt.getTime(), T0);
    assert.deepEqual(result.number, typed('(205) 555-3651'));
    assert.equal('orgId' in result, false);
  });

  it('skips people without a calling location: they have no transfer numbers to read', async () => {
    const { api } = fakeAdmin();
    await new ReverseIndex(api).find(typed('+12055553661'));
    assert.deepEqual(
      api.getTransferNumbers.getCalls().map((c) => c.args[0]),
      ['P-alice', 'P-bob', 'P-carol', 'P-dave'],
    );
  });

  it('finds a stored value that is not a valid number by its digits', async () => {
    const { api } = fakeAdmin();
    const result = await new ReverseIndex(api).find(typed('+1205553650'));
    assert.deepEqual(
      result.matches.map((m) => [m.person.displayName, m.slots.map((s) => s.slot)]),
      [['alice', [1]]],
    );
  });

  it('answers "no one" with the count of people checked', async () => {
    const { api } = fakeAdmin();
    const result = await new ReverseIndex(api).find(typed('+442071838750'));
    assert.deepEqual([result.matches, result.scanned, result.complete], [[], 4, true]);
  });

  it('reads at most `concurrency` people at once (default 4)', async () => {
    const many = Array.from({ length: 12 }, (_, i) => calling(`p${i}`));
    const fourAtOnce = fakeAdmin({ pages: [many] });
    await new ReverseIndex(fourAtOnce.api).find(typed('+12055553661'));
    assert.equal(fourAtOnce.mostInFlight(), 4);
    const twoAtOnce = fakeAdmin({ pages: [many] });
    await new ReverseIndex(twoAtOnce.api, { concurrency: 2 }).find(typed('+12055553661'));
    assert.equal(twoAtOnce.mostInFlight(), 2);
  });

  it('reuses a complete scan for 5 minutes, for any number, then scans again', async () => {
    const { api } = fakeAdmin();
    const time = clock();
    const index = new ReverseIndex(api, { now: time.now });
    await index.find(typed('+12055553651'));
    time.advance(4 * 60_000);
    const cached = await index.find(typed('+12055553661'));
    assert.equal(api.listCallingPeople.callCount, 1);
    assert.equal(api.getTransferNumbers.callCount, 5, 'the scan, then its one match read again');
    assert.deepEqual([cached.reread, cached.rereadAt?.getTime()], [1, T0 + 4 * 60_000]);
    assert.deepEqual(
      cached.matches.map((m) => m.person.displayName),
      ['bob'],
    );
    assert.equal(cached.readAt.getTime(), T0, 'the answer says when the scan it comes from ran');
    time.advance(60_000);
    await index.find(typed('+12055553661'));
    assert.equal(api.listCallingPeople.callCount, 2);
  });

  it('takes a shorter time to live', async () => {
    const { api } = fakeAdmin();
    const time = clock();
    const index = new ReverseIndex(api, { now: time.now, ttlMs: 1_000 });
    await index.find(typed('+12055553651'));
    time.advance(999);
    await index.find(typed('+12055553651'));
    assert.equal(api.listCallingPeople.callCount, 1);
    time.advance(1);
    await index.find(typed('+12055553651'));
    assert.equal(api.listCallingPeople.callCount, 2);
  });

  it('shares one scan between concurrent look-ups of the same org', async () => {
    const { api } = fakeAdmin();
    const index = new ReverseIndex(api);
    const [a, b] = await Promise.all([index.find(typed('+12055553651')), index.find(typed('+12055553661'))]);
    assert.equal(api.listCallingPeople.callCount, 1);
    assert.deepEqual([a.matches.length, b.matches.length], [2, 1]);
  });

  it('passes the org and the deadline to every call, and keeps org scans apart', async () => {
    const { api } = fakeAdmin();
    const index = new ReverseIndex(api);
    const deadline = Date.now() + 60_000;
    const result = await index.find(typed('+12055553651'), { orgId: 'CUSTOMER', deadline });
    assert.equal(result.orgId, 'CUSTOMER');
    const listing = api.listCallingPeople.firstCall.args[0];
    assert.equal(typeof listing.onPageSizeReduced, 'function');
    assert.deepEqual({ ...listing, onPageSizeReduced: undefined }, { orgId: 'CUSTOMER', deadline, pageSize: 100, onPageSizeReduced: undefined });
    for (const call of api.getTransferNumbers.getCalls()) assert.deepEqual(call.args[1], { orgId: 'CUSTOMER', deadline });
    await index.find(typed('+12055553651'));
    assert.equal(api.listCallingPeople.callCount, 2, 'the own org is scanned on its own');
    assert.equal(api.listCallingPeople.secondCall.args[0].orgId, undefined);
  });

  it('counts a person whose numbers cannot be read, goes on, and next time re-reads only that person', async () => {
    const failure = new WebexApiError({ status: 503, message: 'down', trackingId: 'T-503' });
    const { api } = fakeAdmin({ reads: { 'P-alice': failure } });
    const index = new ReverseIndex(api);
    const result = await index.find(typed('(205) 555-3651'));
    assert.deepEqual(
      result.matches.map((m) => m.person.displayName),
      ['carol'],
    );
    assert.deepEqual([result.scanned, result.failed, result.complete], [3, 1, false]);
    assert.equal(result.lastFailure, failure);
    const readsBefore = api.getTransferNumbers.callCount;
    const again = await index.find(typed('(205) 555-3651'));
    assert.equal(api.listCallingPeople.callCount, 1, 'no second listing');
    assert.deepEqual(
      api.getTransferNumbers.getCalls().slice(readsBefore).map((c) => c.args[0]),
      ['P-alice', 'P-carol'],
      'of the scan only the person who failed is read again; then the answer reads its match again',
    );
    assert.deepEqual([again.failed, again.complete], [1, false]);
  });

  it('completes the kept scan once the failed person can be read', async () => {
    const reads: Record<string, unknown> = { 'P-alice': new WebexApiError({ status: 503, message: 'down' }) };
    const { api } = fakeAdmin({ reads });
    const index = new ReverseIndex(api);
    await index.find(typed('(205) 555-3651'));
    delete reads['P-alice'];
    const again = await index.find(typed('(205) 555-3651'));
    assert.deepEqual([again.scanned, again.failed, again.complete], [4, 0, true]);
    assert.deepEqual(
      again.matches.map((m) => m.person.displayName).sort(),
      ['alice', 'carol'],
    );
    await index.find(typed('(205) 555-3651'));
    assert.equal(api.getTransferNumbers.callCount, 9, 'a complete scan is reused: only its 2 matches are read again');
    assert.equal(api.listCallingPeople.callCount, 1);
  });

  it('keys scans by the organization, not by how it was typed, and keeps a bounded number of them', async () => {
    const { api } = fakeAdmin();
    const index = new ReverseIndex(api);
    const uuid = '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01';
    const base64 = Buffer.from(`ciscospark://us/ORGANIZATION/${uuid}`).toString('base64').replace(/=+$/, '');
    await index.find(typed('+12055553651'), { orgId: base64 });
    await index.find(typed('+12055553651'), { orgId: uuid.toUpperCase() });
    assert.equal(api.listCallingPeople.callCount, 1, 'one org, two spellings, one scan');
    for (let i = 0; i < MAX_CACHED_SCANS; i++) await index.find(typed('+12055553651'), { orgId: `0000000${i}-0000-4000-8000-000000000000`.slice(-36) });
    await index.find(typed('+12055553651'), { orgId: base64 });
    assert.equal(api.listCallingPeople.callCount, MAX_CACHED_SCANS + 2, 'the oldest scan was let go');
  });

  it("scans the token's own organization once, whether it is named or not", async () => {
    const { api } = fakeAdmin();
    const home = '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01';
    const named = Buffer.from(`ciscospark://us/ORGANIZATION/${home}`).toString('base64').replace(/=+$/, '');
    const index = new ReverseIndex(api, { homeOrgId: () => home });
    await index.find(typed('+12055553651'));
    const again = await index.find(typed('+12055553661'), { orgId: named });
    assert.equal(api.listCallingPeople.callCount, 1, 'one org, one scan');
    assert.equal(api.getTransferNumbers.callCount, 5, 'the scan, and the one match read again');
    assert.deepEqual(again.matches.map((m) => m.person.displayName), ['bob']);
    assert.equal(again.orgId, named, 'the answer still names the org that was asked for');
  });

  it('with DEFAULT_ORG_ID, scans that org once, whether it is named or not', async () => {
    const { api } = fakeAdmin();
    const customer = '7d0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e02';
    const index = new ReverseIndex(api, { defaultOrgId: customer, homeOrgId: () => '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01' });
    await index.find(typed('+12055553651'));
    await index.find(typed('+12055553651'), { orgId: customer.toUpperCase() });
    assert.equal(api.listCallingPeople.callCount, 1);
    assert.equal(api.listCallingPeople.firstCall.args[0].orgId, customer);
  });

  it('lets a kept scan go when its time is up, even after its failed people were read again', async () => {
    const reads: Record<string, unknown> = { 'P-alice': new WebexApiError({ status: 503, message: 'down' }) };
    const { api } = fakeAdmin({ reads });
    const time = clock();
    const index = new ReverseIndex(api, { now: time.now, ttlMs: 60_000 });
    await index.find(typed('+12055553651'));
    time.advance(59_000);
    delete reads['P-alice'];
    assert.equal((await index.find(typed('+12055553651'))).complete, true);
    time.advance(1_000);
    await index.find(typed('+12055553651'));
    assert.equal(api.listCallingPeople.callCount, 2, 'the re-read did not extend the first scan');
  });

  it('starts the next scan of an org at the page size its last 504s left, and reports the reduction once per scan', async () => {
    const { api } = fakeAdmin();
    const sizes: number[] = [];
    api.listCallingPeople.callsFake(async function* (opts: { pageSize: number; onPageSizeReduced?: (c: { from: number; to: number }) => void }) {
      sizes.push(opts.pageSize);
      // Webex times out until the page is small enough: 100 and 50 fail, 25 works.
      for (let size = opts.pageSize; size > 25; size = Math.floor(size / 2)) opts.onPageSizeReduced?.({ from: size, to: Math.floor(size / 2) });
      yield [calling('bob')];
    });
    const reported: Array<{ from: number; to: number }> = [];
    const index = new ReverseIndex(api, { ttlMs: 0, onPageSizeReduced: (change) => reported.push(change) });
    await index.find(typed('+12055553661'));
    await index.find(typed('+12055553661'));
    const other = '7d0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e02';
    await index.find(typed('+12055553661'), { orgId: other });
    assert.deepEqual(sizes, [100, 25, 100], 'the second scan of the org starts where the first settled; another org starts at 100');
    assert.deepEqual(reported, [{ from: 100, to: 25 }, { from: 100, to: 25 }], 'once per scan that reduced, from its first size to its last');
  });

  it('counts a 404 (no calling settings) as checked, not as a failure', async () => {
    const { api } = fakeAdmin({ reads: { 'P-bob': new WebexApiError({ status: 404, message: 'User is not a Webex Calling user.' }) } });
    const result = await new ReverseIndex(api).find(typed('+12055553661'));
    assert.deepEqual([result.matches, result.scanned, result.failed, result.complete], [[], 4, 0, true]);
  });

  for (const status of [403, 429]) {
    it(`fails the look-up with the WebexApiError when listing people answers ${status}`, async () => {
      const error = new WebexApiError({ status, message: 'no', trackingId: `T-${status}` });
      const { api } = fakeAdmin({ failListingAt: { page: 1, error } });
      const index = new ReverseIndex(api);
      await assert.rejects(index.find(typed('+12055553651')), (err) => err === error);
      api.listCallingPeople.callsFake(async function* () {
        yield [calling('bob')];
      });
      assert.equal((await index.find(typed('+12055553661'))).matches.length, 1, 'a failed scan is not kept either');
    });
  }

  it('lets a programming error through', async () => {
    const { api } = fakeAdmin({ reads: { 'P-bob': new TypeError('boom') } });
    await assert.rejects(new ReverseIndex(api).find(typed('+12055553661')), /boom/);
  });

  it('reports progress as people are listed and read, ending with everyone', async () => {
    const { api } = fakeAdmin();
    const seen: ReverseScanProgress[] = [];
    await new ReverseIndex(api).find(typed('+12055553661'), { onProgress: (p) => seen.push(p) });
    assert.deepEqual(seen[0], { listed: 2, read: 0, listingDone: false }, 'after the first page (grace has no location)');
    assert.deepEqual(seen.at(-1), { listed: 4, read: 4, listingDone: true });
    assert.ok(seen.some((p) => p.listingDone === false && p.listed === 4), 'the second page is reported before listing ends');
  });

  it('does not let a failing progress callback stop the scan', async () => {
    const { api } = fakeAdmin();
    const result = await new ReverseIndex(api).find(typed('+12055553661'), {
      onProgress: () => {
        throw new Error('could not post');
      },
    });
    assert.equal(result.complete, true);
  });

  describe('when the deadline comes first', () => {
    let timers: sinon.SinonFakeTimers;
    beforeEach(() => {
      timers = sinon.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    });
    afterEach(() => timers.restore());

    it('answers from what was read by the deadline less the margin, and keeps nothing', async () => {
      let releaseCarol!: () => void;
      const carolRead = new Promise<void>((resolve) => (releaseCarol = resolve));
      const { api } = fakeAdmin({ reads: { 'P-carol': carolRead } });
      const index = new ReverseIndex(api, { concurrency: 1 });
      const seen: ReverseScanProgress[] = [];
      const pending = index.find(typed('(205) 555-3651'), { deadline: T0 + 10_000, onProgress: (p) => seen.push(p) });
      // Let alice and bob be read; carol hangs.
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      await timers.tickAsync(7_999);
      assert.equal(await Promise.race([pending.then(() => 'answered'), Promise.resolve('waiting')]), 'waiting');
      await timers.tickAsync(1);
      const result = await pending;
      assert.deepEqual(
        { matches: result.matches.map((m) => m.person.displayName), scanned: result.scanned, listed: result.listed },
        { matches: ['alice'], scanned: 2, listed: 4 },
      );
      assert.deepEqual([result.stoppedEarly, result.complete], [true, false]);
      const reportsBefore = seen.length;
      releaseCarol();
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      assert.equal(seen.length, reportsBefore, 'no progress is reported after the answer');
      assert.equal(api.getTransferNumbers.callCount, 3, 'dave is never read: the scan stopped');
      await index.find(typed('(205) 555-3651'), { deadline: Date.now() + 60_000 });
      assert.equal(api.listCallingPeople.callCount, 2, 'a scan cut short is not reused');
    });
  });
});

describe('lookup/ReverseIndex: numbers in effect', () => {
  function withLocations(locationNumbers: Record<string, unknown>) {
    const { api } = fakeAdmin({ pages: [[calling('alice'), calling('erin', 'HQ'), calling('frank', 'HQ'), calling('dave', 'LAB')]] });
    api.getLocationTransferNumbers.callsFake(async (id: string) => {
      const planned = locationNumbers[id];
      if (planned instanceof Error) throw planned;
      return planned ?? {};
    });
    api.getLocation.callsFake(async (id: string) => ({ id, name: `Site ${id}` }));
    return api;
  }

  it("reports a location whose numbers include it, with how many follow it, and never a follower's stored number", async () => {
    const api = withLocations({ HQ: { autoTransferNumber2: '+1 205-555-3651' } });
    const result = await new ReverseIndex(api, { now: clock().now }).find(typed('+12055553651'));
    assert.deepEqual(result.matches.map((m) => m.person.email), ['alice@example.com']);
    assert.deepEqual(result.locationMatches, [{ location: { id: 'HQ', name: 'Site HQ' }, slots: [{ slot: 2, number: '+1 205-555-3651' }], followers: 2, workspaceFollowers: 0 }]);
    assert.equal(api.getLocationTransferNumbers.callCount, 1, 'one read per location with followers');
    assert.equal(result.complete, true);
  });

  it("counts a location whose numbers could not be read, and reads only that location again on the next question", async () => {
    const api = withLocations({ HQ: new WebexApiError({ status: 503, message: 'down' }) });
    const index = new ReverseIndex(api, { now: clock().now });
    const first = await index.find(typed('+12055550100'));
    assert.equal(first.locationsFailed, 1);
    assert.equal(first.complete, false);
    api.getLocationTransferNumbers.callsFake(async () => ({ autoTransferNumber1: '+12055550100' }));
    const second = await index.find(typed('+12055550100'));
    assert.equal(second.locationsFailed, 0);
    assert.deepEqual(second.locationMatches.map((m) => [m.location.id, m.followers]), [['HQ', 2]]);
    assert.equal(api.listCallingPeople.callCount, 1, 'the listing is not repeated');
  });
});

describe('lookup/ReverseIndex: workspaces', () => {
  it('reads Webex Calling workspaces after the people: their own numbers match, and those that follow a location count for it', async () => {
    const { api } = fakeAdmin({ pages: [[calling('alice'), calling('erin', 'HQ')]] });
    api.listCallingWorkspacePages.callsFake(async function* () {
      yield [
        { id: 'W-LOBBY', displayName: 'Lobby Phone', orgId: 'ORG', locationId: 'HQ' },
        { id: 'W-KIOSK', displayName: 'Kiosk', orgId: 'ORG', locationId: 'HQ' },
      ];
    });
    api.getWorkspaceTransferNumbers.callsFake(async (id: string) =>
      id === 'W-LOBBY' ? { useCustomTransferNumbers: true, autoTransferNumber1: '+12055553651' } : { useCustomTransferNumbers: false },
    );
    api.getLocationTransferNumbers.resolves({ autoTransferNumber1: '+12055553651' });
    const result = await new ReverseIndex(api, { now: clock().now }).find(typed('+12055553651'));
    assert.deepEqual(
      result.matches.map((m) => [m.person.displayName, m.person.kind ?? 'person']),
      [
        ['alice', 'person'],
        ['Lobby Phone', 'workspace'],
      ],
    );
    assert.deepEqual(result.locationMatches.map((m) => [m.location.id, m.followers, m.workspaceFollowers]), [['HQ', 1, 1]]);
    assert.equal(result.scanned, 4);
    assert.equal(result.workspacesUnsearched, undefined);
  });

  it('answers from the people when workspaces may not be listed, and says why', async () => {
    const { api } = fakeAdmin();
    const refused = new WebexApiError({ status: 403, message: 'no scope' });
    // eslint-disable-next-line require-yield
    api.listCallingWorkspacePages.callsFake(async function* () {
      throw refused;
    });
    const result = await new ReverseIndex(api, { now: clock().now }).find(typed('(205) 555-3651'));
    assert.equal(result.matches.length, 2);
    assert.equal(result.workspacesUnsearched, refused);
  });

  it('lists everything again on the next question when workspaces could not be listed by chance, but keeps a 403', async () => {
    const { api } = fakeAdmin();
    // eslint-disable-next-line require-yield
    api.listCallingWorkspacePages.onFirstCall().callsFake(async function* () {
      throw new WebexApiError({ status: 503, message: 'down' });
    });
    const index = new ReverseIndex(api, { now: clock().now });
    const first = await index.find(typed('(205) 555-3651'));
    assert.equal(first.workspacesUnsearched?.status, 503);
    assert.equal(first.complete, false);
    const second = await index.find(typed('(205) 555-3651'));
    assert.equal(second.workspacesUnsearched, undefined);
    assert.equal(api.listCallingPeople.callCount, 2);

    const refused = fakeAdmin().api;
    // eslint-disable-next-line require-yield
    refused.listCallingWorkspacePages.callsFake(async function* () {
      throw new WebexApiError({ status: 403, message: 'no scope' });
    });
    const kept = new ReverseIndex(refused, { now: clock().now });
    await kept.find(typed('(205) 555-3651'));
    const again = await kept.find(typed('(205) 555-3651'));
    assert.equal(again.workspacesUnsearched?.status, 403);
    assert.equal(refused.listCallingPeople.callCount, 1, 'a 403 would come again: the scan is kept');
  });
});

describe('lookup/ReverseIndex: a re-read that runs out of time', () => {
  it('does not count a follower twice when the read it gave up on finishes later', async () => {
    let release!: () => void;
    const hang = new Promise<void>((resolve) => (release = resolve));
    const reads: Record<string, unknown> = { 'P-erin': new WebexApiError({ status: 503, message: 'down' }) };
    const { api } = fakeAdmin({ pages: [[calling('erin', 'HQ'), calling('frank', 'HQ')]], reads });
    api.getLocationTransferNumbers.resolves({ autoTransferNumber1: '+12055550100' });
    const index = new ReverseIndex(api, { deadlineMarginMs: 0 });
    const first = await index.find(typed('+12055550100'));
    assert.deepEqual([first.failed, first.locationMatches[0].followers], [1, 1]);
    reads['P-erin'] = hang;
    const second = await index.find(typed('+12055550100'), { deadline: Date.now() + 50 });
    assert.equal(second.locationMatches[0].followers, 1, 'the kept scan answers');
    release();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    delete reads['P-erin'];
    const third = await index.find(typed('+12055550100'));
    assert.deepEqual([third.failed, third.locationMatches[0].followers], [0, 2]);
  });
});

describe('lookup/ReverseIndex: answers from a kept scan', () => {
  it('reads the matches again: one whose number changed drops out, and the kept scan learns it', async () => {
    const { api } = fakeAdmin();
    const time = clock();
    const index = new ReverseIndex(api, { now: time.now });
    await index.find(typed('(205) 555-3651'));
    time.advance(60_000);
    const reads = api.getTransferNumbers.callCount;
    api.getTransferNumbers.withArgs('P-carol').resolves({ useCustomTransferNumbers: true, autoTransferNumber1: '+12055550000' });
    const answer = await index.find(typed('(205) 555-3651'));
    assert.deepEqual(answer.matches.map((m) => m.person.displayName), ['alice']);
    assert.equal(answer.reread, 2);
    assert.equal(api.getTransferNumbers.callCount, reads + 2);
    const moved = await index.find(typed('+12055550000'));
    assert.deepEqual(moved.matches.map((m) => m.person.displayName), ['carol'], 'the kept scan has her new number');
    assert.equal(api.listCallingPeople.callCount, 1);
  });

  it('keeps what the scan had when a read fails, and reads at most 10 matches again', async () => {
    const many = Array.from({ length: 12 }, (_, i) => calling(`p${i}`));
    const { api } = fakeAdmin({ pages: [many] });
    api.getTransferNumbers.callsFake(async () => ({ useCustomTransferNumbers: true, autoTransferNumber1: '+12055553651' }));
    const time = clock();
    const index = new ReverseIndex(api, { now: time.now });
    await index.find(typed('+12055553651'));
    time.advance(1_000);
    api.getTransferNumbers.withArgs('P-p0').rejects(new WebexApiError({ status: 503, message: 'down' }));
    const answer = await index.find(typed('+12055553651'));
    assert.equal(answer.matches.length, 12, 'p0 kept from the scan; p10 and p11 not read again');
    assert.equal(answer.reread, 9, 'the 10 reads less the one that failed');
    assert.equal(api.getTransferNumbers.callCount, 12 + 10);
  });

  it("reads a matched location's numbers again too", async () => {
    const { api } = fakeAdmin({ pages: [[calling('erin', 'HQ')]] });
    api.getLocationTransferNumbers.resolves({ autoTransferNumber1: '+12055550100' });
    const time = clock();
    const index = new ReverseIndex(api, { now: time.now });
    assert.equal((await index.find(typed('+12055550100'))).locationMatches.length, 1);
    time.advance(1_000);
    api.getLocationTransferNumbers.resolves({ autoTransferNumber1: '+12055559999' });
    const answer = await index.find(typed('+12055550100'));
    assert.deepEqual(answer.locationMatches, []);
    assert.equal(answer.reread, 1);
  });
});

describe('lookup/ReverseIndex.learn', () => {
  it('puts what a look-up read into the kept scan of the person\'s org: a new number is found without a new scan', async () => {
    const { api } = fakeAdmin();
    const home = '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01';
    const index = new ReverseIndex(api, { homeOrgId: () => home });
    await index.find(typed('+12055553661'));
    const bob = { id: 'P-bob', displayName: 'bob', email: 'bob@example.com', orgId: home };
    // What Webex says now (the answer reads its matches again).
    api.getTransferNumbers.withArgs('P-bob').resolves({ useCustomTransferNumbers: true, autoTransferNumber1: '+12055550123' });
    api.getTransferNumbers.withArgs('P-new').resolves({ useCustomTransferNumbers: true, autoTransferNumber1: '+12055550777' });
    index.learn({ person: bob, transfer: { useCustomTransferNumbers: true, numbers: ['+12055550123', null, null] } });
    const found = await index.find(typed('+12055550123'));
    assert.deepEqual(found.matches.map((m) => m.person.displayName), ['bob']);
    index.learn({ person: bob, transfer: { useCustomTransferNumbers: false, numbers: ['+12055550123', null, null] } });
    assert.deepEqual((await index.find(typed('+12055550123'))).matches, [], 'custom numbers off: their stored ones no longer apply');
    index.learn({ person: { ...bob, id: 'P-new' }, transfer: { useCustomTransferNumbers: true, numbers: ['+12055550777', null, null] } });
    assert.equal((await index.find(typed('+12055550777'))).matches.length, 1, 'someone the scan had not read');
    assert.equal(api.listCallingPeople.callCount, 1);
  });

  it('does nothing without a kept scan of that org, nor for someone whose org is not known', async () => {
    const { api } = fakeAdmin();
    const index = new ReverseIndex(api);
    index.learn({ person: { id: 'P-x', displayName: 'x', email: '', orgId: 'ORG' }, transfer: { useCustomTransferNumbers: true, numbers: ['+12055550999', null, null] } });
    assert.deepEqual((await index.find(typed('+12055550999'))).matches, [], 'a scan, not what was learnt before it');
    assert.equal(api.listCallingPeople.callCount, 1);
    index.learn({ person: { id: 'P-y', displayName: 'y', email: '', orgId: '' }, transfer: { useCustomTransferNumbers: true, numbers: ['+12055550998', null, null] } });
    assert.deepEqual((await index.find(typed('+12055550998'))).matches, []);
  });

  it('takes someone whose read failed in the scan out of its failures, so the next question neither re-reads nor doubles them', async () => {
    const { api } = fakeAdmin({ reads: { 'P-alice': new WebexApiError({ status: 503, message: 'down' }) } });
    const index = new ReverseIndex(api, { homeOrgId: () => 'ORG' });
    const first = await index.find(typed('(205) 555-3651'));
    assert.equal(first.failed, 1);
    index.learn({ person: { id: 'P-alice', displayName: 'alice', email: 'alice@example.com', orgId: 'ORG' }, transfer: { useCustomTransferNumbers: true, numbers: ['+1205553650', '+12055553651', null] } });
    api.getTransferNumbers.withArgs('P-alice').resolves({ useCustomTransferNumbers: true, autoTransferNumber2: '+12055553651' });
    const again = await index.find(typed('(205) 555-3651'));
    assert.deepEqual(again.matches.map((m) => m.person.displayName).sort(), ['alice', 'carol']);
    assert.deepEqual([again.failed, again.complete], [0, true]);
  });
});
