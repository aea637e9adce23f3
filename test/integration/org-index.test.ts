// Issue "the whole organization at a glance": the org index behind "who transfers to" and the report,
// through the real framework and SDK against the emulator: the report's card and CSV file (in the space,
// or privately when the space has outsiders), a location report, the index built at start and shared by
// two instances on one Redis (built once).
import { strict as assert } from 'node:assert';
import { SEED_EMAILS } from '../../sandbox/emulator';
import type { WebexMessage } from '../../src/webex/types';
import { inspector, requireRedis, testRedisUrl } from '../helpers/redis';
import { sharedEmulator, startBotUnderTest, viewCard, type BotUnderTest } from './harness';

/** RFC 4180 rows (quoted fields with commas, quotes and line breaks). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('integration: the org index and the report', function () {
  this.timeout(60_000);

  describe('one instance', () => {
    let t: BotUnderTest;
    before(async () => {
      t = await startBotUnderTest({});
    });
    after(async () => {
      await t?.stop();
    });

    /** The card, then the message with the file, in `roomId`. */
    async function reportIn(roomId: string, ask: () => Promise<WebexMessage>): Promise<{ card: WebexMessage; file: WebexMessage; csv: string; type: string | null }> {
      const before = t.emulator.botMessages(roomId).length;
      await ask();
      const [card, file] = await t.emulator.waitForBotMessages({ roomId, count: 2, after: before, timeoutMs: 20_000 });
      assert.ok(file.files?.[0], 'the second message carries a file');
      const download = await fetch(file.files[0], { headers: { authorization: `Bearer ${t.emulator.tokens.user(SEED_EMAILS.agent)}` } });
      assert.equal(download.status, 200);
      return { card, file, csv: await download.text(), type: download.headers.get('content-type') };
    }

    it('answers "transfer numbers report" with a summary card and the full list as a CSV file right after it', async () => {
      const direct = t.emulator.rooms.direct;
      const { card, file, csv, type } = await reportIn(direct, () => t.ask('transfer numbers report'));
      const view = viewCard(card);
      assert.equal(view.texts[0], 'Transfer numbers report');
      assert.ok(view.texts.some((x) => /^Index as of \d\d:\d\d UTC/.test(x)), view.texts.join(' | '));
      assert.match(file.markdown ?? '', /^Transfer numbers report: \d+ rows \(one per calling user or workspace\), index as of \d\d:\d\d UTC\./);
      assert.match(type ?? '', /^text\/csv/);
      const rows = csvRows(csv.replace(/^\uFEFF/, ''));
      const header = rows[0];
      assert.deepEqual(header.slice(0, 4), ['Name', 'Email', 'Type', 'Location']);
      const alice = rows.find((r) => r[1] === SEED_EMAILS.alice);
      assert.ok(alice, 'Alice has a row');
      // Alice's stored number 1 (+1205553650, the reference's own example) is not a valid phone number:
      // kept as text, neutralized against formulas, and found.
      const number1 = alice[header.indexOf('Number 1')];
      assert.equal(number1, "'+1205553650");
      assert.match(alice[header.indexOf('Findings')], /number 1 is not a valid phone number/);
      const lobby = rows.find((r) => r[0] === 'Lobby Phone');
      assert.equal(lobby?.[header.indexOf('Type')], 'workspace');
      assert.equal(lobby?.[header.indexOf('Number 1')], '+12055550150');
      const rowCount = Number(/: (\d+) rows/.exec(file.markdown ?? '')?.[1]);
      assert.equal(rows.length - 1, rowCount);
    });

    it('narrows the report to a location by name, and says which locations there are when none matches', async () => {
      const direct = t.emulator.rooms.direct;
      const { card, csv } = await reportIn(direct, () => t.ask('transfer numbers report for location birmingham hq'));
      assert.equal(viewCard(card).texts[0], 'Transfer numbers report for location Birmingham HQ');
      const rows = csvRows(csv.replace(/^\uFEFF/, ''));
      const location = rows[0].indexOf('Location');
      assert.ok(rows.length > 2);
      assert.ok(rows.slice(1).every((r) => r[location] === 'Birmingham HQ'), 'only Birmingham HQ');
      const none = viewCard(await t.ask('transfer numbers report for location Atlantis'));
      assert.equal(none.texts[0], 'No such location');
      assert.ok(none.texts.some((x) => x.includes('**Birmingham HQ**')), none.texts.join(' | '));
    });

    it('sends the report privately, card and file, when the space has outsiders, and says so there', async () => {
      const direct = t.emulator.rooms.direct;
      const before = t.emulator.botMessages(direct).length;
      const notice = await t.ask('transfer numbers report', { roomId: t.emulator.rooms.partner, mentionBot: true });
      assert.match(notice.markdown ?? '', /I sent the answer to you in a private message/);
      const [card, file] = await t.emulator.waitForBotMessages({ roomId: direct, count: 2, after: before, timeoutMs: 20_000 });
      assert.equal(viewCard(card).texts[0], 'Transfer numbers report');
      assert.ok(file.files?.[0]);
      for (const m of t.emulator.botMessages(t.emulator.rooms.partner)) assert.equal(m.files, undefined, 'no file in the mixed space');
    });

    it('answers "who transfers to" from the index, saying as of when', async () => {
      const card = viewCard(await t.ask('who transfers to (205) 555-3661'));
      assert.ok(card.texts.includes('**Bob Baker** (bob.baker@example.com): Transfer number 1'), card.texts.join(' | '));
      assert.ok(card.texts.some((x) => /^Index as of \d\d:\d\d UTC: \d+ calling users; the match was read again at \d\d:\d\d UTC$/.test(x)), card.texts.join(' | '));
    });
  });

  describe('two instances on one Redis', () => {
    let a: BotUnderTest | undefined;
    let b: BotUnderTest | undefined;
    before(async function () {
      await requireRedis(this);
      // Whatever an earlier suite left of the index under the default prefix goes first.
      await inspector('tnbot:orgindex:').cleanup();
    });
    after(async () => {
      await a?.stop();
      await b?.stop();
    });

    it('builds the index at start once for both (ORG_INDEX_AT_START), and a restart does not build it again', async () => {
      const env = { REDIS_URL: testRedisUrl(), ORG_INDEX_AT_START: 'true' };
      (await sharedEmulator()).clearRequests();
      [a, b] = await Promise.all([startBotUnderTest(env), startBotUnderTest(env)]);
      const built = () => [...a!.logs.lines(), ...b!.logs.lines()].filter((l) => l.msg === 'index.built');
      for (let i = 0; i < 400 && built().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(built().length, 1, 'one instance built it');
      const requests = a.emulator.requests.filter((r) => r.role === 'admin');
      assert.equal(requests.filter((r) => r.route === 'people.list').length, 1);
      const reads = requests.filter((r) => r.route === 'transferNumbers.get' || r.route === 'workspaceTransferNumbers.get').length;
      const entries = built()[0].entries as number;
      assert.ok(reads <= entries + 10, `settings reads (${reads}) about one per entry (${entries}), not twice`);

      await a.stop();
      a.emulator.clearRequests();
      a = await startBotUnderTest(env);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(a.emulator.requests.filter((r) => r.route === 'people.list' && r.role === 'admin').length, 0, 'the stored index is used after a restart');
    });
  });
});
