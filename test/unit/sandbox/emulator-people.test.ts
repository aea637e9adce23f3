import { strict as assert } from 'node:assert';
import { createEmulator, SEED_EMAILS, SEED_LOCATIONS, SEED_ORG, SEED_PARTNER_ORG, type Emulator } from '../../../sandbox/emulator';
import type { WebexPeopleList, WebexPerson } from '../../../src/webex/types';
import { call } from './emulator-test-kit';

describe('webex emulator: auth and people', () => {
  let emu: Emulator;
  let base: string;

  before(async () => {
    emu = createEmulator();
    base = await emu.listen();
  });
  after(() => emu.close());

  const names = (r: { body: unknown }) => (r.body as WebexPeopleList).items.map((p) => p.displayName);

  describe('auth', () => {
    it('answers 401 in Webex error format, with a trackingid header, when the token is missing', async () => {
      const r = await call('GET', `${base}/people/me`);
      assert.equal(r.status, 401);
      const body = r.body as { message: string; errors: { description: string }[]; trackingId: string };
      assert.equal(body.message, 'The request requires a valid access token set in the Authorization request header.');
      assert.deepEqual(body.errors, [{ description: body.message }]);
      assert.match(body.trackingId, /^EMU_[0-9a-f-]{36}$/);
      assert.equal(r.headers.trackingid, body.trackingId);
    });

    it('answers 401 for an unknown token', async () => {
      const r = await call('GET', `${base}/people/me`, { token: 'not-a-known-token' });
      assert.equal(r.status, 401);
    });

    it('sets the trackingid header on successful answers too', async () => {
      const r = await call('GET', `${base}/people/me`, { token: emu.tokens.bot });
      assert.equal(r.status, 200);
      assert.match(String(r.headers.trackingid), /^EMU_/);
    });

    it('knows the bot, the admin and every seeded person by token, and no token contains an underscore', async () => {
      const bot = await call('GET', `${base}/people/me`, { token: emu.tokens.bot });
      const admin = await call('GET', `${base}/people/me`, { token: emu.tokens.admin });
      const agent = await call('GET', `${base}/people/me`, { token: emu.tokens.user(SEED_EMAILS.agent) });
      assert.deepEqual(
        [bot, admin, agent].map((r) => [(r.body as WebexPerson).displayName, (r.body as WebexPerson).type]),
        [
          ['Transfer Bot', 'bot'],
          ['Avery Admin', 'person'],
          ['Dana Desk', 'person'],
        ],
      );
      for (const person of emu.people.all()) assert.ok(!emu.tokens.user(person.emails[0]).includes('_'), person.emails[0]);
    });

    it('uses tokens given in the options', async () => {
      const custom = createEmulator({ tokens: { bot: 'my-bot', admin: 'my-admin', users: { [SEED_EMAILS.agent]: 'dana-token' } } });
      const url = await custom.listen();
      try {
        assert.equal((await call('GET', `${url}/people/me`, { token: 'dana-token' })).status, 200);
        assert.equal((await call('GET', `${url}/people/me`, { token: 'my-bot' })).status, 200);
        assert.equal((await call('GET', `${url}/people/me`, { token: 'sandbox-bot-token' })).status, 401);
      } finally {
        await custom.close();
      }
    });

    it('refuses tokens with an underscore', () => {
      assert.throws(() => createEmulator({ tokens: { bot: 'a_b_c' } }), /without '_'/);
    });
  });

  describe('GET /people', () => {
    it('finds a person by exact email, case-insensitively', async () => {
      const r = await call('GET', `${base}/people?email=ALICE@example.com`, { token: emu.tokens.admin });
      assert.equal(r.status, 200);
      assert.deepEqual(names(r), ['Alice Anderson']);
    });

    it('does not treat email as a prefix', async () => {
      const r = await call('GET', `${base}/people?email=alice@example.co`, { token: emu.tokens.admin });
      assert.deepEqual(names(r), []);
    });

    it('matches displayName as a case-insensitive prefix: "Chris" is ambiguous, "Chris Ca" is not', async () => {
      const chris = await call('GET', `${base}/people?displayName=chris`, { token: emu.tokens.admin });
      const chrisCa = await call('GET', `${base}/people?displayName=Chris%20Ca`, { token: emu.tokens.admin });
      assert.deepEqual(names(chris), ['Chris Carter', 'Chris Cooper']);
      assert.deepEqual(names(chrisCa), ['Chris Carter']);
    });

    it('looks up an id list and reports the ids it did not find', async () => {
      const alice = emu.people.id(SEED_EMAILS.alice);
      const bob = emu.people.id(SEED_EMAILS.bob);
      const r = await call('GET', `${base}/people?id=${alice},${bob},unknown-id`, { token: emu.tokens.bot });
      assert.deepEqual(names(r), ['Alice Anderson', 'Bob Baker']);
      assert.deepEqual((r.body as WebexPeopleList).notFoundIds, ['unknown-id']);
    });

    it('serves the SDK batcher form people/?id=…&showAllTypes=false', async () => {
      const r = await call('GET', `${base}/people/?id=${emu.people.id(SEED_EMAILS.agent)}&showAllTypes=false`, { token: emu.tokens.bot });
      assert.equal(r.status, 200);
      assert.deepEqual(names(r), ['Dana Desk']);
    });

    it('adds calling fields only with callingData=true', async () => {
      const plain = await call('GET', `${base}/people?email=${SEED_EMAILS.alice}`, { token: emu.tokens.admin });
      const calling = await call('GET', `${base}/people?email=${SEED_EMAILS.alice}&callingData=true`, { token: emu.tokens.admin });
      const p = (plain.body as WebexPeopleList).items[0];
      const c = (calling.body as WebexPeopleList).items[0];
      assert.equal(p.locationId, undefined);
      assert.equal(c.locationId, SEED_LOCATIONS.hq.id);
      assert.equal(c.extension, '3650');
      assert.deepEqual(c.phoneNumbers, [{ type: 'work', value: '+12055553650', primary: true }]);
    });

    it('gives no locationId to the person without Webex Calling', async () => {
      const r = await call('GET', `${base}/people?email=${SEED_EMAILS.grace}&callingData=true`, { token: emu.tokens.admin });
      const grace = (r.body as WebexPeopleList).items[0];
      assert.equal(grace.displayName, 'Grace Green');
      assert.equal(grace.locationId, undefined);
    });

    it('answers 403 to callingData=true from a non-admin token', async () => {
      const r = await call('GET', `${base}/people?email=${SEED_EMAILS.alice}&callingData=true`, { token: emu.tokens.bot });
      assert.equal(r.status, 403);
    });

    it('answers 400 when a non-admin gives no email, displayName or id', async () => {
      const r = await call('GET', `${base}/people`, { token: emu.tokens.bot });
      assert.equal(r.status, 400);
      assert.equal((r.body as { message: string }).message, 'Email, displayName, or id list should be specified.');
    });

    it('answers 400 to max outside its range, and never more than 100 people a page with callingData', async () => {
      assert.equal((await call('GET', `${base}/people?displayName=a&max=0`, { token: emu.tokens.admin })).status, 400);
      assert.equal((await call('GET', `${base}/people?displayName=a&max=abc`, { token: emu.tokens.admin })).status, 400);
      // List People: "If callingData=true, then max will not be more than 100."
      const big = await call('GET', `${base}/people?max=500&callingData=true`, { token: emu.tokens.admin });
      assert.equal(big.status, 200);
      assert.ok((big.body as WebexPeopleList).items.length <= 100);
    });

    it('leaves out locationId, extension and the calling phone numbers without callingData=true', async () => {
      for (const url of [`${base}/people?email=${SEED_EMAILS.alice}`, `${base}/people/${emu.people.id(SEED_EMAILS.alice)}`]) {
        const r = await call('GET', url, { token: emu.tokens.admin });
        const p = (url.includes('email=') ? (r.body as WebexPeopleList).items[0] : r.body) as Record<string, unknown>;
        assert.deepEqual([p.locationId, p.extension, p.phoneNumbers], [undefined, undefined, undefined], url);
      }
    });

    it('refuses query parameters the reference does not define for the operation (orgId on Get Person Details)', async () => {
      const r = await call('GET', `${base}/people/${emu.people.id(SEED_EMAILS.alice)}?orgId=x`, { token: emu.tokens.admin });
      assert.equal(r.status, 400);
      assert.match(String((r.body as { message?: string }).message), /Unknown query parameter\(s\) for this operation: orgId/);
    });

    it('pages with Link rel="next" until every match was returned', async () => {
      const seen: string[] = [];
      let url: string | undefined = `${base}/people?max=7`;
      let pages = 0;
      while (url) {
        const r = await call('GET', url, { token: emu.tokens.admin });
        assert.equal(r.status, 200);
        seen.push(...names(r));
        pages += 1;
        url = /<([^>]+)>;\s*rel="next"/.exec(String(r.headers.link ?? ''))?.[1];
      }
      const orgPeople = emu.people.all().filter((p) => p.orgId === SEED_ORG.id);
      assert.equal(pages, Math.ceil(orgPeople.length / 7));
      assert.deepEqual(seen, orgPeople.map((p) => p.displayName));
    });

    it('keeps the other filters in the next link', async () => {
      const r = await call('GET', `${base}/people?displayName=Chris&max=1`, { token: emu.tokens.admin });
      const next = /<([^>]+)>;\s*rel="next"/.exec(String(r.headers.link))?.[1] ?? '';
      assert.equal(new URL(next).searchParams.get('displayName'), 'Chris');
      const second = await call('GET', next, { token: emu.tokens.admin });
      assert.deepEqual(names(second), ['Chris Cooper']);
      assert.equal(second.headers.link, undefined);
    });

    it('keeps the person of another org out of name searches unless orgId asks for that org', async () => {
      const own = await call('GET', `${base}/people?displayName=Olga`, { token: emu.tokens.admin });
      const partner = await call('GET', `${base}/people?displayName=Olga&orgId=${SEED_PARTNER_ORG.id}`, { token: emu.tokens.admin });
      const byEmail = await call('GET', `${base}/people?email=${SEED_EMAILS.olga}`, { token: emu.tokens.admin });
      assert.deepEqual(names(own), []);
      assert.deepEqual(names(partner), ['Olga Orlova']);
      assert.deepEqual(names(byEmail), ['Olga Orlova']);
    });
  });

  describe('GET /people/{id}', () => {
    it('returns the person', async () => {
      const r = await call('GET', `${base}/people/${emu.people.id(SEED_EMAILS.alice)}`, { token: emu.tokens.bot });
      assert.equal(r.status, 200);
      assert.equal((r.body as WebexPerson).displayName, 'Alice Anderson');
    });

    it('answers 404 for an unknown id', async () => {
      const r = await call('GET', `${base}/people/Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub2JvZHk`, { token: emu.tokens.admin });
      assert.equal(r.status, 404);
      assert.equal((r.body as { message: string }).message, 'Could not find a person with provided ID.');
    });

    it('lets the bot see an outsider it shares a room with', async () => {
      const r = await call('GET', `${base}/people/${emu.people.id(SEED_EMAILS.olga)}`, { token: emu.tokens.bot });
      assert.equal(r.status, 200);
    });

    it("answers 403 to a non-admin asking for someone outside its org it shares no room with", async () => {
      const outsider = createEmulator({
        seed: { extraPeople: [{ email: 'zed@elsewhere.example.org', displayName: 'Zed Zimmer', orgId: SEED_PARTNER_ORG.id }] },
      });
      const url = await outsider.listen();
      try {
        const id = outsider.people.id('zed@elsewhere.example.org');
        assert.equal((await call('GET', `${url}/people/${id}`, { token: outsider.tokens.bot })).status, 403);
        assert.equal((await call('GET', `${url}/people/${id}`, { token: outsider.tokens.admin })).status, 200);
      } finally {
        await outsider.close();
      }
    });
  });
});
